"""Values for the parameters a template constrains to existing things.

A parameter with ``custom_constraint: nova.flavor`` (or an image, a
network...) is shown as a choice of what the *target* region offers, when
that region's catalog has the service; otherwise :func:`constraint_choices`
returns None and the form keeps a text field. Each picker is one REST list
call on the user's session for that region's endpoint.

Extension point: a picker is one :class:`Picker` entry in ``PICKERS``.
``barbican.secret`` lists the project's opaque secrets (credentials are
opaque); its value is the secret's reference, which Heat takes wherever it
takes a secret's id.
"""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from mr_dashboard.api.regions import region_named
from mr_dashboard.api.session import endpoint_session


@dataclass(frozen=True)
class Picker:
    """Where a constraint's values are listed, and which fields to show."""

    service: str  # catalog service type
    path: str  # appended to the region's endpoint of ``service``
    key: str  # the list in the JSON answer
    value: str  # dotted path of the value Heat takes (id or name)
    label: str  # dotted path of what people read


PICKERS: dict[str, Picker] = {
    "nova.flavor": Picker("compute", "/flavors", "flavors", "id", "name"),
    "nova.keypair": Picker("compute", "/os-keypairs", "keypairs",
                           "keypair.name", "keypair.name"),
    "glance.image": Picker("image", "/v2/images", "images", "id", "name"),
    "neutron.network": Picker("network", "/v2.0/networks", "networks", "id",
                              "name"),
    "neutron.subnet": Picker("network", "/v2.0/subnets", "subnets", "id",
                             "name"),
    "neutron.router": Picker("network", "/v2.0/routers", "routers", "id",
                             "name"),
    "neutron.security_group": Picker("network", "/v2.0/security-groups",
                                     "security_groups", "id", "name"),
    "cinder.volume": Picker("volumev3", "/volumes", "volumes", "id", "name"),
    "cinder.vtype": Picker("volumev3", "/types", "volume_types", "id",
                           "name"),
    "barbican.secret": Picker("key-manager",
                              "/v1/secrets?secret_type=opaque&limit=100",
                              "secrets", "secret_ref", "name"),
}


def _dig(item: dict, path: str) -> Any:
    for step in path.split("."):
        item = (item or {}).get(step)
    return item


def picker_for(request: HttpRequest, region: str,
               constraint: str) -> tuple[Picker, str] | None:
    """The picker of ``constraint`` and its endpoint in ``region``, or
    None when there is no picker or the region lacks the service."""
    picker = PICKERS.get(constraint)
    url = picker and region_named(request, region).url_for(picker.service)
    return (picker, url) if url else None


def constraint_choices(request: HttpRequest, region: str,
                       constraint: str) -> list[tuple[str, str]] | None:
    """``(value, label)`` pairs for ``constraint`` in ``region``, sorted
    by label; None when the region cannot list them."""
    found = picker_for(request, region, constraint)
    if found is None:
        return None
    picker, url = found
    answer = endpoint_session(request, url).get(
        url.rstrip("/") + picker.path,
        headers={"Accept": "application/json"}).json()
    choices = [(str(_dig(item, picker.value)),
                str(_dig(item, picker.label) or _dig(item, picker.value)))
               for item in answer.get(picker.key) or ()]
    return sorted(choices, key=lambda choice: choice[1].lower())
