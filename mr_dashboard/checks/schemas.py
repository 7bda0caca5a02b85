"""Which property of a resource type names which kind of cloud object, as
the region's Heat says.

``GET /resource_types/<type>`` lists each property's ``constraints``; a
``custom_constraint`` (``glance.image``, ``neutron.network``...) names the
kind its value must exist as. Lists and maps carry the schema of their
items (``networks`` of ``OS::Nova::Server``: each item's ``network``,
``subnet``, ``port``). The schema is kept per region like the region's
offer (:func:`mr_dashboard.checks.offers.cached`, the Resource Types
panel's entry), so a type is asked once per ``REGION_CACHE_SECONDS``.

Heat declares no constraint for availability zones (Nova, Cinder or
Neutron refuses an unknown one only at create): :data:`ZONES` is the one
rule that names them, by the service of the type's namespace.
"""

from collections.abc import Iterator
from typing import Any

from heatclient import exc as heat_exc

from mr_dashboard.api import heat
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.checks.offers import cached
from mr_dashboard.hot.params import custom_constraint
from mr_dashboard.hot.values import Unknown

#: A step of a property path into a list's items.
ITEM = "*"

#: (property path, constraint) pairs of one type.
Constrained = tuple[tuple[tuple[str, ...], str], ...]

#: The availability zone a property of a type of a service's namespace
#: names, where the region's schema has that property: (namespace,
#: property) -> the lookup's kind (:data:`mr_dashboard.checks.lookups.
#: LOOKUPS`), a zone of that service.
ZONES = {
    ("OS::Nova::", "availability_zone"): "nova.availability_zone",
    ("OS::Cinder::", "availability_zone"): "cinder.availability_zone",
    ("OS::Neutron::", "availability_zone_hints"):
        "neutron.availability_zone",
}
#: Types whose zone property defines a zone rather than names one.
ZONE_MAKERS = frozenset({"OS::Nova::HostAggregate"})


def _walk(properties: dict, path: tuple[str, ...]
          ) -> Iterator[tuple[tuple[str, ...], str]]:
    for name, spec in (properties or {}).items():
        if not isinstance(spec, dict):
            continue
        constraint = custom_constraint(spec)
        if constraint:
            yield path + (name,), constraint
        inner = spec.get("schema")
        if isinstance(inner, dict):
            if set(inner) == {ITEM}:  # a list's (or a map's) items
                item = inner[ITEM]
                if isinstance(item, dict):
                    constraint = custom_constraint(item)
                    if constraint:
                        yield path + (name, ITEM), constraint
                    yield from _walk(item.get("schema") or {},
                                     path + (name, ITEM))
            else:
                yield from _walk(inner, path + (name,))


def constrained(schema: dict, type_name: str = "") -> Constrained:
    """Every constrained property path of ``type_name``'s ``schema``,
    its availability zone (:data:`ZONES`) included."""
    properties = schema.get("properties") or {}
    zones = tuple(((name,), kind) for (namespace, name), kind
                  in ZONES.items() if type_name.startswith(namespace)
                  and type_name not in ZONE_MAKERS and name in properties)
    return tuple(_walk(properties, ())) + zones


def type_constraints(request: ApiRequest, region: str,
                     type_name: str) -> Constrained:
    """The constrained properties of ``type_name`` in ``region``; none
    for a type the region does not offer (another check says so). Asked
    without waiting for the region's offer: both are asked at once."""
    try:
        schema = cached(request, region, f"type:{type_name}",
                        lambda: heat.resource_type_show(request, region,
                                                        type_name))
    except heat_exc.HTTPNotFound:
        return ()
    return constrained(schema, type_name)


def values_at(properties: Any, path: tuple[str, ...], shown: str = ""
              ) -> Iterator[tuple[str, Any]]:
    """The values found at ``path`` in ``properties``, each with the path
    as shown (``networks[0].network``); a list of values at the end of
    the path gives each item, a part known only at create its
    :class:`~mr_dashboard.hot.values.Unknown`."""
    if isinstance(properties, Unknown):
        steps = (shown, *(step for step in path if step != ITEM))
        yield ".".join(filter(None, steps)), properties
        return
    if not path:
        if isinstance(properties, list):
            for index, item in enumerate(properties):
                yield f"{shown}[{index}]", item
        else:
            yield shown, properties
        return
    step, rest = path[0], path[1:]
    if step == ITEM:
        if isinstance(properties, list):
            for index, item in enumerate(properties):
                yield from values_at(item, rest, f"{shown}[{index}]")
        elif isinstance(properties, dict):
            for key, item in properties.items():
                yield from values_at(item, rest, f"{shown}[{key}]")
        return
    if isinstance(properties, dict) and step in properties:
        yield from values_at(properties[step], rest,
                             f"{shown}.{step}" if shown else step)
