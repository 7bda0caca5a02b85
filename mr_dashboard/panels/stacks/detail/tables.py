"""Tables of one stack's detail: its resources, nested stacks' included,
and the events of its whole tree across regions."""

from dataclasses import dataclass
from urllib.parse import quote_plus

from django.utils.translation import gettext_lazy as _

from horizon import tables
from horizon.utils import filters

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree
from mr_dashboard.panels.stacks.detail import event_filters
from mr_dashboard.panels.stacks.detail.links import resource_link
from mr_dashboard.panels.shared.stack_urls import stack_page
from mr_dashboard.panels.stacks.detail.links import stack_url
from mr_dashboard.panels.stacks.detail.status_labels import status_label

#: Tab group and tab of the events table, for its "More" link.
EVENTS_TAB = "stack_details__events"


@dataclass(frozen=True)
class ResourceRow:
    """A resource, how deep its stack is nested, and its page."""

    resource: heat.Resource
    depth: int
    holder: StackNode
    url: str | None


def _depth(node: StackNode) -> int:
    depth = 0
    while node.kind == constants.NODE_NESTED:
        depth, node = depth + 1, node.parent
    return depth


def resource_rows(tree: StackTree) -> list[ResourceRow]:
    """The rows of the resources table: the root's resources, then those
    of each local nested stack, where they come in the tree."""
    rows = []
    for node in tree.root.walk():
        stacks = {child.parent_resource: child for child in node.children}
        for res in sorted(node.resources, key=lambda res: res.name):
            child = stacks.get(res.name)
            # Horizon has no page of a resource of another cloud.
            link = (None if child or node.cloud
                    else resource_link(res, tree.root))
            rows.append(ResourceRow(
                res, _depth(node), node,
                stack_url(child) if child else link and link.url))
    return rows


class ResourcesTable(tables.DataTable):
    name = tables.Column(lambda row: row.resource.name,
                         verbose_name=_("Resource"))
    stack = tables.Column(lambda row: row.holder.name,
                          link=lambda row: stack_url(row.holder),
                          verbose_name=_("Stack"))
    depth = tables.Column("depth", verbose_name=_("Nested depth"))
    type = tables.Column(lambda row: row.resource.type,
                         verbose_name=_("Type"))
    physical_id = tables.Column(lambda row: row.resource.physical_id,
                                link=lambda row: row.url,
                                verbose_name=_("Physical ID"))
    status = tables.Column(lambda row: status_label(row.resource.status),
                           verbose_name=_("Status"))
    reason = tables.Column(lambda row: row.resource.status_reason,
                           truncate=120, verbose_name=_("Reason"))
    updated = tables.Column(lambda row: row.resource.updated,
                            filters=(filters.timesince_sortable,),
                            verbose_name=_("Updated"))

    def get_object_id(self, datum: ResourceRow) -> str:
        return f"{datum.resource.stack_id}/{datum.resource.name}"

    class Meta:
        name = "resources"
        verbose_name = _("Resources")


class EventStackColumn(tables.Column):
    """The stack an event is about, linked to its page in its own cloud
    (through the gateway of each stack of another cloud)."""

    def get_link_url(self, datum: heat.Event) -> str:
        return stack_page(datum.region, datum.stack_id,
                          self.table.listing.gateways.get(datum.stack_id))


class EventsTable(tables.DataTable):
    time = tables.Column("time", filters=(filters.timesince_sortable,),
                         verbose_name=_("Time since event"))
    region = tables.Column("region", verbose_name=_("Region"),
                           classes=("mr-region-cell",))
    stack = EventStackColumn("stack_name", verbose_name=_("Stack"),
                             link=True)
    resource = tables.Column("resource_name", verbose_name=_("Resource"))
    status = tables.Column(lambda event: status_label(event.status),
                           verbose_name=_("Status"))
    reason = tables.Column("status_reason", truncate=120,
                           verbose_name=_("Reason"))

    def __init__(self, request, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        #: The page the rows come from, given with them by the events tab
        #: (its markers, filter and gateways).
        self.listing = event_filters.EventsListing()

    def get_object_id(self, datum: heat.Event) -> str:
        return datum.id

    def get_marker(self) -> str:
        return quote_plus(self.listing.next_marker or "")

    def get_prev_marker(self) -> str:
        return quote_plus(self.listing.prev_marker or "")

    def get_pagination_string(self) -> str:
        query = event_filters.filter_query(self.listing.where)
        return f"tab={EVENTS_TAB}{query}&{super().get_pagination_string()}"

    def get_prev_pagination_string(self) -> str:
        query = event_filters.filter_query(self.listing.where)
        return (f"tab={EVENTS_TAB}{query}"
                f"&{super().get_prev_pagination_string()}")

    class Meta:
        name = "events"
        verbose_name = _("Events")
        pagination_param = "events_marker"
        prev_pagination_param = "events_marker"
