"""The merged events of a whole tree on the real demo cloud: paged older and
back newer, filtered by region and by resource, through the API and the
Events tab (the tree of tree_stacks, shared with test_tree_views)."""
import html
import re

import pytest
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api.tree.events import EventFilter
from mr_dashboard.api.tree.events import tree_events
from mr_dashboard.api.tree.walk import stack_tree
from mr_dashboard.panels.stacks.detail.links import stack_url
from tests.cloud import heat_client
from tests.functional.conftest import LOOPBACK

ONE = "RegionOne"


pytestmark = pytest.mark.usefixtures("patient")


def ids(page) -> set[str]:
    return {event.id for event in page.events}


def test_pages_older_then_back_newer(demo_request, stack_trees):
    stack_id, name = stack_trees["tree"]
    tree = stack_tree(demo_request, ONE, stack_id, name)

    first = tree_events(demo_request, tree, 15)
    second = tree_events(demo_request, tree, 15, first.next_marker)
    third = tree_events(demo_request, tree, 15, second.next_marker)
    back_second = tree_events(demo_request, tree, 15, third.prev_marker)
    back_first = tree_events(demo_request, tree, 15, back_second.prev_marker)
    forward_again = tree_events(demo_request, tree, 15, back_first.next_marker)
    everything = tree_events(demo_request, tree, 1000)

    assert first.prev_marker is None and third.prev_marker
    newest = [event.id for event in everything.events]
    assert ids(first) | ids(second) | ids(third) == set(newest[:45])
    assert len(ids(first) | ids(second) | ids(third)) == 45
    assert ids(back_second) == ids(second) and ids(back_first) == ids(first)
    assert back_first.prev_marker is None  # the newest page again
    assert ids(forward_again) == ids(second)
    for page in (back_second, back_first):
        times = [event.time for event in page.events]
        assert times == sorted(times, reverse=True)


def test_filters_by_region_and_by_resource(demo_request, stack_trees):
    stack_id, name = stack_trees["tree"]
    tree = stack_tree(demo_request, ONE, stack_id, name)
    everything = tree_events(demo_request, tree, 1000).events

    three = tree_events(demo_request, tree, 1000, where=EventFilter(region="RegionThree"))
    seen = tree_events(demo_request, tree, 1000, where=EventFilter(resource="seen"))

    assert {event.region for event in three.events} == {"RegionThree"}
    assert ids(three) == {event.id for event in everything if event.region == "RegionThree"}
    assert seen.events and {event.resource_name for event in seen.events} == {"seen"}
    assert ids(seen) == {event.id for event in everything if event.resource_name == "seen"}
    # Stacks without a resource of that name (Heat answers 404) are not errors.
    assert seen.errors == {}
    nowhere = tree_events(demo_request, tree, 1000, where=EventFilter(resource="no-such"))
    assert (list(nowhere.events), nowhere.errors) == ([], {})


def test_the_events_tab_pages_both_ways_with_its_filter(demo_client, stack_trees):
    stack_id, _ = stack_trees["tree"]
    url = reverse(constants.STACK_DETAIL_URL, args=(ONE, stack_id))
    ajax = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    query = {"tab": "stack_details__events", "events_region": "RegionTwo"}

    first = demo_client.get(url, query, **ajax).content.decode()
    older, newer = links(first, "Next"), links(first, "Prev")
    assert older and not newer and "events_region=RegionTwo" in older[0]
    assert 'class="form-inline mr-events-filter"' in first
    assert "data-mr-live-tab" not in first  # a filtered page is not reloaded
    assert '<option value="RegionTwo" selected>' in first

    second = demo_client.get(url + "?" + html.unescape(older[0]), **ajax)
    page = second.content.decode()
    assert second.status_code == 200
    assert set(re.findall(r'<td[^>]*mr-region-cell[^>]*>\s*([^<\s]*)', page)) == {"RegionTwo"}
    back = links(page, "Prev")
    assert back and "events_region=RegionTwo" in back[0]
    again = demo_client.get(url + "?" + html.unescape(back[0]), **ajax).content.decode()
    assert cells(again) == cells(first)


def links(page: str, label: str) -> list[str]:
    """The events table's pagination links called ``label``."""
    return re.findall(r'<a href="\?([^"]*events_marker=[^"]+)">[^<]*' + label, page)


def cells(page: str) -> list[str]:
    """The events table's rows, by their ids."""
    return re.findall(r'<tr[^>]*id="events__row__([^"]+)"', page)


def test_the_outputs_tab_lists_every_stack_and_what_feeds_what(demo_client, stack_trees):
    stack_id, name = stack_trees["tree"]
    response = demo_client.get(reverse(constants.STACK_DETAIL_URL, args=(ONE, stack_id)),
                               {"tab": "stack_details__outputs"},
                               HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    page = response.content.decode()

    assert response.status_code == 200
    assert page.count('class="mr-stack-outputs"') == 16
    for region in ("RegionOne", "RegionTwo", "RegionThree"):
        assert f'data-mr-region="{region}"' in page
    # The root's output, resolved from its child in RegionTwo ...
    assert "east_address" in page and page.count("192.0.2.20") >= 2
    # ... and that child's output feeding its sibling's parameter in RegionThree.
    [feed] = re.findall(r'class="mr-output-feeds"[^>]*>([^<]*)<', page)
    assert "east_address" in feed and "RegionThree" in feed


def test_the_timeline_data_one_lane_per_stack(demo_client, stack_trees):
    stack_id, name = stack_trees["tree"]
    answer = demo_client.get(reverse(constants.STACK_TIMELINE_URL, args=(ONE, stack_id)),
                             {"name": name}).json()

    assert len(answer["lanes"]) == 16 and answer["lanes"][0]["name"] == name
    assert answer["regions"] == ["RegionOne", "RegionThree", "RegionTwo"]
    keys = {lane["key"] for lane in answer["lanes"]}
    assert answer["events"] and {event["lane"] for event in answer["events"]} == keys
    assert {event["state"] for event in answer["events"]} == {"in_progress", "complete"}


def test_outputs_and_events_of_a_child_in_another_cloud(demo_client, demo_request, cloud,
                                                        settings):
    """The demo's cross-cloud sample: its child's outputs and events are
    read in the second cloud, through the parent's credential secret."""
    if not cloud.second_cloud_url:
        pytest.skip("the demo cloud runs without its second cloud")
    [stack] = heat_client(cloud, ONE).stacks.list(filters={"name": "cross-cloud"})
    # The second cloud is on loopback, which the dashboard only calls when allowed.
    settings.MR_DASHBOARD = {**settings.MR_DASHBOARD, **LOOPBACK}
    response = demo_client.get(reverse(constants.STACK_DETAIL_URL, args=(ONE, stack.id)),
                               {"tab": "stack_details__outputs"},
                               HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    page = response.content.decode()

    assert response.status_code == 200 and page.count('class="mr-stack-outputs"') == 2
    assert "another cloud" in page and "db_address" in page
    assert "text-danger" not in page
    tree = stack_tree(demo_request, ONE, stack.id, stack.stack_name)
    [child] = tree.root.children
    assert child.cloud and not child.error
    shown = tree_events(demo_request, tree, 1000)
    assert not shown.errors and child.id in {event.stack_id for event in shown.events}

    # The child's own page (through its gateway) has its timeline, read over there.
    page = demo_client.get(stack_url(child), {"tab": "stack_details__timeline"}).content.decode()
    timeline_url = html.unescape(re.search(r'data-mr-timeline-url="([^"]+)"', page).group(1))
    assert timeline_url.startswith(stack_url(child) + "timeline/?name=")
    answer = demo_client.get(timeline_url).json()
    assert [lane["name"] for lane in answer["lanes"]] == [child.name]
    assert answer["regions"] == ["RegionOne of another cloud"] and answer["events"]
