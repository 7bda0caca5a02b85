"""The outputs of every stack of a walked tree, across regions and clouds,
and which of them feed which stacks' parameters.

One ``stack show`` per stack of the tree (outputs resolved: Heat may ask
other regions for a parent's outputs), in its own cloud, in parallel; a
stack that fails keeps its error, the others are shown. The feeds come
from the templates of the stacks whose children depend on each other (the
walk's dependencies name them): a parent's ``get_attr`` on a child's
output, passed as another child's parameter (:func:`hot.feeds.
output_feeds`).
"""

from dataclasses import dataclass
from dataclasses import field

from mr_dashboard import conf
from mr_dashboard.api import heat
from mr_dashboard.api import other_cloud
from mr_dashboard.api import parallel
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.tree.events import cloud_of
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree
from mr_dashboard.hot.feeds import output_feeds


@dataclass(frozen=True)
class Fed:
    """An output feeding ``parameter`` of stack ``target``."""

    target: StackNode
    parameter: str


@dataclass
class StackOutputs:
    """A stack of the tree, its outputs (or why not) and what they feed."""

    node: StackNode
    outputs: tuple[heat.Output, ...] = ()
    error: RegionError | None = None
    feeds: dict[str, list[Fed]] = field(default_factory=dict)


def _in_cloud(function):
    """``function`` called with a request into the node's cloud."""
    def call(request: ApiRequest, region: str,
             cloud: other_cloud.Access | str | None, *args):
        if cloud is not None:
            request = other_cloud.cloud_request(request, cloud)
        return function(request, region, *args)
    return call


_show = _in_cloud(heat.stack_show)
_template = _in_cloud(heat.stack_template)


def tree_outputs(request: ApiRequest, tree: StackTree) -> list[StackOutputs]:
    """Every stack of ``tree`` with its outputs, in tree order (a late
    stack's not asked for: its region answers slowly)."""
    nodes = {node.key: node for node in tree.nodes()
             if node.id and not node.error and not node.late}
    by_key = {dep.source: nodes.get(dep.source) for dep in tree.dependencies}
    holders = {node.parent.key: node.parent for node in by_key.values()
               if node is not None and node.parent is not None}
    calls = {("show", key): parallel.Call(node.region, _show, (
        cloud_of(node), node.identifier)) for key, node in nodes.items()}
    calls.update({("template", key): parallel.Call(node.region, _template, (
        cloud_of(node), node.identifier)) for key, node in holders.items()})
    results = parallel.run_all(request, calls, conf.tree_parallel_calls())
    found = {}
    for node in tree.nodes():
        shown = results.get(("show", node.key))
        found[node.key] = StackOutputs(
            node, outputs=shown.value.outputs if shown and shown.ok else (),
            error=node.error or (shown.error if shown else None))
    for key, holder in holders.items():
        template = results[("template", key)]
        if not template.ok:
            continue
        children = holder.children_by_resource()
        for feed in output_feeds(template.value):
            source = children.get(feed.source)
            target = children.get(feed.target)
            if source and target:
                found[source.key].feeds.setdefault(feed.output, []).append(
                    Fed(target, feed.parameter))
    return list(found.values())
