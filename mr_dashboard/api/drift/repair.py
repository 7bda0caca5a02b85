"""Putting drift right through Heat.

Two of Heat's own tools, on every stack of a detection that drifted, each
in its own region and cloud, children first (a remote child is its own
stack: its parent's update does not reach into it):

- a resource whose object was deleted outside Heat is marked unhealthy
  (Heat's ``mark_unhealthy``), so the update makes it again;
- then Heat's PATCH update with ``converge`` (after Heat's preview of that
  update there) reads the resources' live state back and updates what
  differs from the template; the template and the parameters stay.

A local nested stack is not updated by itself: its drift is put right by
the update of the stack that holds it. Each stack's outcome is told
apart: one that cannot be reached or is refused does not stop the others.
What Heat's converge does not put right is said in docs/drift.md.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api import other_cloud
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.drift.report import DELETED
from mr_dashboard.api.drift.report import DriftReport
from mr_dashboard.api.drift.report import StackDrift
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree

#: Why a resource is marked unhealthy (Heat keeps it as its reason).
MARK_REASON = "Deleted outside Heat (mr_dashboard drift detection)"


@dataclass(frozen=True)
class Repair:
    """One stack updated with converge: what Heat's preview said the
    update changes, the resources marked to be made again, and ``error``
    when the update was not started."""

    stack: StackNode
    changes: tuple[heat.ResourceChange, ...] = ()
    marked: tuple[str, ...] = ()
    error: RegionError | None = None

    @property
    def started(self) -> bool:
        return self.error is None


def _request_for(request: ApiRequest, node: StackNode) -> ApiRequest:
    """The request reaching the node's cloud (raises CloudUnavailable)."""
    if node.gateway is None:
        return request
    return other_cloud.cloud_request(request, node.gateway.access)


def _updated(node: StackNode) -> StackNode:
    """The stack whose update reaches ``node``: itself, or the stack
    holding it when it is a local nested stack."""
    while node.kind == constants.NODE_NESTED and node.parent is not None:
        node = node.parent
    return node


def _repair(request: ApiRequest, node: StackNode,
            drifted: list[tuple[StackNode, StackDrift]]) -> Repair:
    there, marked = None, []
    try:
        there = _request_for(request, node)
        for holder, stack in drifted:
            for res in stack.resources:
                if res.status == DELETED:
                    heat.resource_mark_unhealthy(there, holder.region,
                                                 holder.id, res.name,
                                                 MARK_REASON)
                    marked.append(res.name)
        changes = heat.stack_preview_update(there, node.region, node.id,
                                            existing=True)
        heat.stack_update(there, node.region, node.id, existing=True,
                          converge=True)
    except other_cloud.CloudUnavailable as exc:
        return Repair(node, marked=tuple(marked), error=exc.error())
    except Exception as exc:  # noqa: BLE001 - told per stack, never raised
        tokens = {request.user.token.id}
        if there is not None:
            tokens.add(there.user.token.id)
        return Repair(node, marked=tuple(marked),
                      error=RegionError.from_exception(exc, tuple(tokens)))
    return Repair(node, tuple(changes), tuple(marked))


def bring_back(request: ApiRequest, tree: StackTree,
               found: DriftReport) -> list[Repair]:
    """Put right what ``found`` says drifted in ``tree`` (see the
    module); one :class:`Repair` per stack updated, children first."""
    nodes = {node.key: node for node in tree.nodes()}
    updates: dict[str, list[tuple[StackNode, StackDrift]]] = {}
    for stack in found.drifted:
        node = nodes.get(stack.key)
        if node is None or not node.id:
            continue
        updates.setdefault(_updated(node).key, []).append((node, stack))
    return [_repair(request, nodes[key], drifted)
            for key, drifted in updates.items()]


def describe(repair: Repair) -> str:
    """What the repair did, in words (for a page's message)."""
    changed = sum(1 for change in repair.changes
                  if change.change != "unchanged")
    return _("Heat's update with converge started (its preview of the "
             "template changes %(changed)d resources; %(marked)d deleted "
             "outside Heat marked to be made again).") % {
        "changed": changed, "marked": len(repair.marked)}
