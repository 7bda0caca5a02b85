"""Events of a whole stack tree, merged across regions, newest first, paged.

Every stack the walk listed in its own region (the root and each remote
child) gives the events of itself and of its local nested stacks in one
call (``nested_depth``), in its own cloud; those calls run in parallel. A
page marker keeps, for each of these sources, the last of its events already
shown, so the next page asks every source only for what comes after and
keeps the newest.
"""

from dataclasses import dataclass
from dataclasses import field

from mr_dashboard import conf
from mr_dashboard import tokens
from mr_dashboard.api import heat
from mr_dashboard.api import other_cloud
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api import parallel
from mr_dashboard.api.tree.nodes import StackTree


_PURPOSE = "tree_events"


@dataclass(frozen=True)
class EventsPage:
    """One page of a tree's events, and where the next page starts."""

    events: tuple[heat.Event, ...] = ()
    next_marker: str | None = None
    errors: dict[str, RegionError] = field(default_factory=dict, hash=False)


def encode_marker(markers: dict[str, str]) -> str:
    """A page marker for a URL: each source's last shown event."""
    return tokens.dumps(markers, _PURPOSE)


def decode_marker(marker: str | None) -> dict[str, str]:
    """The markers of :func:`encode_marker`; {} for a bad or no marker."""
    if not marker:
        return {}
    try:
        markers = tokens.loads(marker, _PURPOSE)
    except tokens.BadToken:
        return {}
    if not isinstance(markers, dict):
        return {}
    return {str(key): str(value) for key, value in markers.items()}


def merge(results: dict[str, list[heat.Event]], markers: dict[str, str],
          page_size: int) -> tuple[list[heat.Event], dict[str, str], bool]:
    """The newest ``page_size`` events of all sources, the markers after
    them, and whether any source has more."""
    tagged = [(source, event) for source, events in results.items()
              for event in events]
    tagged.sort(key=lambda pair: pair[1].time.timestamp()
                if pair[1].time else 0.0, reverse=True)
    page, rest = tagged[:page_size], tagged[page_size:]
    after = dict(markers)
    for source, event in page:
        after[source] = event.id
    return [event for _, event in page], after, bool(rest)


def _source_events(request: ApiRequest, region: str, cloud: str | None,
                   identifier: str, page_size: int,
                   marker: str | None) -> list[heat.Event]:
    """One source's events after ``marker``, in its own cloud."""
    if cloud is not None:
        request = other_cloud.cloud_request(request, cloud)
    return heat.events_list(request, region, identifier,
                            conf.tree_nested_depth(), page_size + 1, marker)


def tree_events(request: ApiRequest, tree: StackTree, page_size: int,
                marker: str | None = None) -> EventsPage:
    """One page of the events of every stack of ``tree``."""
    markers = decode_marker(marker)
    sources = {node.key: node for node in tree.listed}
    results = parallel.run_all(request, {
        key: parallel.Call(node.region, _source_events, (
            node.cloud, node.identifier, page_size, markers.get(key)))
        for key, node in sources.items()}, conf.tree_parallel_calls())
    # In tree order, whatever order the answers came in: events of the
    # same second then always come in the same order.
    events, after, more = merge(
        {key: results[key].value for key in sources if results[key].ok},
        {key: value for key, value in markers.items() if key in sources},
        page_size)
    return EventsPage(events=tuple(events),
                      next_marker=encode_marker(after) if more else None,
                      errors={key: results[key].error for key in sources
                              if not results[key].ok})
