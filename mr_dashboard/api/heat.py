"""Heat, in any region: one short function per operation.

Every function takes the request and a region name, talks to that region's
Heat through a memoized client with the plugin's timeout, and returns small
objects that remember their region. Errors are the clients' own; views
handle them.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from typing import Any
from urllib.parse import unquote
from urllib.parse import urlencode
from urllib.parse import urlsplit

from django.http import HttpRequest
from django.utils.dateparse import parse_datetime
from heatclient import client as heat_client

from horizon.utils.memoized import memoized

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api import parallel
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

    @property
    def identity(self) -> str:
        """``name/id``: Heat finds the stack without a redirect."""
        return f"{self.name}/{self.id}"


def _when(value: str | None) -> datetime | None:
    return parse_datetime(value) if value else None


@memoized
def heatclient(request: HttpRequest, region: str) -> heat_client.Client:
    """A Heat client for ``region``, memoized per request."""
    url = region_named(request, region).url_for(constants.ORCHESTRATION)
    return heat_client.Client(API_VERSION, endpoint=url,
                              session=endpoint_session(request, url),
                              connect_retries=0)


@memoized
def action_heatclient(request: HttpRequest,
                      region: str) -> heat_client.Client:
    """A Heat client for the calls that reach other regions before
    answering (a create validates remote children there): it waits
    ``STACK_ACTION_TIMEOUT`` instead of ``REGION_TIMEOUT``."""
    url = region_named(request, region).url_for(constants.ORCHESTRATION)
    session = endpoint_session(request, url, conf.stack_action_timeout())
    return heat_client.Client(API_VERSION, endpoint=url, session=session,
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
    body = action_heatclient(request, region).stacks.create(**fields)
    return body["stack"]["id"]


def stack_delete(request: HttpRequest, region: str, stack_id: str) -> None:
    """Delete a stack of ``region``."""
    heatclient(request, region).stacks.delete(stack_id)


def region_health(request: HttpRequest, regions: list[str] | None = None
                  ) -> dict[str, parallel.RegionResult]:
    """Whether each region's Heat answers, and how fast.

    A fan-out of :func:`build_info` over ``regions`` (default: all).
    """
    return parallel.fan_out(request, build_info, regions)


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
                   updated=_when(info.get("updated_time")),
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
                   time=_when(info.get("event_time")))


def stack_show(request: HttpRequest, region: str, stack_id: str,
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


def stacks_named(request: HttpRequest, region: str,
                 names: list[str]) -> list[Stack]:
    """Stacks of ``region`` called one of ``names``, nested ones too."""
    stacks = heatclient(request, region).stacks.list(
        show_nested=True, filters={"name": names})
    return [Stack.from_heat(region, stack.to_dict()) for stack in stacks]


def stack_template(request: HttpRequest, region: str,
                   stack_id: str) -> dict[str, Any]:
    """The template a stack of ``region`` runs."""
    return heatclient(request, region).stacks.template(stack_id)


def stack_environment(request: HttpRequest, region: str,
                      stack_id: str) -> dict[str, Any]:
    """The environment a stack of ``region`` runs with."""
    return heatclient(request, region).stacks.environment(stack_id)


def resources_list(request: HttpRequest, region: str, stack_id: str,
                   nested_depth: int = 0) -> list[Resource]:
    """Resources of a stack and of its nested stacks down to
    ``nested_depth`` levels (Heat stops at OS::Heat::Stack)."""
    resources = heatclient(request, region).resources.list(
        stack_id, nested_depth=nested_depth)
    return [Resource.from_heat(region, res.to_dict()) for res in resources]


def events_list(request: HttpRequest, region: str, stack_id: str,
                nested_depth: int = 0, limit: int | None = None,
                marker: str | None = None,
                resource_name: str | None = None) -> list[Event]:
    """Events of a stack (and its nested stacks), newest first."""
    events = heatclient(request, region).events.list(
        stack_id, resource_name=resource_name, nested_depth=nested_depth,
        limit=limit, marker=marker, sort_dir="desc",
        sort_keys="event_time")
    return [Event.from_heat(region, event.to_dict()) for event in events]


def event_properties(request: HttpRequest, region: str, stack_id: str,
                     resource_name: str, event_id: str) -> dict[str, Any]:
    """The resolved properties a resource had at one of its events."""
    event = heatclient(request, region).events.get(stack_id, resource_name,
                                                   event_id)
    return event.to_dict().get("resource_properties") or {}


def stacks_sorted(request: HttpRequest, region: str, *,
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


def stacks_by_id(request: HttpRequest, region: str,
                 ids: list[str]) -> list[Stack]:
    """The stacks of ``region`` with one of ``ids``, in one request."""
    return stacks_sorted(request, region, sort_keys=("stack_name",),
                         sort_dir="asc", limit=len(ids), filters={"id": ids})


def stack_check(request: HttpRequest, region: str, stack_id: str) -> None:
    """Start checking a stack of ``region``."""
    heatclient(request, region).actions.check(stack_id)


def stack_suspend(request: HttpRequest, region: str, stack_id: str) -> None:
    """Start suspending a stack of ``region``."""
    heatclient(request, region).actions.suspend(stack_id)


def stack_resume(request: HttpRequest, region: str, stack_id: str) -> None:
    """Start resuming a suspended stack of ``region``."""
    heatclient(request, region).actions.resume(stack_id)


def stack_cancel_update(request: HttpRequest, region: str,
                        stack_id: str) -> None:
    """Cancel (and roll back) the update a stack of ``region`` runs."""
    heatclient(request, region).actions.cancel_update(stack_id)


@dataclass(frozen=True)
class TemplateVersion:
    """A template version a region's Heat accepts, with its aliases."""

    region: str
    version: str
    type: str
    aliases: tuple[str, ...] = ()


def template_versions(request: HttpRequest,
                      region: str) -> list[TemplateVersion]:
    """The template versions ``region``'s Heat accepts."""
    return [TemplateVersion(region=region, version=item.version,
                            type=getattr(item, "type", ""),
                            aliases=tuple(getattr(item, "aliases", ())))
            for item in heatclient(request, region).template_versions.list()]


def resource_types_list(request: HttpRequest, region: str) -> list[str]:
    """Names of the resource types ``region``'s Heat offers this user
    (Heat leaves out those whose service is not in the catalog)."""
    return [item.resource_type
            for item in heatclient(request, region).resource_types.list()]


def resource_type_show(request: HttpRequest, region: str,
                       type_name: str) -> dict[str, Any]:
    """The schema (properties, attributes, support status) of a type."""
    return heatclient(request, region).resource_types.get(
        type_name, with_description=True)


def template_validate(request: HttpRequest, region: str,
                      **fields: Any) -> dict[str, Any]:
    """Heat's validation of a template in ``region`` (it does not reach
    the regions of the template's OS::Heat::Stack children)."""
    return heatclient(request, region).stacks.validate(**fields)


@dataclass(frozen=True)
class PlannedResource:
    """A resource a preview says would be created, and how deep."""

    region: str
    name: str
    type: str
    depth: int = 0


def _planned(region: str, items: list, depth: int) -> list[PlannedResource]:
    found = []
    for item in items:
        if isinstance(item, list):  # a nested stack's resources
            found += _planned(region, item, depth + 1)
        else:
            found.append(PlannedResource(region, item.get("resource_name",
                                                          ""),
                                         item.get("resource_type", ""),
                                         depth))
    return found


def stack_preview(request: HttpRequest, region: str,
                  **fields: Any) -> list[PlannedResource]:
    """What creating a stack in ``region`` would create there."""
    stack = action_heatclient(request, region).stacks.preview(**fields)
    return _planned(region, stack.to_dict().get("resources") or [], 0)


@dataclass(frozen=True)
class ResourceChange:
    """What an update would do to one resource."""

    region: str
    name: str
    type: str
    change: str  # added, deleted, replaced, updated or unchanged

    @property
    def label(self) -> str:
        """The change, in words for people."""
        return constants.CHANGE_LABELS.get(self.change, self.change)


def stack_preview_update(request: HttpRequest, region: str, stack_id: str,
                         existing: bool = False,
                         **fields: Any) -> list[ResourceChange]:
    """What an update (a PATCH with ``existing``) would change."""
    body = action_heatclient(request, region).stacks.preview_update(
        stack_id, existing=existing, **fields)
    changes = body.get("resource_changes") or {}
    return [ResourceChange(region, item.get("resource_name", ""),
                           item.get("resource_type", ""), change)
            for change, items in changes.items() for item in items or ()]


def stack_update(request: HttpRequest, region: str, stack_id: str,
                 existing: bool = False, **fields: Any) -> None:
    """Update a stack of ``region``: a new template (PUT), or with
    ``existing`` only the given fields (PATCH)."""
    action_heatclient(request, region).stacks.update(
        stack_id, existing=existing, **fields)


def stack_files(request: HttpRequest, region: str,
                stack_id: str) -> dict[str, str]:
    """The files (get_file contents, nested templates) a stack runs with."""
    return heatclient(request, region).stacks.files(stack_id)
