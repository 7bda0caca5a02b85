"""Events of a whole stack tree, merged across regions, newest first, paged
in both directions.

Every stack the walk listed in its own region (the root and each remote
child) gives the events of itself and of its local nested stacks in one
call (``nested_depth``), in its own cloud; those calls run in parallel. A
page is the ``page_size`` newest events of all these sources after a
marker per source (older pages), or the ``page_size`` oldest before one
(newer pages: Heat's ascending order from the marker). Each page gives
the markers of both of its neighbours, in a signed token of
:mod:`mr_dashboard.tokens` that also holds the filters it was made for
(a region, a resource name): for each source, the event of that source
at the page's edge, or the nearest one just beyond it, so no event is
skipped or shown twice whichever way the user pages.
"""

from dataclasses import dataclass
from dataclasses import field

from heatclient import exc as heat_exc

from mr_dashboard import conf
from mr_dashboard import tokens
from mr_dashboard.api import heat
from mr_dashboard.api import other_cloud
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.merging import merge_heads
from mr_dashboard.api import parallel
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree

#: Directions of a page marker: the page older or newer than the one shown.
OLDER = "older"
NEWER = "newer"

_PURPOSE = "tree_events"


@dataclass(frozen=True)
class EventFilter:
    """Which events a page shows: of one region's stacks, of resources
    of one name ("" for all)."""

    region: str = ""
    resource: str = ""


@dataclass(frozen=True)
class EventsPage:
    """One page of a tree's events, and the markers of its neighbours
    (None: nothing that way)."""

    events: tuple[heat.Event, ...] = ()
    next_marker: str | None = None  # older events
    prev_marker: str | None = None  # newer events
    errors: dict[str, RegionError] = field(default_factory=dict, hash=False)


def encode_marker(markers: dict[str, str | None], direction: str = OLDER,
                  where: EventFilter = EventFilter()) -> str:
    """A page marker for a URL: each source's edge, the direction and the
    filter it was made for."""
    return tokens.dumps({"d": direction, "m": markers,
                         "f": [where.region, where.resource]}, _PURPOSE)


def decode_marker(marker: str | None, where: EventFilter = EventFilter()
                  ) -> tuple[str, dict[str, str | None]]:
    """``(direction, markers)`` of :func:`encode_marker`; the first page
    (older, no markers) for a bad marker, none, or one made for another
    filter."""
    first: tuple[str, dict[str, str | None]] = (OLDER, {})
    if not marker:
        return first
    try:
        value = tokens.loads(marker, _PURPOSE)
    except tokens.BadToken:
        return first
    if (not isinstance(value, dict) or value.get("d") not in (OLDER, NEWER)
            or not isinstance(value.get("m"), dict)
            or value.get("f") != [where.region, where.resource]):
        return first
    return value["d"], {str(key): None if item is None else str(item)
                        for key, item in value["m"].items()}


def _order(sources: list[str], direction: str):
    """The merge's sort key: by time, then by source, so that the order of
    newer pages is exactly the reverse of the order of older ones (events
    of the same second in several sources included)."""
    rank = {source: index for index, source in enumerate(sources)}
    sign = -1 if direction == OLDER else 1

    def key(pair: tuple[str, heat.Event]) -> tuple[float, int]:
        time = pair[1].time.timestamp() if pair[1].time else 0.0
        return sign * time, -sign * rank[pair[0]]
    return key


def _edges(tagged: list[tuple[str, heat.Event]], sources) -> dict:
    """Each source's first event in ``tagged``."""
    found: dict[str, str] = {}
    for source, event in tagged:
        found.setdefault(source, event.id)
    return {source: found[source] for source in sources if source in found}


def merge(results: dict[str, list[heat.Event]],
          markers: dict[str, str | None], page_size: int,
          direction: str = OLDER
          ) -> tuple[list[heat.Event], dict, dict, bool]:
    """The page of ``page_size`` events of all sources nearest to the
    markers (in ``direction``), newest first; the markers of the next page
    the same way and of the page the other way; whether the same way has
    more.

    ``results`` hold each source's events after its marker in the order
    of ``direction`` (newest first for older pages). A source with nothing
    on the page keeps its marker for the same way; for the other way its
    marker is the nearest of its events beyond the page, or None (from
    its far end: all its events are on the other side).
    """
    order = _order(list(results), direction)
    page, left = merge_heads(results, page_size,
                             lambda source, event: order((source, event)))
    rest = [(source, event) for source, events in left.items()
            for event in events]
    rest.sort(key=order)
    ahead = {**markers, **_edges(reversed(page), results)}
    back = {source: None for source in results}
    back.update(_edges(rest, results))
    back.update(_edges(page, results))
    events = [event for _, event in page]
    if direction == NEWER:
        events.reverse()
    return events, ahead, back, bool(rest)


def cloud_of(node: StackNode) -> other_cloud.Access | str | None:
    """What reaches a stack's cloud: the access of the gateway it was
    reached through (the context's secret and TLS options), else its
    secret; None for the user's own cloud."""
    if node.cloud is None:
        return None
    return node.gateway.access if node.gateway else node.cloud


def _source_events(request: ApiRequest, region: str,
                   cloud: other_cloud.Access | str | None,
                   identifier: str, page_size: int, marker: str | None,
                   direction: str, resource: str) -> list[heat.Event]:
    """One source's events after ``marker`` in ``direction``, in its own
    cloud. Heat answers 404 when the stack has no resource called
    ``resource``: that stack has none of its events, which is no error."""
    if cloud is not None:
        request = other_cloud.cloud_request(request, cloud)
    try:
        return heat.events_list(request, region, identifier,
                                conf.tree_nested_depth(), page_size + 1,
                                marker, resource_name=resource or None,
                                sort_dir="desc" if direction == OLDER
                                else "asc")
    except heat_exc.HTTPNotFound:
        if resource:
            return []
        raise


def tree_events(request: ApiRequest, tree: StackTree, page_size: int,
                marker: str | None = None,
                where: EventFilter = EventFilter()) -> EventsPage:
    """One page of the events of every stack of ``tree`` that ``where``
    keeps."""
    direction, markers = decode_marker(marker, where)
    sources = {node.key: node for node in tree.listed
               if not where.region or node.region == where.region}
    results = parallel.run_all(request, {
        key: parallel.Call(node.region, _source_events, (
            cloud_of(node), node.identifier, page_size, markers.get(key),
            direction, where.resource))
        for key, node in sources.items()}, conf.tree_parallel_calls())
    # In tree order, whatever order the answers came in: events of the
    # same second then always come in the same order.
    events, ahead, back, more = merge(
        {key: results[key].value for key in sources if results[key].ok},
        {key: value for key, value in markers.items() if key in sources},
        page_size, direction)
    # Older pages have newer ones before them once a marker was followed;
    # newer pages always have the older page they came from.
    going_back = bool(markers) if direction == OLDER else True
    same = encode_marker(ahead, direction, where) if more else None
    other_way = encode_marker(back, NEWER if direction == OLDER else OLDER,
                              where) if going_back else None
    older, newer = ((same, other_way) if direction == OLDER
                    else (other_way, same))
    return EventsPage(events=tuple(events), next_marker=older,
                      prev_marker=newer,
                      errors={key: results[key].error for key in sources
                              if not results[key].ok})
