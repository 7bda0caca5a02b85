"""Remote parents and children of listed stacks, remembered in the cache.

The child of an ``OS::Heat::Stack`` is a top-level stack of its own region
that nothing links to. :func:`families` tells, for the stacks of a page,
each one's remote parent and children: from Django's cache when it knows,
else found by :class:`~mr_dashboard.api.stack_relatives.Search`.

The cache keeps, per project, a stack's children until the stack changes
(the key holds its update time), a child's parent for a day and "no
parent" for an hour. So a page pays only for the stacks it shows for the
first time. A page that a region failed looks nothing up: it has waited
long enough, and shows what the cache knows.
"""

from dataclasses import astuple

from django.core.cache import cache
from django.http import HttpRequest

from mr_dashboard.api import heat
from mr_dashboard.api import lineage
from mr_dashboard.api.stack_relatives import Family
from mr_dashboard.api.stack_relatives import Relative
from mr_dashboard.api.stack_relatives import Search

PREFIX = "mr_dashboard:family:"
DAY = 24 * 3600
HOUR = 3600


def _children_key(request: HttpRequest, stack: heat.Stack) -> str:
    changed = stack.updated or stack.created
    stamp = changed.strftime("%Y%m%dT%H%M%S") if changed else "-"
    return f"{PREFIX}children:{request.user.project_id}:{stack.id}:{stamp}"


def _parent_key(request: HttpRequest, stack_id: str) -> str:
    return f"{PREFIX}parent:{request.user.project_id}:{stack_id}"


def families(request: HttpRequest, stacks: list[heat.Stack],
             look_up: bool = True) -> dict[str, Family]:
    """The family of each of ``stacks``, by stack id.

    What the cache does not know is looked up only with ``look_up``: a
    page some region failed has waited long enough, and shows what the
    cache knows.
    """
    keys = {_children_key(request, stack): stack.id for stack in stacks}
    children = {keys[key]: tuple(Relative(*child) for child in value)
                for key, value in cache.get_many(list(keys)).items()}
    keys = {_parent_key(request, stack.id): stack.id for stack in stacks}
    parents = {keys[key]: Relative(*value) if value else None
               for key, value in cache.get_many(list(keys)).items()}
    known_parents = {child.id: Relative(stack.region, stack.id, stack.name)
                     for stack in stacks
                     for child in children.get(stack.id, ())}
    parents.update(known_parents)
    if not look_up:
        return _families(stacks, children, parents)
    unknown = [stack for stack in stacks if stack.id not in children]
    orphans = [stack for stack in stacks if stack.id not in parents
               and not stack.parent and lineage.ancestor_names(stack.name)]
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


def _store(request: HttpRequest, stacks: list[heat.Stack],
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
