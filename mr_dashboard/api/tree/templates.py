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
"""

import hashlib
from collections.abc import Hashable

from django.core.cache import cache

from mr_dashboard import conf
from mr_dashboard.api import parallel
from mr_dashboard.api.contract import ApiRequest
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


def tree_templates(request: ApiRequest,
                   tree: StackTree) -> dict[str, edges.Shape | None]:
    """The shape of each stack of ``tree`` by key (None: not read)."""
    nodes = [node for node in tree.nodes()
             if node.id and node.error is None and not node.late]
    keys = {node.key: _key(request, node) for node in nodes}
    kept = cache.get_many(list(keys.values()))
    calls: dict[Hashable, parallel.Call] = {
        node.key: parallel.Call(node.region, read,
                                (cloud_of(node), node.identifier))
        for node in nodes if keys[node.key] not in kept}
    results = parallel.run_all(request, calls, conf.tree_parallel_calls())
    made = {keys[key]: edges.shape(result.value)
            for key, result in results.items() if result.ok}
    if made:
        cache.set_many(made, KEEP_SECONDS)
    shapes = {**kept, **made}
    return {node.key: shapes.get(keys[node.key]) if node.key in keys
            else None for node in tree.nodes()}
