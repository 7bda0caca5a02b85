"""The way up from a stack to the root of its tree, across regions.

A local nested stack names its parent; the child of an ``OS::Heat::Stack``
does not: it is a top-level stack of its own region. But Heat names every
child stack ``<parent name>-<resource>-<12 characters>``, so each ancestor's
name is a prefix of the stack's name, cut at a dash. One call per region, in
parallel, fetches the stacks bearing those names (nested ones too); a
candidate remote parent is then confirmed by the resource whose
``physical_resource_id`` is the child's id.
"""

import re
from dataclasses import dataclass
from dataclasses import field

from mr_dashboard.api import parallel
from mr_dashboard.api import heat
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.errors import RegionError
from mr_dashboard.hot.context import REMOTE_STACK

# Heat's short_id: the last part of a child stack's name.
_SHORT_ID = re.compile(r"^[a-z0-9]{12}$")


@dataclass(frozen=True)
class Lineage:
    """A stack's ancestors, root first, and the regions that failed."""

    ancestors: tuple[heat.Stack, ...] = ()
    errors: dict[str, RegionError] = field(default_factory=dict, hash=False)


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


def stack_lineage(request: ApiRequest, stack: heat.Stack) -> Lineage:
    """The way up from ``stack`` to its root, across regions."""
    names = ancestor_names(stack.name)
    if not names:
        return Lineage()
    results = parallel.fan_out(
        request, lambda req, region: heat.stacks_named(req, region, names))
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
