"""Stack sets found again from Heat alone: the members' tags
(:mod:`.tags`), read in every region at once.

A set's *revision* is the highest ``mrd-set-rev`` of its members; its
regions are those named by the members of that revision. A member is
*behind* when its revision is lower (an operation did not reach it), its
template *differs* when its digest is not the newest members' one, and a
region of the set without a member is *missing*. A region that could not
be listed is *unknown*: none of this is said about it.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field

from django.utils.translation import gettext

from mr_dashboard.api import heat
from mr_dashboard.api import parallel
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.heat.status import in_progress
from mr_dashboard.api.stack_sets import tags as set_tags


@dataclass(frozen=True)
class Member:
    """One member stack of a set, in its region."""

    stack: heat.Stack
    tags: set_tags.SetTags

    @property
    def region(self) -> str:
        return self.stack.region


@dataclass
class StackSet:
    """A set as its members' tags tell it."""

    name: str
    set_id: str
    members: dict[str, Member] = field(default_factory=dict)
    #: Regions that could not be listed, and why.
    unknown: dict[str, RegionError] = field(default_factory=dict)

    @property
    def rev(self) -> int:
        return max(member.tags.rev for member in self.members.values())

    def newest(self) -> list[Member]:
        """The members of the set's revision."""
        return [member for member in self.members.values()
                if member.tags.rev == self.rev]

    @property
    def regions(self) -> tuple[str, ...]:
        """Every region of the set: named by its newest members, or
        holding a member."""
        named = [region for member in self.newest()
                 for region in member.tags.regions]
        return tuple(dict.fromkeys(named + sorted(self.members)))

    @property
    def template_digest(self) -> str:
        return self.newest()[0].tags.template_digest

    def missing(self) -> list[str]:
        """Regions of the set without a member (the unknown ones aside)."""
        return [region for region in self.regions
                if region not in self.members and region not in self.unknown]

    def drift(self, region: str) -> list[str]:
        """Why the member of ``region`` is not what the set says, in words
        (empty: in step)."""
        member = self.members.get(region)
        if member is None:
            return [] if region in self.unknown else [
                gettext("No member: the stack is missing.")]
        reasons = []
        if member.tags.rev < self.rev:
            reasons.append(gettext(
                "Behind: revision %(rev)d of %(set)d (an operation did not "
                "reach it).") % {"rev": member.tags.rev, "set": self.rev})
        if member.tags.template_digest != self.template_digest:
            reasons.append(gettext("Its template differs from the set's."))
        return reasons

    def drifted(self) -> list[str]:
        """Regions whose member drifted or is missing."""
        return [region for region in self.regions if self.drift(region)]

    @property
    def busy(self) -> bool:
        """True while a member is in progress."""
        return any(in_progress(member.stack.status)
                   for member in self.members.values())


def listed(request: ApiRequest, region: str,
           name: str | None = None) -> list[heat.Stack]:
    """The stacks of ``region`` that may be members (of the set ``name``
    only, when given)."""
    filters = {"tags": set_tags.NAME + name} if name else {}
    return heat.stacks_list(request, region, **filters)


def sets_of(results: Mapping[str, parallel.RegionResult],
            name: str | None = None) -> tuple[list[StackSet],
                                              dict[str, RegionError]]:
    """The sets (only those called ``name``, when given) of each region's
    listing, sorted by name; and the regions that could not be listed."""
    unknown = {region: result.error for region, result in results.items()
               if not result.ok}
    sets: dict[tuple[str, str], StackSet] = {}
    for region, result in results.items():
        for stack in result.value or ():
            found = set_tags.parse(stack.tags)
            if found is None or (name and found.name != name):
                continue
            key = (found.name, found.set_id)
            one = sets.setdefault(key, StackSet(found.name, found.set_id,
                                                unknown=unknown))
            one.members[region] = Member(stack, found)
    return sorted(sets.values(), key=lambda one: (one.name, one.set_id)), \
        unknown


def newest_of(sets: list[StackSet]) -> StackSet | None:
    """Of sets sharing a name, the most recently written one (None: no
    set)."""
    return max(sets, key=lambda one: one.rev, default=None)


def set_named(results: Mapping[str, parallel.RegionResult],
              name: str) -> StackSet | None:
    """The set ``name`` of each region's listing: its most recently written
    one (None: no region listed holds a member)."""
    return newest_of(sets_of(results, name)[0])
