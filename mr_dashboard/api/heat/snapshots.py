"""A Heat stack's snapshots, in the stack's own region.

heatclient's own snapshot calls, on the region's memoized client
(:mod:`~mr_dashboard.api.heat.client`). Every call takes the stack's
``name/id`` (:attr:`Stack.identity`), so heatclient never asks Heat to
resolve a bare id first. A snapshot's ``data`` (the template, environment
and every resource's saved data) is never handed to a page: only what the
table shows is kept.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext

from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.heat.client import heatclient
from mr_dashboard.api.heat.client import when
from mr_dashboard.exceptions import MalformedAnswer


@dataclass(frozen=True)
class Snapshot:
    """A snapshot of a stack, and the region of that stack."""

    region: str
    id: str
    name: str
    status: str  # COMPLETE, FAILED, IN_PROGRESS
    action: str = ""  # CREATE or DELETE (Heat deletes in the background)
    status_reason: str = ""
    created: datetime | None = None

    @property
    def full_status(self) -> str:
        """``<ACTION>_<STATE>``, as a stack's status is spelled."""
        return f"{self.action}_{self.status}" if self.action else self.status

    @classmethod
    def from_heat(cls, region: str, info: dict[str, Any]) -> "Snapshot":
        """Build a Snapshot from Heat's JSON (with or without the
        ``snapshot`` envelope)."""
        info = info.get("snapshot", info) if isinstance(info, dict) else None
        if not isinstance(info, dict) or not isinstance(info.get("id"), str):
            raise MalformedAnswer(gettext("a snapshot without its id"))
        return cls(region=region, id=info["id"],
                   name=info.get("name") or "",
                   status=info.get("status") or "",
                   action=info.get("action") or "",
                   status_reason=info.get("status_reason") or "",
                   created=when(info.get("creation_time")))


def snapshots_list(request: ApiRequest, region: str,
                   stack: str) -> list[Snapshot]:
    """The snapshots of a stack of ``region``, as Heat orders them."""
    body = heatclient(request, region).stacks.snapshot_list(stack)
    return [Snapshot.from_heat(region, info)
            for info in body.get("snapshots", ())]


def snapshot_show(request: ApiRequest, region: str, stack: str,
                  snapshot_id: str) -> Snapshot:
    """One snapshot of a stack of ``region``."""
    return Snapshot.from_heat(region, heatclient(
        request, region).stacks.snapshot_show(stack, snapshot_id))


def snapshot_create(request: ApiRequest, region: str, stack: str,
                    name: str) -> Snapshot:
    """Start taking a snapshot called ``name`` of a stack of ``region``."""
    return Snapshot.from_heat(region, heatclient(
        request, region).stacks.snapshot(stack, name))


def snapshot_restore(request: ApiRequest, region: str, stack: str,
                     snapshot_id: str) -> None:
    """Start restoring a stack of ``region`` from one of its snapshots."""
    heatclient(request, region).stacks.restore(stack, snapshot_id)


def snapshot_delete(request: ApiRequest, region: str, stack: str,
                    snapshot_id: str) -> None:
    """Delete one snapshot of a stack of ``region``."""
    heatclient(request, region).stacks.snapshot_delete(stack, snapshot_id)
