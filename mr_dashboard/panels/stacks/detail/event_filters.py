"""The Events tab's filters: one region's stacks, one resource name.

They travel in the page's URL (``events_region``, ``events_resource``),
next to the signed marker of :mod:`mr_dashboard.api.tree.events`, which
holds the filter it was made for. The choices come from the walked tree:
its regions and the names of its resources.
"""

from dataclasses import dataclass
from dataclasses import field
from urllib.parse import urlencode

from mr_dashboard.api import heat
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.other_cloud import Gateway
from mr_dashboard.api.tree.events import EventFilter
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree

REGION_PARAM = "events_region"
RESOURCE_PARAM = "events_resource"
#: Heat's resource names are at most 255 characters.
_LONGEST = 255


@dataclass(frozen=True)
class EventsListing:
    """One page of the Events tab, read once: its events, the merged
    markers of the older and the newer page and the filter they keep, the
    filter's choices, the stacks whose events are missing (and why), and
    the gateway of each stack of another cloud, by stack id, and the
    stacks whose region answered slowly (their events come when it
    answers: the first page, unfiltered, is made within the page's
    budget)."""

    events: tuple[heat.Event, ...] = ()
    next_marker: str | None = None
    prev_marker: str | None = None
    where: EventFilter = EventFilter()
    choices: dict[str, list[str]] = field(default_factory=dict)
    missing: tuple[tuple[StackNode, RegionError], ...] = ()
    gateways: dict[str, Gateway] = field(default_factory=dict)
    late: tuple[StackNode, ...] = ()


def event_filter(request) -> EventFilter:
    """The filter the request asks for ("" where it asks for none)."""
    return EventFilter(
        region=request.GET.get(REGION_PARAM, "").strip()[:_LONGEST],
        resource=request.GET.get(RESOURCE_PARAM, "").strip()[:_LONGEST])


def filter_query(where: EventFilter) -> str:
    """The filter as query parameters (with a leading ``&``), or ""."""
    query = page_query(where)
    return "&" + query if query else ""


def page_query(where: EventFilter, marker_param: str = "",
               marker: str | None = None) -> str:
    """The query parameters of one page of events: its filter and, with
    ``marker``, its place ("" for the first page, unfiltered)."""
    return urlencode([(name, value) for name, value in (
        (REGION_PARAM, where.region), (RESOURCE_PARAM, where.resource),
        (marker_param, marker)) if value])


def filter_choices(tree: StackTree) -> dict[str, list[str]]:
    """The regions of the tree's stacks and its resources' names (the
    stacks themselves included: a stack's own events carry its name)."""
    nodes = tree.nodes()
    return {
        "regions": sorted({node.region for node in nodes if node.listed}),
        "resources": sorted({res.name for node in nodes
                             for res in node.resources}
                            | {node.name for node in nodes if node.name}),
    }
