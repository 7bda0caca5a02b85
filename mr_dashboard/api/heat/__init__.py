"""Heat, in any region: one short function per operation.

``client`` builds the memoized clients; ``stacks`` lists, shows, creates,
updates, deletes and acts on stacks; ``resources`` reads resources and
events; ``snapshots`` takes, lists, restores and deletes a stack's
snapshots; ``templates`` what a region's Heat accepts and offers, what a
stack runs, validation and previews. Callers use the names gathered here
(``heat.stack_show``, ``heat.Stack``...); the one call made of others is
defined here, on those names (a region's health: ``api/health.py``).
"""

from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.heat.client import heatclient
from mr_dashboard.api.heat.client import action_heatclient
from mr_dashboard.api.heat.client import API_VERSION
from mr_dashboard.api.heat.stacks import BuildInfo
from mr_dashboard.api.heat.stacks import Stack
from mr_dashboard.api.heat.stacks import Output
from mr_dashboard.api.heat.stacks import StackDetail
from mr_dashboard.api.heat.stacks import build_info
from mr_dashboard.api.heat.stacks import stacks_list
from mr_dashboard.api.heat.stacks import stack_get
from mr_dashboard.api.heat.stacks import stack_show
from mr_dashboard.api.heat.stacks import stacks_named
from mr_dashboard.api.heat.stacks import stacks_sorted
from mr_dashboard.api.heat.stacks import stack_create
from mr_dashboard.api.heat.stacks import stack_update
from mr_dashboard.api.heat.stacks import stack_delete
from mr_dashboard.api.heat.stacks import stack_check
from mr_dashboard.api.heat.stacks import stack_suspend
from mr_dashboard.api.heat.stacks import stack_resume
from mr_dashboard.api.heat.stacks import stack_cancel_update
from mr_dashboard.api.heat.snapshots import Snapshot
from mr_dashboard.api.heat.snapshots import snapshots_list
from mr_dashboard.api.heat.snapshots import snapshot_show
from mr_dashboard.api.heat.snapshots import snapshot_create
from mr_dashboard.api.heat.snapshots import snapshot_restore
from mr_dashboard.api.heat.snapshots import snapshot_delete
from mr_dashboard.api.heat.resources import Resource
from mr_dashboard.api.heat.resources import Event
from mr_dashboard.api.heat.resources import resource_attributes
from mr_dashboard.api.heat.resources import resource_mark_unhealthy
from mr_dashboard.api.heat.resources import resources_list
from mr_dashboard.api.heat.resources import events_list
from mr_dashboard.api.heat.resources import event_properties
from mr_dashboard.api.heat.templates import TemplateVersion
from mr_dashboard.api.heat.templates import template_versions
from mr_dashboard.api.heat.templates import resource_types_list
from mr_dashboard.api.heat.templates import resource_type_show
from mr_dashboard.api.heat.templates import stack_template
from mr_dashboard.api.heat.templates import stack_environment
from mr_dashboard.api.heat.templates import stack_files
from mr_dashboard.api.heat.templates import template_validate
from mr_dashboard.api.heat.templates import PlannedResource
from mr_dashboard.api.heat.templates import stack_preview
from mr_dashboard.api.heat.templates import ResourceChange
from mr_dashboard.api.heat.templates import stack_preview_update


def stacks_by_id(request: ApiRequest, region: str,
                 ids: list[str]) -> list[Stack]:
    """The stacks of ``region`` with one of ``ids``, in one request."""
    return stacks_sorted(request, region, sort_keys=("stack_name",),
                         sort_dir="asc", limit=len(ids), filters={"id": ids})


__all__ = [
    "API_VERSION",
    "BuildInfo",
    "Event",
    "Output",
    "PlannedResource",
    "Resource",
    "ResourceChange",
    "Stack",
    "Snapshot",
    "StackDetail",
    "TemplateVersion",
    "action_heatclient",
    "build_info",
    "event_properties",
    "events_list",
    "heatclient",
    "resource_type_show",
    "resource_types_list",
    "resource_attributes",
    "resource_mark_unhealthy",
    "resources_list",
    "snapshot_create",
    "snapshot_delete",
    "snapshot_restore",
    "snapshot_show",
    "snapshots_list",
    "stack_cancel_update",
    "stack_check",
    "stack_create",
    "stack_delete",
    "stack_environment",
    "stack_files",
    "stack_get",
    "stack_preview",
    "stack_preview_update",
    "stack_resume",
    "stack_show",
    "stack_suspend",
    "stack_template",
    "stack_update",
    "stacks_by_id",
    "stacks_list",
    "stacks_named",
    "stacks_sorted",
    "template_validate",
    "template_versions",
]
