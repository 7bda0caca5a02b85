"""Putting drift right through Heat: an update with ``converge``.

Heat's PATCH update with ``converge`` reads every resource's live state
back (``get_live_state``) and updates what differs from the template, and
creates again what is gone; the template and the parameters stay as they
are. :func:`bring_back` runs it on every stack of a detection that
drifted, each in its own region and cloud, children first (a remote child
is its own stack: its parent's update does not reach into it), after
Heat's preview of that update there. Each stack's outcome is told apart:
one that cannot be reached or is refused does not stop the others.
"""

from dataclasses import dataclass

from mr_dashboard.api import heat
from mr_dashboard.api import other_cloud
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.drift.report import DriftReport
from mr_dashboard.api.drift.report import StackDrift
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree


@dataclass(frozen=True)
class Repair:
    """One drifted stack: what Heat's preview said the update changes
    (``changes``), and ``error`` when the update was not started."""

    stack: StackDrift
    changes: tuple[heat.ResourceChange, ...] = ()
    error: RegionError | None = None

    @property
    def started(self) -> bool:
        return self.error is None


def _request_for(request: ApiRequest, node: StackNode) -> ApiRequest:
    """The request reaching the node's cloud (raises CloudUnavailable)."""
    if node.gateway is None:
        return request
    return other_cloud.cloud_request(request, node.gateway.access)


def _repair(request: ApiRequest, node: StackNode,
            stack: StackDrift) -> Repair:
    there = None
    try:
        there = _request_for(request, node)
        changes = heat.stack_preview_update(there, node.region, node.id,
                                            existing=True)
        heat.stack_update(there, node.region, node.id, existing=True,
                          converge=True)
    except other_cloud.CloudUnavailable as exc:
        return Repair(stack, error=exc.error())
    except Exception as exc:  # noqa: BLE001 - told per stack, never raised
        tokens = {request.user.token.id}
        if there is not None:
            tokens.add(there.user.token.id)
        return Repair(stack, error=RegionError.from_exception(
            exc, tuple(tokens)))
    return Repair(stack, tuple(changes))


def bring_back(request: ApiRequest, tree: StackTree,
               found: DriftReport) -> list[Repair]:
    """Heat's update with ``converge`` on each stack of ``tree`` that
    ``found`` says drifted, children first; one :class:`Repair` each."""
    nodes = {node.key: node for node in tree.nodes()}
    return [_repair(request, nodes[stack.key], stack)
            for stack in found.drifted if stack.key in nodes]
