"""What a launch creates in each region, against the project's quotas
there.

:func:`demand` counts, per region, what the resources that land there
create (group members counted as many times as the group makes them):
instances, cores and RAM (from the flavors the region holds), ports (a
server's network without a port makes one), networks, subnets, routers,
floating IPs, security groups, volumes and their gigabytes. A number
known only at create (a count from ``get_attr``, a flavor not found) is
told as such, never guessed. :func:`quota_checks` compares it with what
is left (:mod:`mr_dashboard.api.iaas.quotas`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mr_dashboard import constants
from mr_dashboard.api.iaas import quotas
from mr_dashboard.api.iaas.compute import Flavor
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.checks import lookups
from mr_dashboard.checks.rows import Check
from mr_dashboard.hot.values import Landed
from mr_dashboard.hot.values import Unknown

#: The types that boot one server each: their flavor property and the
#: properties giving it networks (Heat's CFN instance names them its own
#: way; without any of them Heat passes Nova no ``nics``).
SERVERS = {"OS::Nova::Server": ("flavor", ("networks",)),
           "AWS::EC2::Instance": ("InstanceType",
                                  ("NetworkInterfaces", "SubnetId"))}
VOLUME = "OS::Cinder::Volume"
#: Resource types that make one of a kind each.
_ONE_EACH = {
    "OS::Neutron::Port": quotas.PORTS,
    "OS::Neutron::Net": quotas.NETWORKS,
    "OS::Neutron::Subnet": quotas.SUBNETS,
    "OS::Neutron::Router": quotas.ROUTERS,
    "OS::Neutron::FloatingIP": quotas.FLOATING_IPS,
    "OS::Neutron::SecurityGroup": quotas.SECURITY_GROUPS,
}
LABELS = {
    quotas.INSTANCES: gettext_lazy("instances"),
    quotas.CORES: gettext_lazy("cores"),
    quotas.RAM: gettext_lazy("MiB of RAM"),
    quotas.PORTS: gettext_lazy("ports"),
    quotas.NETWORKS: gettext_lazy("networks"),
    quotas.SUBNETS: gettext_lazy("subnets"),
    quotas.ROUTERS: gettext_lazy("routers"),
    quotas.FLOATING_IPS: gettext_lazy("floating IPs"),
    quotas.SECURITY_GROUPS: gettext_lazy("security groups"),
    quotas.VOLUMES: gettext_lazy("volumes"),
    quotas.GIGABYTES: gettext_lazy("GiB of volumes"),
}
#: Where each group of kinds is read.
READERS: tuple[tuple[frozenset[str], Callable], ...] = (
    (quotas.COMPUTE_KINDS, quotas.compute_headroom),
    (quotas.NETWORK_KINDS, quotas.network_headroom),
    (quotas.VOLUME_KINDS, quotas.volume_headroom),
)


@dataclass
class Demand:
    """What a launch creates in one region."""

    region: str
    needed: dict[str, int] = field(default_factory=dict)
    unknown: dict[str, str] = field(default_factory=dict)

    def add(self, kind: str, count: int | Unknown, each: object = 1) -> None:
        """Count ``count`` times ``each`` of ``kind``."""
        for reason in (count, each):
            if isinstance(reason, Unknown):
                self.unknown.setdefault(kind, reason.reason)
                return
        self.needed[kind] = self.needed.get(kind, 0) + count * int(each)

    def kinds(self) -> set[str]:
        return set(self.needed) | set(self.unknown)


def _server(found: Demand, resource: Landed,
            flavors: list[Flavor] | None) -> None:
    count, properties = resource.count, resource.properties
    found.add(quotas.INSTANCES, count)
    flavor_key, (networks_key, *_others) = SERVERS[resource.type]
    flavor = properties.get(flavor_key)
    if isinstance(flavor, str) and flavors is not None:
        match = lookups.find("nova.flavor", resource.region, flavor, flavors)
        flavor = match.item or Unknown(_("its flavor is not found"))
    elif not isinstance(flavor, Unknown):
        flavor = Unknown(_("its flavor could not be read"))
    found.add(quotas.CORES, count, getattr(flavor, "vcpus", flavor))
    found.add(quotas.RAM, count, getattr(flavor, "ram", flavor))
    networks = properties.get(networks_key)
    if isinstance(networks, Unknown):
        found.add(quotas.PORTS, count, networks)
    for network in networks if isinstance(networks, list) else ():
        if isinstance(network, Unknown):
            found.add(quotas.PORTS, count, network)
        elif not (isinstance(network, dict) and network.get("port")) \
                and resource.type != "AWS::EC2::Instance":
            found.add(quotas.PORTS, count)  # a CFN interface is a port
    subnet = properties.get("SubnetId")
    if subnet and not networks and resource.type == "AWS::EC2::Instance":
        found.add(quotas.PORTS, count, subnet if isinstance(
            subnet, Unknown) else 1)


def _volume(found: Demand, resource: Landed) -> None:
    found.add(quotas.VOLUMES, resource.count)
    size = resource.properties.get("size")
    if not isinstance(size, (int, str, Unknown)) or (
            isinstance(size, str) and not size.isdigit()):
        size = Unknown(_("its size is taken from its source"))
    found.add(quotas.GIGABYTES, resource.count, size)


def demand(resources: list[Landed],
           flavors: dict[str, list[Flavor] | None]) -> dict[str, Demand]:
    """What ``resources`` create, per region; ``flavors`` are each
    region's (None where they could not be read)."""
    found: dict[str, Demand] = {}
    for resource in resources:
        region = found.setdefault(resource.region, Demand(resource.region))
        if resource.type in SERVERS:
            _server(region, resource, flavors.get(resource.region))
        elif resource.type == VOLUME:
            _volume(region, resource)
        elif resource.type in _ONE_EACH:
            region.add(_ONE_EACH[resource.type], resource.count)
    return {name: one for name, one in found.items() if one.kinds()}


def _row(region: str, kind: str, status: str, reason: str = "") -> Check:
    return Check(region, str(_("(every stack here)")),
                 _("Quota: %(kind)s") % {"kind": LABELS[kind]}, status,
                 reason)


def quota_checks(wanted: Demand,
                 headroom: dict[int, RegionResult | None]) -> list[Check]:
    """One row per kind ``wanted`` needs; ``headroom`` holds each
    reader's result (:data:`READERS`, by index) in the region, None for
    one not asked."""
    rows = []
    for kind in sorted(wanted.kinds(), key=list(LABELS).index):
        result = next(headroom[index] for index, (kinds, _reader)
                      in enumerate(READERS) if kind in kinds)
        words = {"region": wanted.region, "kind": LABELS[kind]}
        if kind in wanted.unknown:
            rows.append(_row(wanted.region, kind, constants.CHECK_NOT_HERE,
                             _("Known only at create: %(why)s.")
                             % {"why": wanted.unknown[kind]}))
        elif result is None or not result.ok:
            rows.append(_row(wanted.region, kind, constants.CHECK_SKIPPED,
                             _("Could not check in %(region)s: %(error)s")
                             % {**words, "error": result.error.message
                                if result else _("not asked")}))
        else:
            room = result.value[kind]
            needed = wanted.needed[kind]
            ok = room.free is None or needed <= room.free
            rows.append(_row(wanted.region, kind, constants.CHECK_PASSED
                             if ok else constants.CHECK_FAILED, "" if ok else
                             _("%(region)s: %(needed)d %(kind)s needed, "
                               "%(free)d free (limit %(limit)d).")
                             % {**words, "needed": needed, "free": room.free,
                                "limit": room.limit}))
    return rows
