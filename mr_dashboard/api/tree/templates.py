"""The templates of a walked tree's stacks, read in parallel and cached, as
the shapes the picture's edges are made of (:mod:`mr_dashboard.hot.edges`).

One template read per stack of the tree, in the stack's own region and
cloud, all at once through the plugin's scheduler (:func:`parallel.run_all`,
``TREE_PARALLEL_CALLS`` at a time, within its deadline); a stack whose read
fails has no shape (its resources are drawn, without their edges), and is
asked again next time. What is kept is the template's small
:class:`~mr_dashboard.hot.edges.Shape`, never the template, in Django's
cache for :data:`KEEP_SECONDS`, under the user's project and the stack's
cloud, region and id and :func:`version`: while the stack is unchanged, a
walk of the tree asks for no template again (a tree polled every few
seconds while a child is in progress costs its own calls only).

Within a page's budget (``late_after``, the walk's allowances) a read past
its region's allowance is late: its stack has no shape this time and its
key joins the tree's ``reading``; the read runs on and keeps its shape in
the cache when it comes, for the next answer, and while it runs no other
read of it is started.
"""

import hashlib
from collections.abc import Mapping
from concurrent import futures
from functools import partial

from django.core.cache import cache

from mr_dashboard import conf
from mr_dashboard.api import parallel
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.parallel import late_keep_seconds
from mr_dashboard.api.tree.events import cloud_of
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree
from mr_dashboard.api.tree.outputs import _template as read
from mr_dashboard.hot import edges

#: How long a shape is kept (a changed stack has another key anyway).
KEEP_SECONDS = 3600
_PREFIX = "mr-topology-shape:"


def _time(value) -> str:
    return value.isoformat() if value else ""


def version(node: StackNode) -> str:
    """What changes when the stack's template may have: its status, the
    time its parent resource was last created or updated (a nested or
    remote stack is updated through it), the newest such time of its own
    resources, and their names (a resource added or removed)."""
    parent = next((res for res in (node.parent.resources if node.parent
                                   else ())
                   if res.name == node.parent_resource), None)
    newest = max((_time(res.updated) for res in node.resources), default="")
    names = ",".join(sorted(res.name for res in node.resources))
    return "|".join((node.status, _time(parent.updated) if parent else "",
                     newest, hashlib.sha256(names.encode()).hexdigest()))


def _key(request: ApiRequest, node: StackNode) -> str:
    project = str(getattr(request.user, "project_id", "") or "")
    parts = "\n".join((project, node.cloud or "", node.region, node.id,
                       version(node)))
    return _PREFIX + hashlib.sha256(parts.encode()).hexdigest()


def tree_templates(request: ApiRequest, tree: StackTree,
                   late_after: Mapping[str, float] | None = None
                   ) -> dict[str, edges.Shape | None]:
    """The shape of each stack of ``tree`` by key (None: not read); with
    ``late_after``, the reads past it are left late (see the module)."""
    nodes = [node for node in tree.nodes()
             if node.id and node.error is None and not node.late]
    keys = {node.key: _key(request, node) for node in nodes}
    found = cache.get_many([key + suffix for key in keys.values()
                            for suffix in ("", READING)])
    kept = {key: found[key] for key in keys.values() if key in found}
    tree.reading.update(key for key, cache_key in keys.items()
                        if cache_key + READING in found
                        and cache_key not in kept)
    calls = {node.key: parallel.Call(node.region, read,
                                     (cloud_of(node), node.identifier))
             for node in nodes if keys[node.key] not in kept
             and node.key not in tree.reading}
    made = {keys[key]: edges.shape(result.value)
            for key, result in _read(request, calls, keys, tree,
                                     late_after).items() if result.ok}
    if made:
        cache.set_many(made, KEEP_SECONDS)
    shapes = {**kept, **made}
    return {node.key: shapes.get(keys[node.key]) if node.key in keys
            else None for node in tree.nodes()}


#: The suffix of the cache entry saying a stack's template is being read.
READING = ":reading"


def _read(request: ApiRequest, calls: dict[str, parallel.Call],
          keys: dict[str, str], tree: StackTree,
          late_after: Mapping[str, float] | None
          ) -> dict[str, parallel.RegionResult]:
    """Run the reads within the deadline, or within ``late_after``: a late
    read's stack joins ``tree.reading``, its shape is kept when it
    comes."""
    if not late_after:
        return parallel.run_all(request, calls, conf.tree_parallel_calls())
    if not calls:
        return {}
    scheduler = parallel.CallScheduler(
        request, min(conf.tree_parallel_calls(), len(calls)),
        conf.fan_out_deadline())
    results: dict[str, parallel.RegionResult] = {}
    running = {key: scheduler.call(partial(results.__setitem__, key), call)
               for key, call in calls.items()}
    scheduler.run(late_after)
    for key, future in running.items():
        if key not in results:
            tree.reading.add(key)
            cache.set(keys[key] + READING, 1, timeout=late_keep_seconds())
            future.add_done_callback(partial(_keep_shape, keys[key]))
    return results


def _keep_shape(key: str, done: futures.Future) -> None:
    """Keep a late read's shape (in the thread that made the read)."""
    if not done.cancelled() and done.result().ok:
        cache.set(key, edges.shape(done.result().value), KEEP_SECONDS)
    cache.delete(key + READING)
