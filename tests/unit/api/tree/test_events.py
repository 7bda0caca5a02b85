"""Tests of mr_dashboard.api.tree.events: one tree's events, merged and
paged across the stacks of its regions."""

import datetime

from mr_dashboard.api import heat
from mr_dashboard.api import other_cloud
from mr_dashboard.api.tree import events as tree_events
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree
from tests.unit import fakes
from tests.unit.fakes import FakeHeat


def event(event_id, second, region="RegionOne"):
    return heat.Event(region, event_id, "s", "stack", "res", "", "X",
                      time=datetime.datetime(2026, 11, 21, 10, 0, second,
                                             tzinfo=datetime.UTC))


def test_markers_survive_a_url_and_bad_ones_mean_the_first_page():
    markers = {"/RegionOne/abc": "e1", "/RegionTwo/def": "e2"}
    marker = tree_events.encode_marker(markers)
    first = (tree_events.OLDER, {})
    assert "=" not in marker and "/" not in marker
    assert tree_events.decode_marker(marker) == (tree_events.OLDER, markers)
    assert tree_events.decode_marker(None) == first
    assert tree_events.decode_marker("not-a-marker") == first
    assert tree_events.decode_marker(
        tree_events.encode_marker({"a": "b"})[:-3]) == first


def test_a_marker_made_for_another_filter_means_the_first_page():
    where = tree_events.EventFilter(region="RegionTwo")
    marker = tree_events.encode_marker({"a": None}, tree_events.NEWER, where)
    assert tree_events.decode_marker(marker, where) == (
        tree_events.NEWER, {"a": None})
    assert tree_events.decode_marker(marker) == (tree_events.OLDER, {})


def test_merge_takes_the_newest_of_all_sources_and_moves_their_markers():
    one = [event("a3", 30), event("a2", 20), event("a1", 10)]
    two = [event("b2", 25, "RegionTwo"), event("b1", 5, "RegionTwo")]

    page, after, back, more = tree_events.merge({"one": one, "two": two},
                                                {"old": "x"}, 3)

    assert [e.id for e in page] == ["a3", "b2", "a2"]
    assert after == {"old": "x", "one": "a2", "two": "b2"}
    # Back: each source's newest event on the page.
    assert back == {"one": "a3", "two": "b2"}
    assert more


def test_merge_of_the_last_page():
    page, after, back, more = tree_events.merge(
        {"one": [event("a1", 10)], "two": []}, {"two": "b1"}, 3)

    assert [e.id for e in page] == ["a1"]
    assert after == {"one": "a1", "two": "b1"} and not more
    # A source with nothing older: the way back starts at its oldest.
    assert back == {"one": "a1", "two": None}


def test_merge_of_a_newer_page_comes_back_newest_first():
    # Ascending from the markers: the page nearest to the one shown.
    one = [event("a4", 40), event("a5", 50), event("a6", 55)]
    two = [event("b3", 45, "RegionTwo"), event("b4", 58, "RegionTwo")]

    page, ahead, back, more = tree_events.merge(
        {"one": one, "two": two, "three": []},
        {"one": "a3", "two": "b2", "three": "c9"}, 3, tree_events.NEWER)

    assert [e.id for e in page] == ["a5", "b3", "a4"]
    assert ahead == {"one": "a5", "two": "b3", "three": "c9"} and more
    # Older again: each source's oldest on the page; from the top for a
    # source with nothing newer than the page.
    assert back == {"one": "a4", "two": "b3", "three": None}


def test_a_page_from_every_source_in_its_own_cloud(http_server, monkeypatch):
    def events(*ids):
        return {"events": [{"id": i, "event_time": f"2026-11-21T10:00:{s}Z",
                            "resource_name": "r", "links": []}
                           for i, s in ids]}

    here = FakeHeat({r"/stacks/top/t0p/events": events(("a2", 20),
                                                       ("a1", 10))})
    there = FakeHeat({r"/stacks/far/f4r/events": events(("b1", 15))})
    request = fakes.api_request(fakes.local_catalog(
        {"RegionOne": http_server(here)}))
    other = fakes.api_request(fakes.local_catalog(
        {"RegionOne": http_server(there)}), token="other")
    monkeypatch.setattr(other_cloud, "cloud_request",
                        lambda request, secret: other)
    root = StackNode("RegionOne", "t0p", "top", "root", listed=True)
    far = StackNode("RegionOne", "f4r", "far", "remote", cloud="5ec",
                    parent=root, listed=True)
    root.children = [far]

    page = tree_events.tree_events(request, StackTree(root), 2)

    assert [event.id for event in page.events] == ["a2", "b1"]
    assert page.next_marker and not page.errors
    assert here.paths == [
        "/stacks/top/t0p/events?limit=3&nested_depth=5&sort_dir=desc"
        "&sort_keys=event_time"]
    # The next page asks each source from its own last event shown.
    tree_events.tree_events(request, StackTree(root), 2, page.next_marker)
    assert "marker=b1" in there.paths[-1] and "marker=a2" in here.paths[-1]
