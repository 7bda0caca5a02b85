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

What a form says of a :class:`Reach` is said here too, for every form that
takes values (:func:`notes`, :func:`help_text`): one stack's fields, a
stack set's common field, and a set member's own field, whose value lands
in its member's region and in every region its template sends it on to.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import replace
from typing import Any

from django.utils.html import escape
from django.utils.translation import gettext

from mr_dashboard.api import parallel
from mr_dashboard.api.iaas import pickers
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.checks import schemas
from mr_dashboard.hot import children
from mr_dashboard.hot import values
from mr_dashboard.hot.children import Placement
from mr_dashboard.hot.children import declared
from mr_dashboard.hot.context import REMOTE_STACK
from mr_dashboard.hot.params import custom_constraint
from mr_dashboard.hot.resolve import Launchable

#: The fields a value is entered in (what :func:`notes` offers as the way
#: out differs): one stack's, a stack set's value for every member, a set
#: member's own.
STACK, SET, MEMBER = "stack", "set", "member"


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


def union(found: list[Reach], roots: list[str]) -> Reach | None:
    """Where a value given to several stacks lands in all (a stack set's
    value for every member, whose regions are ``roots``: those reached
    come first); None for none."""
    if not found:
        return None
    reached = [region for one in found for region in one.regions]
    return Reach(found[0].constraint, tuple(dict.fromkeys(
        [root for root in roots if root in reached] + reached)),
        tuple(dict.fromkeys(region for one in found
                            for region in one.elsewhere)),
        any(one.unplaced for one in found))


def _no_common(field: str) -> str:
    """What a form says when no choice is held in every region of
    ``%(regions)s``, with the way out of a ``field`` (see :data:`STACK`)."""
    if field == SET:
        return gettext(
            "No choice exists in every region it goes to (%(regions)s): "
            "give each member its own value, below it, or give each region "
            "its own parameter in the template.")
    if field == MEMBER:
        return gettext(
            "No choice exists in every region this member's value goes to "
            "(%(regions)s): give each region its own parameter in the "
            "template.")
    return gettext(
        "No choice exists in every region it goes to (%(regions)s): "
        "launch a stack set, which takes a value per region, or give "
        "each region its own parameter in the template.")


def notes(target: Reach, merged: pickers.Picked | None,
          field: str = STACK) -> list[str]:
    """What a form says of a value going to several regions: where, and
    when no choice is held in every one of them, the way out (for a
    ``field`` of :data:`STACK`, :data:`SET` or :data:`MEMBER`); of one also
    going where the region is not known yet."""
    said = [gettext("It also goes to a stack whose region is known only "
                    "at create: its choices there are not listed.")] \
        if target.unplaced and target.regions else []
    if len(target.everywhere) < 2:
        return said
    said.insert(0, gettext("Its value goes to %(regions)s.") % {
        "regions": ", ".join(target.everywhere)})
    way_out = no_common_note(target.regions, merged, field)
    return said + [way_out] if way_out else said


def no_common_note(regions: tuple[str, ...], merged: pickers.Picked | None,
                   field: str = STACK) -> str:
    """The way out when ``merged`` lists choices but none is held in
    every one of ``regions`` (several), or "" (see :func:`notes`)."""
    if merged and merged.choices is not None and len(regions) > 1 \
            and not merged.common:
        return _no_common(field) % {"regions": ", ".join(regions)}
    return ""


def help_text(target: Reach | None) -> str:
    """Where a value goes, for its field's help (escaped: region names
    come from the cloud, and Horizon prints help text unescaped)."""
    if target is None or len(target.everywhere) < 2:
        return ""
    text = gettext(" Its value goes to %(regions)s. The choices held in "
                   "every one of them come first; the name is sent, so "
                   "that it names the same thing in each region (ids "
                   "differ).") % {"regions": ", ".join(target.regions)}
    if target.elsewhere:
        text += gettext(" It also goes to %(regions)s in another cloud, "
                        "whose choices are not listed here.") % {
            "regions": ", ".join(target.elsewhere)}
    return escape(text)
