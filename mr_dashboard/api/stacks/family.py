"""Remote parents and children of listed stacks, remembered in the cache.

The child of an ``OS::Heat::Stack`` is a top-level stack of its own region
that nothing links to. :func:`cached_families` tells, without a call, what
the cache knows of each listed stack's remote parent and children, and which
stacks are still to be searched: the Stacks page renders from it.
:func:`families` also searches them
(:class:`~mr_dashboard.api.stacks.relatives.Search`): the page's follow-up
request, and a delete, which names the children going with a parent.

The cache keeps, per project, a stack's children until the stack changes
(the key holds its update time), a child's parent for a day and "no
parent" for an hour. So a stack is searched once, the first time it is
shown."""

from dataclasses import astuple

from django.core.cache import cache

from mr_dashboard.api import heat
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.stacks import lineage
from mr_dashboard.api.stacks.relatives import Family
from mr_dashboard.api.stacks.relatives import Relative
from mr_dashboard.api.stacks.relatives import Search

# v2: a child in another cloud keeps the gateway its page is reached by.
PREFIX = "mr_dashboard:family:v2:"
DAY = 24 * 3600
HOUR = 3600


def _children_key(request: ApiRequest, stack: heat.Stack) -> str:
    changed = stack.updated or stack.created
    stamp = changed.strftime("%Y%m%dT%H%M%S") if changed else "-"
    return f"{PREFIX}children:{request.user.project_id}:{stack.id}:{stamp}"


def _parent_key(request: ApiRequest, stack_id: str) -> str:
    return f"{PREFIX}parent:{request.user.project_id}:{stack_id}"


def _cached(request: ApiRequest, stacks: list[heat.Stack]
            ) -> tuple[dict[str, tuple[Relative, ...]],
                       dict[str, Relative | None]]:
    """Children and parents the cache knows, by stack id; a child of a
    listed parent whose children are known is known too."""
    keys = {_children_key(request, stack): stack.id for stack in stacks}
    children = {keys[key]: tuple(Relative(*child) for child in value)
                for key, value in cache.get_many(list(keys)).items()}
    keys = {_parent_key(request, stack.id): stack.id for stack in stacks}
    parents = {keys[key]: Relative(*value) if value else None
               for key, value in cache.get_many(list(keys)).items()}
    parents.update({child.id: Relative(stack.region, stack.id, stack.name)
                    for stack in stacks
                    for child in children.get(stack.id, ())})
    return children, parents


def _to_search(stacks: list[heat.Stack],
               children: dict[str, tuple[Relative, ...]],
               parents: dict[str, Relative | None]
               ) -> tuple[list[heat.Stack], list[heat.Stack]]:
    """Stacks whose children are unknown, and stacks named like a remote
    child whose parent is unknown."""
    unknown = [stack for stack in stacks if stack.id not in children]
    orphans = [stack for stack in stacks if stack.id not in parents
               and not stack.parent and lineage.ancestor_names(stack.name)]
    return unknown, orphans


def cached_families(request: ApiRequest, stacks: list[heat.Stack]
                    ) -> tuple[dict[str, Family], list[heat.Stack]]:
    """What the cache knows of each stack's family, by stack id, and the
    stacks a look-up (:func:`families`) would still search; no call."""
    children, parents = _cached(request, stacks)
    unknown, orphans = _to_search(stacks, children, parents)
    searched = {stack.id for stack in unknown + orphans}
    return (_families(stacks, children, parents),
            [stack for stack in stacks if stack.id in searched])


def families(request: ApiRequest,
             stacks: list[heat.Stack]) -> dict[str, Family]:
    """The family of each of ``stacks``, by stack id: what the cache
    knows, the rest searched now, in parallel, and kept."""
    children, parents = _cached(request, stacks)
    unknown, orphans = _to_search(stacks, children, parents)
    if unknown or orphans:
        search = Search(request, stacks)
        search.run(unknown, orphans)
        _store(request, stacks, search)
        children.update(search.children)
        parents.update(search.parents)
    return _families(stacks, children, parents)


def _families(stacks: list[heat.Stack],
              children: dict[str, tuple[Relative, ...]],
              parents: dict[str, Relative | None]) -> dict[str, Family]:
    return {stack.id: Family(parents.get(stack.id),
                             tuple(children.get(stack.id, ())))
            for stack in stacks}


def _store(request: ApiRequest, stacks: list[heat.Stack],
           search: Search) -> None:
    """Cache what ``search`` found, as plain tuples."""
    by_id = {stack.id: stack for stack in stacks}
    cache.set_many({_children_key(request, by_id[stack_id]):
                    tuple(astuple(child) for child in children)
                    for stack_id, children in search.children.items()},
                   timeout=DAY)
    cache.set_many({_parent_key(request, child): astuple(parent)
                    for child, parent in search.parents.items() if parent},
                   timeout=DAY)
    cache.set_many({_parent_key(request, child): ()
                    for child, parent in search.parents.items()
                    if parent is None}, timeout=HOUR)
