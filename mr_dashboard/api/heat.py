"""Heat, in any region: one short function per operation.

Every function takes the request and a region name, talks to that region's
Heat through a memoized client with the plugin's timeout, and returns small
objects that remember their region. Errors are the clients' own; views
handle them.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.dateparse import parse_datetime
from heatclient import client as heat_client

from horizon.utils.memoized import memoized

from mr_dashboard import constants
from mr_dashboard.api import fanout
from mr_dashboard.api.regions import region_named
from mr_dashboard.api.session import endpoint_session

API_VERSION = "1"


@dataclass(frozen=True)
class BuildInfo:
    """Revisions of a region's Heat API and engine."""

    region: str
    api: str
    engine: str


@dataclass(frozen=True)
class Stack:
    """A stack as Heat lists it, and the region it lives in."""

    region: str
    id: str
    name: str
    status: str
    status_reason: str = ""
    created: datetime | None = None
    updated: datetime | None = None
    parent: str | None = None
    tags: tuple[str, ...] = ()

    @classmethod
    def from_heat(cls, region: str, info: dict[str, Any]) -> "Stack":
        """Build a Stack from Heat's JSON representation."""
        tags = info.get("tags") or ()
        if isinstance(tags, str):
            tags = tags.split(",")
        return cls(region=region,
                   id=info["id"],
                   name=info.get("stack_name", ""),
                   status=info.get("stack_status", ""),
                   status_reason=info.get("stack_status_reason") or "",
                   created=_when(info.get("creation_time")),
                   updated=_when(info.get("updated_time")),
                   parent=info.get("parent"),
                   tags=tuple(tag.strip() for tag in tags if tag.strip()))


def _when(value: str | None) -> datetime | None:
    return parse_datetime(value) if value else None


@memoized
def heatclient(request: HttpRequest, region: str) -> heat_client.Client:
    """A Heat client for ``region``, memoized per request."""
    url = region_named(request, region).url_for(constants.ORCHESTRATION)
    return heat_client.Client(API_VERSION, endpoint=url,
                              session=endpoint_session(request, url),
                              connect_retries=0)


def build_info(request: HttpRequest, region: str) -> BuildInfo:
    """Ask the region's Heat for its build information."""
    info = heatclient(request, region).build_info.build_info()
    return BuildInfo(region=region,
                     api=(info.get("api") or {}).get("revision", ""),
                     engine=(info.get("engine") or {}).get("revision", ""))


def stacks_list(request: HttpRequest, region: str,
                **filters: Any) -> list[Stack]:
    """Stacks of the project in ``region``, filtered like Heat's API."""
    stacks = heatclient(request, region).stacks.list(filters=filters)
    return [Stack.from_heat(region, stack.to_dict()) for stack in stacks]


def stack_get(request: HttpRequest, region: str, stack_id: str) -> Stack:
    """One stack of ``region``, by id or name."""
    stack = heatclient(request, region).stacks.get(stack_id)
    return Stack.from_heat(region, stack.to_dict())


def stack_create(request: HttpRequest, region: str, **fields: Any) -> str:
    """Create a stack in ``region`` and return its id."""
    body = heatclient(request, region).stacks.create(**fields)
    return body["stack"]["id"]


def stack_delete(request: HttpRequest, region: str, stack_id: str) -> None:
    """Delete a stack of ``region``."""
    heatclient(request, region).stacks.delete(stack_id)


def region_health(request: HttpRequest, regions: list[str] | None = None
                  ) -> dict[str, fanout.RegionResult]:
    """Whether each region's Heat answers, and how fast.

    A fan-out of :func:`build_info` over ``regions`` (default: all).
    """
    return fanout.fan_out(request, build_info, regions)
