"""Heat's stacks in any region: one short function per operation.

Every function takes the request and a region name, talks to that region's
Heat through a memoized client with the plugin's timeout
(:mod:`~mr_dashboard.api.heat.client`), and returns small objects that
remember their region. Errors are the clients' own; views handle them.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.heat.client import action_heatclient
from mr_dashboard.api.heat.client import heatclient
from mr_dashboard.api.heat.client import when


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
                   created=when(info.get("creation_time")),
                   updated=when(info.get("updated_time")),
                   parent=info.get("parent"),
                   tags=tuple(tag.strip() for tag in tags if tag.strip()))

    @property
    def identity(self) -> str:
        """``name/id``: Heat finds the stack without a redirect."""
        return f"{self.name}/{self.id}"


@dataclass(frozen=True)
class Output:
    """One output of a stack: its value, or why Heat could not give it."""

    key: str
    value: Any = None
    description: str = ""
    error: str = ""


@dataclass(frozen=True)
class StackDetail:
    """A stack with its description, parameters, outputs and settings."""

    stack: Stack
    description: str = ""
    parameters: dict[str, Any] = field(default_factory=dict, hash=False)
    outputs: tuple[Output, ...] = ()
    timeout_mins: int | None = None
    disable_rollback: bool = True


def build_info(request: ApiRequest, region: str) -> BuildInfo:
    """Ask the region's Heat for its build information."""
    info = heatclient(request, region).build_info.build_info()
    return BuildInfo(region=region,
                     api=(info.get("api") or {}).get("revision", ""),
                     engine=(info.get("engine") or {}).get("revision", ""))


def stacks_list(request: ApiRequest, region: str,
                **filters: Any) -> list[Stack]:
    """Stacks of the project in ``region``, filtered like Heat's API."""
    stacks = heatclient(request, region).stacks.list(filters=filters)
    return [Stack.from_heat(region, stack.to_dict()) for stack in stacks]


def stack_get(request: ApiRequest, region: str, stack_id: str) -> Stack:
    """One stack of ``region``, by id or name."""
    stack = heatclient(request, region).stacks.get(stack_id)
    return Stack.from_heat(region, stack.to_dict())


def stack_show(request: ApiRequest, region: str, stack_id: str,
               resolve_outputs: bool = True) -> StackDetail:
    """One stack of ``region`` with its parameters and outputs.

    Resolving outputs may make Heat ask other regions; without it the
    call stays in ``region``.
    """
    info = heatclient(request, region).stacks.get(
        stack_id, resolve_outputs=resolve_outputs).to_dict()
    outputs = tuple(Output(key=out.get("output_key", ""),
                           value=out.get("output_value"),
                           description=out.get("description") or "",
                           error=out.get("output_error") or "")
                    for out in info.get("outputs") or ())
    return StackDetail(stack=Stack.from_heat(region, info),
                       description=info.get("description") or "",
                       parameters=dict(info.get("parameters") or {}),
                       outputs=outputs,
                       timeout_mins=info.get("timeout_mins"),
                       disable_rollback=bool(info.get("disable_rollback")))


def stacks_named(request: ApiRequest, region: str,
                 names: list[str]) -> list[Stack]:
    """Stacks of ``region`` called one of ``names``, nested ones too."""
    stacks = heatclient(request, region).stacks.list(
        show_nested=True, filters={"name": names})
    return [Stack.from_heat(region, stack.to_dict()) for stack in stacks]


def stacks_sorted(request: ApiRequest, region: str, *,
                  sort_keys: tuple[str, ...], sort_dir: str, limit: int,
                  marker: str | None = None,
                  filters: dict[str, Any] | None = None) -> list[Stack]:
    """At most ``limit`` stacks of ``region`` after ``marker``, in Heat's
    order, in exactly one request.

    heatclient's ``stacks.list`` asks again whenever a page comes back
    short; this never does. ``filters`` are Heat's query parameters
    (``name``, ``status``, ``id``, ``tags``...); lists repeat the parameter.
    """
    params: dict[str, Any] = {**(filters or {}), "sort_keys": list(sort_keys),
                              "sort_dir": sort_dir, "limit": limit}
    if marker:
        params["marker"] = marker
    response = heatclient(request, region).http_client.get(
        "/stacks?" + urlencode(params, doseq=True))
    return [Stack.from_heat(region, info)
            for info in response.json().get("stacks", ())]


def stack_create(request: ApiRequest, region: str, **fields: Any) -> str:
    """Create a stack in ``region`` and return its id."""
    body = action_heatclient(request, region).stacks.create(**fields)
    return body["stack"]["id"]


def stack_update(request: ApiRequest, region: str, stack_id: str,
                 existing: bool = False, **fields: Any) -> None:
    """Update a stack of ``region``: a new template (PUT), or with
    ``existing`` only the given fields (PATCH)."""
    action_heatclient(request, region).stacks.update(
        stack_id, existing=existing, **fields)


def stack_delete(request: ApiRequest, region: str, stack_id: str) -> None:
    """Delete a stack of ``region``."""
    heatclient(request, region).stacks.delete(stack_id)


def stack_check(request: ApiRequest, region: str, stack_id: str) -> None:
    """Start checking a stack of ``region``."""
    heatclient(request, region).actions.check(stack_id)


def stack_suspend(request: ApiRequest, region: str, stack_id: str) -> None:
    """Start suspending a stack of ``region``."""
    heatclient(request, region).actions.suspend(stack_id)


def stack_resume(request: ApiRequest, region: str, stack_id: str) -> None:
    """Start resuming a suspended stack of ``region``."""
    heatclient(request, region).actions.resume(stack_id)


def stack_cancel_update(request: ApiRequest, region: str,
                        stack_id: str) -> None:
    """Cancel (and roll back) the update a stack of ``region`` runs."""
    heatclient(request, region).actions.cancel_update(stack_id)
