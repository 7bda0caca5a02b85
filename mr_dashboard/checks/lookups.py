"""Whether a region holds what a value names, as Heat's custom
constraints find it.

Each constraint a template or a resource type declares (``glance.image``,
``nova.flavor``, ``neutron.network``...) is looked up through the
listing of the launch form's pickers (:data:`mr_dashboard.api.iaas.pickers.
PICKERS`: openstacksdk in the region, on the user's session, every page),
plus the few kinds no picker shows. As Heat's finders do, a value matches
an item's id, or else the name of exactly one item; a name several items
share is refused as ambiguous. A missing value is told with the closest
names the region does hold. A kind whose API filters by name is asked
for the value alone (:data:`FINDERS`), and listed only when it is not
found.
"""

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mr_dashboard.api.iaas import block_storage
from mr_dashboard.api.iaas import compute
from mr_dashboard.api.iaas import image
from mr_dashboard.api.iaas import network
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.iaas.pickers import PICKERS
from mr_dashboard.api.iaas.pickers import Picker
from mr_dashboard.api.iaas.sdk import Named

#: The lookups: the pickers' listings, a flavor listing that carries the
#: flavors' sizes (the quotas need them), QoS policies and each service's
#: availability zones (:data:`mr_dashboard.checks.schemas.ZONES`). A
#: ``barbican.secret`` value is a secret's id or reference of any type,
#: which the pickers' list of opaque secrets does not cover: not looked up.
LOOKUPS: dict[str, Picker] = {
    **{name: picker for name, picker in PICKERS.items()
       if name != "barbican.secret"},
    "nova.flavor": Picker(compute.SERVICE_TYPE, compute.flavor_details_list),
    "neutron.qos_policy": Picker(network.SERVICE_TYPE,
                                 network.qos_policy_list),
    "nova.availability_zone": Picker(compute.SERVICE_TYPE,
                                     compute.zone_list),
    "cinder.availability_zone": Picker(block_storage.SERVICE_TYPE,
                                       block_storage.zone_list),
    "neutron.availability_zone": Picker(network.SERVICE_TYPE,
                                        network.zone_list),
}

#: The kinds whose API finds a value by id or name without listing every
#: page (:func:`mr_dashboard.api.iaas.sdk.find_named`); their listing is asked
#: only when a value is not found, for the closest names. Flavors (Nova
#: filters no names, and the quotas need their sizes) and key pairs (one
#: page) are listed.
FINDERS: dict[str, Callable[[ApiRequest, str, str], list[Named]]] = {
    "glance.image": image.image_find,
    "neutron.network": network.network_find,
    "neutron.subnet": network.subnet_find,
    "neutron.router": network.router_find,
    "neutron.security_group": network.security_group_find,
    "neutron.port": network.port_find,
    "neutron.qos_policy": network.qos_policy_find,
}

#: The word for what each constraint names, in messages.
KINDS = {
    "glance.image": gettext_lazy("image"),
    "nova.flavor": gettext_lazy("flavor"),
    "nova.keypair": gettext_lazy("key pair"),
    "neutron.network": gettext_lazy("network"),
    "neutron.subnet": gettext_lazy("subnet"),
    "neutron.port": gettext_lazy("port"),
    "neutron.router": gettext_lazy("router"),
    "neutron.security_group": gettext_lazy("security group"),
    "neutron.qos_policy": gettext_lazy("QoS policy"),
    "cinder.volume": gettext_lazy("volume"),
    "cinder.vtype": gettext_lazy("volume type"),
    "cinder.snapshot": gettext_lazy("volume snapshot"),
    "cinder.backup": gettext_lazy("volume backup"),
    "nova.availability_zone": gettext_lazy("compute availability zone"),
    "cinder.availability_zone": gettext_lazy("volume availability zone"),
    "neutron.availability_zone": gettext_lazy("network availability zone"),
}

#: How many close names a failure offers.
CLOSEST = 3
#: Longer values are shown cut, and not compared for closeness (no name
#: of a cloud object is longer than 255 characters).
SHOWN_LENGTH = 80
COMPARED_LENGTH = 255


def kind_of(constraint: str) -> str:
    """The word for what ``constraint`` names."""
    return str(KINDS.get(constraint, constraint))


@dataclass(frozen=True)
class Match:
    """What a region holds under a value: the item, or why none."""

    item: Named | None = None
    problem: str = ""


def closest(value: str, items: list[Named]) -> list[str]:
    """The names of ``items`` closest to ``value`` (some names anyway)."""
    names = sorted({item.name or item.id for item in items}, key=str.lower)
    near = difflib.get_close_matches(value, names, n=CLOSEST, cutoff=0.3) \
        if len(value) <= COMPARED_LENGTH else []
    return near or names[:CLOSEST]


def _shown(value: str) -> str:
    return value if len(value) <= SHOWN_LENGTH \
        else value[:SHOWN_LENGTH - 1] + "\u2026"


def missing(constraint: str, region: str, value: str) -> Match:
    """``value`` names nothing in ``region`` (its listing not read)."""
    return Match(problem=_("%(region)s has no %(kind)s `%(value)s`.") % {
        "region": region, "kind": kind_of(constraint),
        "value": _shown(value)})


def find(constraint: str, region: str, value: str,
         items: list[Named]) -> Match:
    """The item of ``items`` (what ``region`` holds of ``constraint``)
    that ``value`` names, by id or else by its one name."""
    for item in items:
        if item.id == value:
            return Match(item)
    named = [item for item in items if item.name == value]
    if len(named) == 1:
        return Match(named[0])
    words = {"region": region, "kind": kind_of(constraint),
             "value": _shown(value)}
    if named:
        return Match(problem=_(
            "%(count)d %(kind)s items of %(region)s are named `%(value)s`: "
            "Heat refuses such a name; use the id.")
            % {**words, "count": len(named)})
    near = closest(value, items)
    if not near:
        return Match(problem=_("%(region)s has no %(kind)s `%(value)s`; it "
                               "has none at all.") % words)
    return Match(problem=_("%(region)s has no %(kind)s `%(value)s`; it has "
                           "%(near)s.") % {**words, "near": ", ".join(
                               f"`{name}`" for name in near)})
