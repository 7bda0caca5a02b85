"""The way up from a stack to the root of its tree, across regions.

A local nested stack names its parent; the child of an ``OS::Heat::Stack``
does not: it is a top-level stack of its own region. But Heat names every
child stack ``<parent name>-<resource>-<12 characters>``, so each ancestor's
name is a prefix of the stack's name, cut at a dash. One call per region, in
parallel, fetches the stacks bearing those names (nested ones too); a
candidate remote parent is then confirmed by the resource whose
``physical_resource_id`` is the child's id.

The stack page's breadcrumb asks within the page's budget
(:func:`paced_lineage`): a region past its allowance is late, the way up
is made from the regions that answered, and the late region's call runs
on, handed over (:mod:`~mr_dashboard.api.late_regions`); asked again with
the key, the way up is made again once it came.
"""

import re
from dataclasses import dataclass
from dataclasses import field

from mr_dashboard import constants
from mr_dashboard.api import handover
from mr_dashboard.api import late_regions
from mr_dashboard.api import parallel
from mr_dashboard.api import heat
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.regions import heat_region_names
from mr_dashboard.api.errors import RegionError
from mr_dashboard.hot.context import REMOTE_STACK

# Heat's short_id: the last part of a child stack's name.
_SHORT_ID = re.compile(r"^[a-z0-9]{12}$")
#: The pace of the lineage's calls (region_state), and its follow-ups' mark.
PACE = "lineage"


@dataclass(frozen=True)
class Lineage:
    """A stack's ancestors, root first, and the regions that failed (a
    late one: answering slowly, its follow-up's key ``late_key``)."""

    ancestors: tuple[heat.Stack, ...] = ()
    errors: dict[str, RegionError] = field(default_factory=dict, hash=False)
    late_key: str = ""

    @property
    def late(self) -> tuple[str, ...]:
        return tuple(region for region, error in self.errors.items()
                     if error.kind == constants.KIND_LATE)


def ancestor_names(name: str) -> list[str]:
    """Names a stack's ancestors can have: ``a-b-res-x1y2z3a4b5c6`` gives
    ``a`` and ``a-b``."""
    parts = name.split("-")
    if len(parts) < 3 or not _SHORT_ID.match(parts[-1]):
        return []
    return ["-".join(parts[:end]) for end in range(1, len(parts) - 1)]


def is_descendant_name(ancestor: str, name: str) -> bool:
    """Whether Heat may have named a descendant of stack ``ancestor`` so:
    ``<ancestor>-<resource>-<12 characters>``, maybe through more levels."""
    return bool(re.fullmatch(re.escape(ancestor) + r"-.+-[a-z0-9]{12}", name))


def _runs_child(request: ApiRequest, parent: heat.Stack,
                child: heat.Stack) -> bool:
    """Whether an OS::Heat::Stack resource of ``parent`` is ``child``."""
    resources = heat.resources_list(request, parent.region,
                                    f"{parent.name}/{parent.id}")
    return any(res.type == REMOTE_STACK and res.physical_id == child.id
               for res in resources)


def _parent(request: ApiRequest, stack: heat.Stack,
            candidates: list[heat.Stack]) -> heat.Stack | None:
    if stack.parent:
        return next((found for found in candidates
                     if found.id == stack.parent
                     and found.region == stack.region),
                    None) or heat.stack_get(request, stack.region,
                                            stack.parent)
    remote = sorted((found for found in candidates
                     if is_descendant_name(found.name, stack.name)),
                    key=lambda found: -len(found.name))
    return next((found for found in remote
                 if _runs_child(request, found, stack)), None)


def _named(names: list[str]) -> parallel.RegionCall:
    return lambda req, region: heat.stacks_named(req, region, names)


def stack_lineage(request: ApiRequest, stack: heat.Stack) -> Lineage:
    """The way up from ``stack`` to its root, across regions."""
    names = ancestor_names(stack.name)
    if not names:
        return Lineage()
    return _climb(request, stack, parallel.fan_out(request, _named(names)))


def paced_lineage(request: ApiRequest, stack: heat.Stack,
                  late_key: str = "") -> Lineage | None:
    """The way up within the page's budget, without a late region's
    stacks; with ``late_key`` (a paced lineage's), made again once its late
    regions came (waited for a follow-up's while at most). None when the
    key is unknown, expired, or another user's or project's."""
    names = ancestor_names(stack.name)
    if not names:
        return Lineage()
    if late_key:
        listed = late_regions.collect(request, late_key, PACE,
                                      handover.FOLLOW_UP_WAIT)
        if listed is None:
            return None
    else:
        listed = late_regions.fan_out(request, _named(names),
                                      heat_region_names(request), PACE)
    found = _climb(request, stack, listed.results)
    return Lineage(found.ancestors, found.errors, listed.late_key)


def _climb(request: ApiRequest, stack: heat.Stack,
           results: dict[str, parallel.RegionResult]) -> Lineage:
    """The way up, from each region's stacks named as ancestors."""
    candidates = [found for result in results.values() if result.ok
                  for found in result.value]
    ancestors: list[heat.Stack] = []
    current = _parent(request, stack, candidates)
    while current is not None and current not in ancestors:
        ancestors.insert(0, current)
        current = _parent(request, current, candidates)
    return Lineage(tuple(ancestors),
                   {region: result.error for region, result in results.items()
                    if not result.ok})
