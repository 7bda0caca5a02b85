"""Which region's list each parameter's picker shows.

A root parameter that declares a ``custom_constraint`` (``glance.image``...)
names something of the root's region: Heat checks it there. A root
parameter without one may still be passed, through ``get_param`` at any
depth, to a parameter of an ``OS::Heat::Stack`` child that declares one:
then it names something of *that child's* region (RegionTwo's image for the
RegionTwo site). :func:`picker_targets` finds both, walking the template
twice with :mod:`~mr_dashboard.hot.children`: once with the values entered,
for the regions, and once with every root parameter tagged, to see where
each one flows.
"""

from dataclasses import dataclass
from typing import Any

from mr_dashboard.hot import children
from mr_dashboard.hot.children import declared
from mr_dashboard.hot.resolve import Launchable


@dataclass(frozen=True)
class Target:
    """The constraint a parameter's value must meet, and the regions it
    must meet it in (one, unless the value goes to several regions; none
    while the region is not known)."""

    constraint: str
    regions: tuple[str, ...]


class _Tagged(str):
    """A root parameter's value that remembers the parameter's name."""

    parameter = ""


def _tagged(name: str, value: Any) -> _Tagged:
    tagged = _Tagged("" if value is None else value)
    tagged.parameter = name
    return tagged


def custom_constraint(spec: dict) -> str | None:
    """The first ``custom_constraint`` of a parameter's spec, or None."""
    for constraint in spec.get("constraints") or ():
        if isinstance(constraint, dict) and "custom_constraint" in constraint:
            return str(constraint["custom_constraint"])
    return None


def picker_targets(launchable: Launchable, region: str,
                   values: dict[str, Any]) -> dict[str, Target]:
    """The :class:`Target` of each root parameter that has one, by name."""
    regions = {placement.path: placement.region for placement in
               children.placements(launchable, region, values)}
    flows = children.placements(launchable, region, {
        name: _tagged(name, values.get(name))
        for name in declared(launchable.template)
        if isinstance(values.get(name, ""), str)})
    found: dict[str, tuple[str, list[str]]] = {}
    for placement in flows[1:]:
        specs = declared(placement.template)
        for name, value in placement.parameters.items():
            constraint = custom_constraint(specs.get(name) or {})
            if not (constraint and isinstance(value, _Tagged)):
                continue
            target = found.setdefault(value.parameter, (constraint, []))
            where = regions.get(placement.path)
            if where and where not in target[1]:
                target[1].append(where)
    for name, spec in declared(launchable.template).items():
        constraint = custom_constraint(spec)
        if constraint:  # Heat checks it in the root's region
            found[name] = (constraint, [region])
    return {name: Target(constraint, tuple(where))
            for name, (constraint, where) in found.items()}
