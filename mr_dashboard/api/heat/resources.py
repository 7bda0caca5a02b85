"""A Heat stack's resources and events, in any region.

Each resource and event names the stack holding it (Heat's ``links``), and
a resource the nested stack it runs.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import unquote
from urllib.parse import urlsplit

from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.heat.client import action_heatclient
from mr_dashboard.api.heat.client import heatclient
from mr_dashboard.api.heat.client import when


def _linked_stack(info: dict[str, Any], rel: str) -> tuple[str, str] | None:
    """``(name, id)`` of the stack that the ``rel`` link of ``info`` names."""
    for link in info.get("links") or ():
        if link.get("rel") == rel:
            _, _, tail = urlsplit(link.get("href", "")).path.partition(
                "/stacks/")
            name, _, rest = tail.partition("/")
            return unquote(name), rest.split("/", 1)[0]
    return None


@dataclass(frozen=True)
class Resource:
    """A resource, the stack holding it and the nested stack it runs."""

    region: str
    stack_id: str
    stack_name: str
    name: str
    type: str
    physical_id: str
    status: str
    status_reason: str = ""
    updated: datetime | None = None
    nested_id: str | None = None
    nested_name: str | None = None

    @classmethod
    def from_heat(cls, region: str, info: dict[str, Any]) -> "Resource":
        """Build a Resource from Heat's JSON representation."""
        stack_name, stack_id = _linked_stack(info, "stack") or ("", "")
        nested_name, nested_id = (_linked_stack(info, "nested")
                                  or (None, None))
        return cls(region=region, stack_id=stack_id, stack_name=stack_name,
                   name=info.get("resource_name", ""),
                   type=info.get("resource_type", ""),
                   physical_id=info.get("physical_resource_id") or "",
                   status=info.get("resource_status", ""),
                   status_reason=info.get("resource_status_reason") or "",
                   updated=when(info.get("updated_time")),
                   nested_id=nested_id, nested_name=nested_name)


@dataclass(frozen=True)
class Event:
    """One event of a resource (or of a stack itself)."""

    region: str
    id: str
    stack_id: str
    stack_name: str
    resource_name: str
    physical_id: str
    status: str
    status_reason: str = ""
    time: datetime | None = None

    @classmethod
    def from_heat(cls, region: str, info: dict[str, Any]) -> "Event":
        """Build an Event from Heat's JSON representation."""
        stack_name, stack_id = _linked_stack(info, "stack") or ("", "")
        return cls(region=region, id=info["id"], stack_id=stack_id,
                   stack_name=stack_name,
                   resource_name=info.get("resource_name", ""),
                   physical_id=info.get("physical_resource_id") or "",
                   status=info.get("resource_status", ""),
                   status_reason=info.get("resource_status_reason") or "",
                   time=when(info.get("event_time")))


def resources_list(request: ApiRequest, region: str, stack_id: str,
                   nested_depth: int = 0) -> list[Resource]:
    """Resources of a stack and of its nested stacks down to
    ``nested_depth`` levels (Heat stops at OS::Heat::Stack)."""
    resources = heatclient(request, region).resources.list(
        stack_id, nested_depth=nested_depth)
    return [Resource.from_heat(region, res.to_dict()) for res in resources]


def resource_attributes(request: ApiRequest, region: str, stack_id: str,
                        name: str, attributes: list[str]) -> dict:
    """The current values Heat gives of ``attributes`` of the resource
    ``name`` of a stack (its resource show)."""
    found = heatclient(request, region).resources.get(
        stack_id, name, with_attr=attributes).to_dict()
    return found.get("attributes") or {}


def resource_mark_unhealthy(request: ApiRequest, region: str,
                            stack_id: str, resource_name: str,
                            reason: str) -> None:
    """Mark a resource of a stack unhealthy: the stack's next update
    replaces it (Heat's way to make again what was deleted outside it)."""
    action_heatclient(request, region).resources.mark_unhealthy(
        stack_id, resource_name, True, reason)


def events_list(request: ApiRequest, region: str, stack_id: str,
                nested_depth: int = 0, limit: int | None = None,
                marker: str | None = None,
                resource_name: str | None = None,
                sort_dir: str = "desc") -> list[Event]:
    """Events of a stack (and its nested stacks), newest first (oldest
    first with ``sort_dir="asc"``), after ``marker`` in that order."""
    events = heatclient(request, region).events.list(
        stack_id, resource_name=resource_name, nested_depth=nested_depth,
        limit=limit, marker=marker, sort_dir=sort_dir,
        sort_keys="event_time")
    return [Event.from_heat(region, event.to_dict()) for event in events]


def event_properties(request: ApiRequest, region: str, stack_id: str,
                     resource_name: str, event_id: str) -> dict[str, Any]:
    """The resolved properties a resource had at one of its events."""
    event = heatclient(request, region).events.get(stack_id, resource_name,
                                                   event_id)
    return event.to_dict().get("resource_properties") or {}
