"""Where each root parameter's value lands, and what it names there.

A root parameter's value may flow (``get_param``, a child's
``parameters``, a provider template's properties) into stacks of several
regions, and there into a parameter that declares a ``custom_constraint``
or a resource property whose type's schema, in that region, constrains it
(``image`` of ``OS::Nova::Server``: ``glance.image``). :func:`reaches`
learns both from :func:`mr_dashboard.hot.values.landing`, walking the
launch once with every root parameter's value tagged, and from the
schemas of the types those values reach
(:func:`mr_dashboard.checks.schemas.type_constraints`, asked in parallel
and cached per region like the checks'). Only a value passed on as it is
counts: one built into another string (``str_replace``) is not a name
the picker could offer.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import replace
from typing import Any

from mr_dashboard.api import parallel
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.checks import schemas
from mr_dashboard.hot import children
from mr_dashboard.hot import values
from mr_dashboard.hot.children import Placement
from mr_dashboard.hot.children import declared
from mr_dashboard.hot.context import REMOTE_STACK
from mr_dashboard.hot.resolve import Launchable
from mr_dashboard.hot.params import custom_constraint


@dataclass(frozen=True)
class Reach:
    """The kind of cloud object a root parameter names, the regions of
    this cloud its value lands in (in the order met, the root's first),
    and the regions of other clouds it also lands in (not listed here:
    their lists need that cloud's credential)."""

    constraint: str
    regions: tuple[str, ...]
    elsewhere: tuple[str, ...] = ()
    #: True when some stack it lands in has no known region yet.
    unplaced: bool = False

    @property
    def everywhere(self) -> tuple[str, ...]:
        """Every region it lands in, this cloud's first."""
        return self.regions + self.elsewhere


class _Tagged(str):
    """A root parameter's value that remembers the parameter's name."""

    parameter = ""


def _tagged(name: str, value: Any) -> _Tagged:
    tagged = _Tagged("" if value is None else value)
    tagged.parameter = name
    return tagged


def _tags_in(value: Any) -> Iterator[_Tagged]:
    if isinstance(value, _Tagged):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _tags_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _tags_in(item)


def _other_cloud(placement: Placement, by_path: dict) -> bool:
    """Whether ``placement`` is, or lies below, a stack of another cloud."""
    return any(by_path.get(placement.path[:depth]) for depth in
               range(1, len(placement.path) + 1))


class _Found:
    """The landings met so far, by parameter."""

    def __init__(self) -> None:
        self.by_name: dict[str, dict] = {}

    def add(self, name: str, constraint: str, placement: Placement,
            elsewhere: bool) -> None:
        one = self.by_name.setdefault(name, {
            "constraint": constraint, "regions": {}, "elsewhere": {},
            "unplaced": False})
        if not placement.region:
            one["unplaced"] = True
        else:
            one["elsewhere" if elsewhere else "regions"][
                placement.region] = None

    def reaches(self) -> dict[str, Reach]:
        return {name: Reach(one["constraint"], tuple(one["regions"]),
                            tuple(one["elsewhere"]), one["unplaced"])
                for name, one in self.by_name.items()}


def reaches(request: ApiRequest, launchable: Launchable, region: str,
            entered: dict[str, Any]) -> dict[str, Reach]:
    """The :class:`Reach` of each root parameter whose value names a
    cloud object somewhere, by name; ``entered`` are the values known now
    (they place the children: a region may be a parameter)."""
    regions = {placement.path: placement.region for placement in
               children.placements(launchable, region, entered)}
    flows = children.placements(launchable, region, {
        name: _tagged(name, value) for name, value in _known(
            launchable.template, entered).items()
        if value is None or isinstance(value, str)})
    flows = [placement if placement.region == regions.get(placement.path)
             else _placed(placement, regions.get(placement.path))
             for placement in flows]
    secrets = {placement.path: placement.credential_secret_id
               for placement in flows}
    landing = values.landing(launchable, flows)
    found = _Found()
    for given in landing.parameters:
        constraint = custom_constraint(given.spec)
        if constraint and isinstance(given.value, _Tagged):
            found.add(given.value.parameter, constraint, given.placement,
                      _other_cloud(given.placement, secrets))
    reached = [resource for resource in landing.resources
               if resource.region and resource.type != REMOTE_STACK
               and next(_tags_in(resource.properties), None) is not None
               and not _other_cloud(resource.placement, secrets)]
    asked = parallel.run_all(request, {
        key: parallel.Call(key[0], schemas.type_constraints, (key[1],))
        for key in dict.fromkeys((resource.region, resource.type)
                                 for resource in reached)})
    for resource in reached:
        result = asked.get((resource.region, resource.type))
        if result is None or not result.ok:
            continue  # the checks say the schema could not be read
        for path, constraint in result.value:
            for _shown, value in schemas.values_at(resource.properties,
                                                   path):
                if isinstance(value, _Tagged) and "." in constraint:
                    found.add(value.parameter, constraint,
                              resource.placement, False)
    return found.reaches()


def _known(template: dict, entered: dict[str, Any]) -> dict[str, Any]:
    """Each root parameter's value: the one entered, else its default (so
    that conditions and regions read as they will)."""
    return {name: entered[name] if name in entered
            else spec.get("default", spec.get("Default"))
            for name, spec in declared(template).items()}


def _placed(placement: Placement, region: str | None) -> Placement:
    """``placement`` in the region the entered values give it."""
    return replace(placement, region=region)
