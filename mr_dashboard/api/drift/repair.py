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
the update of the stack that holds it. The detection's report says, for
each stack, which stack's update reaches it and how its cloud is reached
(the other cloud's context read again from its gateway's stack): the tree
is not walked again. Each stack's outcome is told apart: one that cannot
be reached or is refused does not stop the others.
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
from mr_dashboard.api.other_cloud.gateway import open_gateway
from mr_dashboard.api.tree.nodes import StackNode

#: Why a resource is marked unhealthy (Heat keeps it as its reason).
MARK_REASON = "Deleted outside Heat (mr_dashboard drift detection)"


@dataclass(frozen=True)
class Repair:
    """One stack updated with converge: what Heat's preview said the
    update changes, the resources marked to be made again, and ``error``
    when the update was not started."""

    stack: StackDrift
    changes: tuple[heat.ResourceChange, ...] = ()
    marked: tuple[str, ...] = ()
    error: RegionError | None = None

    @property
    def started(self) -> bool:
        return self.error is None


def updated_by(node: StackNode) -> StackNode:
    """The stack whose update reaches ``node``: itself, or the stack
    holding it when it is a local nested stack."""
    while node.kind == constants.NODE_NESTED and node.parent is not None:
        node = node.parent
    return node


def _request_for(request: ApiRequest, stack: StackDrift) -> ApiRequest:
    """The request reaching the stack's cloud: another cloud's through
    the context its gateway's stack gives now (raises CloudUnavailable,
    NoGateway or Heat's error)."""
    if stack.through is None:
        return request
    through = stack.through
    gateway = open_gateway(request, through.region, through.stack_id,
                           through.resource)
    return other_cloud.cloud_request(request, gateway.access)


def _repair(request: ApiRequest, stack: StackDrift,
            drifted: list[StackDrift]) -> Repair:
    there, marked = None, []
    try:
        there = _request_for(request, stack)
        for holder in drifted:
            for res in holder.resources:
                if res.status == DELETED:
                    heat.resource_mark_unhealthy(there, holder.region,
                                                 holder.id, res.name,
                                                 MARK_REASON)
                    marked.append(res.name)
        changes = heat.stack_preview_update(there, stack.region, stack.id,
                                            existing=True)
        heat.stack_update(there, stack.region, stack.id, existing=True,
                          converge=True)
    except other_cloud.CloudUnavailable as exc:
        return Repair(stack, marked=tuple(marked), error=exc.error())
    except Exception as exc:  # noqa: BLE001 - told per stack, never raised
        tokens = {request.user.token.id}
        if there is not None:
            tokens.add(there.user.token.id)
        return Repair(stack, marked=tuple(marked),
                      error=RegionError.from_exception(exc, tuple(tokens)))
    return Repair(stack, tuple(changes), tuple(marked))


def bring_back(request: ApiRequest, found: DriftReport) -> list[Repair]:
    """Put right what ``found`` says drifted (see the module), from the
    detection alone (the tree is not walked again); one :class:`Repair`
    per stack updated, children first."""
    stacks = {stack.key: stack for stack in found.stacks}
    updates: dict[str, list[StackDrift]] = {}
    for stack in found.drifted:
        updated = stacks.get(stack.updated_by or stack.key)
        if updated is None or not stack.id or not updated.id:
            continue
        updates.setdefault(updated.key, []).append(stack)
    return [_repair(request, stacks[key], drifted)
            for key, drifted in updates.items()]


def describe(repair: Repair) -> str:
    """What the repair did, in words (for a page's message)."""
    changed = sum(1 for change in repair.changes
                  if change.change != "unchanged")
    return _("Heat's update with converge started (its preview of the "
             "template changes %(changed)d resources; %(marked)d deleted "
             "outside Heat marked to be made again).") % {
        "changed": changed, "marked": len(repair.marked)}
