"""The whole tree of stacks one stack owns, across regions and clouds.

Heat lists a stack's resources together with those of its local nested
stacks (``nested_depth``) but stops at ``OS::Heat::Stack``, whose child is a
top-level stack of another region or cloud that nothing links to.
:func:`stack_tree` walks on from there, every call in parallel:

1. It lists the top-level stacks of every region once. A remote child's id
   (its parent resource's ``physical_resource_id``) then tells its region
   and its name (a call by ``name/id`` costs Heat no redirect); and a stack
   named like one of the root's descendants is reached at once, before its
   parent is even listed, so the walk does not wait level after level.
2. Every stack it reaches, it lists with ``nested_depth`` and reads the
   template of: local nested stacks come from the listing, remote children
   from its OS::Heat::Stack resources (:mod:`~mr_dashboard.api.tree.placing`
   places and reaches them), to any depth.

A branch whose region fails keeps the error and the rest is still walked.
With ``paced`` (the tree's page) the walk keeps a page's budget: a branch
whose region answers later than usual is marked late and filled in by a
later walk (:mod:`~mr_dashboard.api.tree.late`).
Templates also give the edges: which stack's outputs feed which stack.
docs/tree.md tells the whole walk and what it costs.
"""

from collections import defaultdict
from functools import partial

from horizon.utils.functions import natural_sort

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.stacks import lineage
from mr_dashboard.api import other_cloud
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.api.regions import heat_region_names
from mr_dashboard.api.parallel import Call
from mr_dashboard.api.parallel import CallScheduler
from mr_dashboard.api.tree import late
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree
from mr_dashboard.api.tree.nodes import dependencies
from mr_dashboard.api.tree.nodes import grow_nested
from mr_dashboard.api.tree.placing import ChildPlacing
from mr_dashboard.hot.context import REMOTE_STACK


def stack_tree(request: ApiRequest, region: str, stack_id: str,
               stack_name: str = "",
               remote_depth: int | None = None,
               gateway: other_cloud.Gateway | None = None,
               paced: bool = False) -> StackTree:
    """Walk the tree of the stack ``stack_id`` of ``region``.

    ``stack_name``, when known, spares Heat a redirect. ``remote_depth``
    limits how many OS::Heat::Stack links are followed (None: all); the
    children beyond are placed but not listed. With a ``gateway`` the
    stack lives in the other cloud it leads to. ``paced``: within a
    page's budget, the branches of late regions marked late.
    """
    root = StackNode(region=region, id=stack_id, name=stack_name,
                     kind=constants.NODE_ROOT, gateway=gateway,
                     cloud=gateway.access.secret if gateway else None)
    allowances = late.budget(request) if paced else {}
    walk = _Walk(request, remote_depth, late.PacedScheduler(
        request, root.key, conf.tree_parallel_calls(),
        conf.fan_out_deadline()) if allowances else CallScheduler(
            request, conf.tree_parallel_calls(), conf.fan_out_deadline()))
    walk.run(root, allowances)
    for node in root.walk():
        node.children.sort(key=natural_sort("parent_resource"))
    return StackTree(root=root, dependencies=dependencies(walk.templates),
                     calls=walk.scheduler.calls,
                     durations=walk.scheduler.durations)


class _Walk(ChildPlacing):
    """One walk: its calls in flight and what it has found so far."""

    def __init__(self, request: ApiRequest, remote_depth: int | None,
                 scheduler: CallScheduler):
        self.request = request
        self.remote_depth = remote_depth
        self.scheduler = scheduler
        # Each region's list of top-level stacks (None while asked), and
        # every stack listed so far by id.
        self.lists: dict[str, RegionResult | None] = {}
        self.index: dict[str, heat.Stack] = {}
        # Steps waiting for a region's list (None: every list), each with
        # the stack it places.
        self.waiting: dict[str | None, list] = defaultdict(list)
        self.unplaced: set[StackNode] = set()
        self.templates: list[tuple[StackNode, dict]] = []
        self.seen: set[str] = set()
        # Remote stacks by id: placed under their parent, or reached before
        # it because a region lists them under a descendant's name.
        self.placed: dict[str, StackNode] = {}
        self.prefetched: dict[str, StackNode] = {}
        self.root_name = ""
        # Requests into other clouds, by access (secret and TLS options).
        self.clouds: dict[other_cloud.Access, ApiRequest] = {}

    def run(self, root: StackNode, allowances: dict[str, float]) -> None:
        """Walk from ``root``; with ``allowances`` (a paced scheduler),
        until the rest has answered and the late calls are past them."""
        # The lists index the user's own cloud: none for a root elsewhere.
        regions = (heat_region_names(self.request) if root.gateway is None
                   else [])
        self.lists = dict.fromkeys(regions)
        if self.remote_depth is None and root.gateway is None:
            self.root_name = root.name
        self._visit(root, show=True)  # first: it leads the longest path
        for region in regions:
            self.scheduler.call(partial(self._region_listed, region),
                                Call(region, heat.stacks_list))
        if allowances:
            self._mark_late(self.scheduler.run_paced(allowances))
        else:
            self.scheduler.run()

    def _mark_late(self, calls: list[Call]) -> None:
        """Each stack a late call was for, or waiting for a late list, is
        late (unless it failed)."""
        slow = {node: call.region for call in calls for node in call.tag}
        unlisted = [region for region, listed in self.lists.items()
                    if listed is None]
        for region, steps in self.waiting.items():
            for child, _ in steps:
                slow.setdefault(child, region or unlisted[0])
        for node, region in slow.items():
            if node.error is None:
                node.late = region

    def _region_listed(self, region: str, result: RegionResult) -> None:
        self.lists[region] = result
        if result.ok:
            self.index.update((stack.id, stack) for stack in result.value)
            self._prefetch(result.value)
        steps = self.waiting.pop(region, [])
        if None not in self.lists.values():
            steps += self.waiting.pop(None, [])
        for _, step in steps:
            step()

    def _prefetch(self, stacks: list[heat.Stack]) -> None:
        """Reach at once the top-level stacks named like remote descendants
        of the root: the tree's remote stacks are then all listed in
        parallel, whatever their depth, and adopted by their parents later
        (a stack no parent claims is left out of the tree)."""
        for stack in stacks:
            if (not self.root_name or stack.id in self.seen
                    or not lineage.is_descendant_name(self.root_name,
                                                      stack.name)):
                continue
            node = self.placed.get(stack.id)
            if node is None:
                node = self.prefetched[stack.id] = StackNode(
                    region=stack.region, id=stack.id, name="",
                    kind=constants.NODE_REMOTE)
            elif node.cloud is not None:
                continue
            node.region, node.name = stack.region, stack.name
            node.status, node.reason = stack.status, stack.status_reason
            self._visit(node)

    def _after_list(self, region: str | None, step,
                    child: StackNode) -> None:
        """Run ``step`` (placing ``child``) once ``region`` (None: every
        region) has listed."""
        if (None in self.lists.values() if region is None
                else region in self.lists and self.lists[region] is None):
            self.waiting[region].append((child, step))
        else:
            step()

    def _request_for(self, node: StackNode) -> ApiRequest:
        """The request reaching the node's cloud, once opened."""
        return (self.request if node.gateway is None
                else self.clouds[node.gateway.access])

    def _visit(self, node: StackNode, show: bool = False) -> None:
        self.seen.add(node.id)
        if (node.gateway is not None
                and node.gateway.access not in self.clouds):
            # Opening another cloud takes calls of its own: in the pool.
            self.scheduler.call(partial(self._cloud_opened, node, show), Call(
                node.region, other_cloud.cloud_request_call,
                (node.gateway.access,), tag=(node,)))
            return
        request = self._request_for(node)
        ident = node.identifier
        calls = {
            "resources": Call(node.region, heat.resources_list,
                              (ident, conf.tree_nested_depth()), request,
                              (node,)),
            "template": Call(node.region, heat.stack_template, (ident,),
                             request, (node,))}
        if show:
            calls["show"] = Call(node.region, heat.stack_show,
                                 (ident, False), request, (node,))
        self.scheduler.call_all(partial(self._listed, node, request), calls)

    def _cloud_opened(self, node: StackNode, show: bool,
                      result: RegionResult) -> None:
        if not result.ok or isinstance(result.value,
                                       other_cloud.CloudUnavailable):
            node.error = result.value.error() if result.ok else result.error
            return
        self.clouds[node.gateway.access] = result.value
        self._visit(node, show)

    def _listed(self, node: StackNode, request: ApiRequest,
                results: dict[str, RegionResult]) -> None:
        show = results.get("show")
        parameters = {}
        if show is not None and show.ok:
            stack = show.value.stack
            node.name, node.status = stack.name, stack.status
            node.reason = stack.status_reason
            parameters = show.value.parameters
        failed = next((r for r in (show, results["resources"])
                       if r is not None and not r.ok), None)
        if failed:
            node.error = failed.error
            return
        node.listed = True
        resources = results["resources"].value
        template = results["template"]
        if template.ok:
            self.templates.append((node, template.value))
        remote = defaultdict(list)
        for res in resources:
            if res.type == REMOTE_STACK:
                remote[res.stack_id].append(res)
        stacks = grow_nested(node, resources)
        for holder_id, holder_resources in remote.items():
            holder = stacks.get(holder_id, node)
            children = self._place(holder, holder_resources)
            if holder is node:
                self._located(holder, children, template.value
                              if template.ok else None, parameters)
                continue
            for child in children:  # those a list holds need no template
                if child.cloud is None and child.id in self.index:
                    self._locate(holder, child, None)
            self.scheduler.call(
                partial(self._nested_template, holder, children),
                Call(holder.region, heat.stack_template,
                     (holder.identifier,), request,
                     tuple(child for child in children
                           if child in self.unplaced)))

    def _reach(self, child: StackNode, show: bool) -> None:
        if self.remote_depth is not None and child.hops > self.remote_depth:
            return
        if child.id not in self.seen:
            self._visit(child, show=show)
