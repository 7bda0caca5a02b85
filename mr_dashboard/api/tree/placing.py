"""Where the children of a stack's OS::Heat::Stack resources live.

The second half of the tree walk (:mod:`mr_dashboard.api.tree.walk`): once a
stack is listed, each of its remote children is placed as soon as its region
is known, from the first source that tells: the regions' lists of top-level
stacks (by the child's id), else the holding stack's template, else the
latest event of the child's resource. Then it is reached. A child whose
context names a credential lives in another cloud, entered through its
resource (a :class:`~mr_dashboard.api.other_cloud.Gateway`, with the
context's ``ca_cert`` and ``insecure``).
"""

from functools import partial

from django.utils.translation import gettext

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.other_cloud import Access
from mr_dashboard.api.other_cloud import Gateway
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.api.parallel import Call
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.hot import context


class ChildPlacing:
    """Placing remote children; mixed into the walk, whose state it uses:
    ``index``, ``lists``, ``placed``, ``prefetched``, ``unplaced``,
    ``templates``, ``scheduler`` and ``_after_list``, ``_request_for``,
    ``_reach``."""

    def _place(self, holder: StackNode,
               resources: list[heat.Resource]) -> list[StackNode]:
        """Hang a child under ``holder`` for each OS::Heat::Stack resource;
        a child reached already (prefetched) is adopted as it is."""
        children = []
        for res in resources:
            child = (self.prefetched.pop(res.physical_id, None)
                     if holder.cloud is None else None)
            if child is None:
                child = StackNode(
                    region=holder.region, cloud=holder.cloud,
                    gateway=holder.gateway, id=res.physical_id, name="",
                    kind=constants.NODE_REMOTE, status=res.status,
                    reason=res.status_reason)
            child.parent, child.parent_resource = holder, res.name
            child.resource_type = res.type
            children.append(child)
            if child.id:
                self.placed[child.id] = child
        holder.children.extend(children)
        self.unplaced.update(children)
        return children

    def _nested_template(self, holder: StackNode, children: list[StackNode],
                         result: RegionResult) -> None:
        if result.ok:
            self.templates.append((holder, result.value))
        self._located(holder, children, result.value if result.ok else None,
                      {})

    def _located(self, holder: StackNode, children: list[StackNode],
                 template: dict | None, parameters: dict) -> None:
        specs = context.remote_specs(template, parameters, holder.region)
        for child in children:
            if child in self.unplaced:
                self._locate(holder, child, specs.get(child.parent_resource))

    def _locate(self, holder: StackNode, child: StackNode,
                spec: context.RemoteSpec | None) -> None:
        """Place ``child`` and reach it, as soon as its region is known:
        from a region's list, else from ``spec`` (the holder's template),
        else from the latest event of its resource."""
        self.unplaced.discard(child)
        found = self.index.get(child.id) if child.cloud is None else None
        if found is not None:
            child.region, child.name = found.region, found.name
            child.status, child.reason = found.status, found.status_reason
            return self._reach(child, show=False)
        if spec is None or spec.region is None:
            if child.id:
                self._after_list(None, partial(self._unlisted, holder, child),
                                 child)
            return
        if not self._enter(holder, child, spec):
            return
        if not child.id:
            return  # not created yet: only where it will be is known
        listed = self.lists.get(child.region)
        if child.cloud is None and child.region in self.lists:
            if listed is None:  # that region's list is on its way
                self.unplaced.add(child)
                return self._after_list(child.region, partial(
                    self._locate, holder, child, spec), child)
            if not listed.ok:
                child.error = listed.error  # it failed a moment ago
                return
        self._reach(child, show=True)

    @staticmethod
    def _enter(holder: StackNode, child: StackNode,
               spec: context.RemoteSpec) -> bool:
        """Where ``child`` lives, as ``spec`` says: its region and, with a
        credential, the other cloud, entered through its resource. False
        (with the reason) for a credential a stack of another cloud names:
        Heat reads it from that cloud's key manager, out of reach."""
        child.region = spec.region or holder.region
        if not spec.secret:
            return True
        if holder.cloud is not None:
            child.error = RegionError(constants.KIND_OTHER_CLOUD, gettext(
                "Created from another cloud with a credential kept there: "
                "not followed."))
            return False
        child.cloud = spec.secret
        child.gateway = Gateway(holder.region, holder.id, holder.name,
                                child.parent_resource, Access.of(spec))
        return True

    def _unlisted(self, holder: StackNode, child: StackNode) -> None:
        """No template told where ``child`` lives: a list or an event may."""
        if child.id in self.index and child.cloud is None:
            return self._locate(holder, child, None)
        self._ask_events(holder, child)

    def _ask_events(self, holder: StackNode, child: StackNode) -> None:
        """Read the child's context from its resource's latest event."""
        def listed(result: RegionResult) -> None:
            if not result.ok or not result.value:
                return self._lost(child, result)
            self.scheduler.call(read, Call(
                holder.region, heat.event_properties,
                (holder.identifier, child.parent_resource,
                 result.value[0].id), request, (child,)))

        def read(result: RegionResult) -> None:
            if not result.ok:
                return self._lost(child, result)
            spec = context.child_spec(child.parent_resource,
                                      result.value.get("context"), {},
                                      holder.region)
            if self._enter(holder, child, spec):
                self._reach(child, show=True)

        request = self._request_for(holder)
        self.scheduler.call(listed, Call(
            holder.region, heat.events_list,
            (holder.identifier, 0, 1, None, child.parent_resource), request,
            (child,)))

    def _lost(self, child: StackNode, result: RegionResult) -> None:
        child.error = result.error or RegionError(
            constants.KIND_ERROR,
            gettext("Neither the template nor the events of %(resource)s "
                    "tell where its stack lives.")
            % {"resource": child.parent_resource})
