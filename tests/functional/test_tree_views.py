"""The stack detail's views on the real demo cloud: the page, the tree
JSON, the events of the whole tree and the way up from a grandchild."""
import pytest
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api.tree.walk import stack_tree
from mr_dashboard.api.tree.events import tree_events
from tests.waiting import whole_lineage

ONE = "RegionOne"


pytestmark = pytest.mark.usefixtures("patient")


def test_the_page_and_its_tree(demo_client, stack_trees, cloud):
    stack_id, name = stack_trees["tree"]
    page = demo_client.get(reverse(constants.STACK_DETAIL_URL, args=(ONE, stack_id)))
    assert page.status_code == 200
    assert f'data-mr-tree-url="/project/mr_stacks/{ONE}/{stack_id}/tree/?name={name}"' \
        in page.content.decode()

    answer = demo_client.get(reverse(constants.STACK_TREE_URL, args=(ONE, stack_id)),
                             {"name": name}).json()

    assert answer["in_progress"] is False
    html = answer["html"]
    assert html.count("data-mr-node=") == 16
    assert html.count('data-mr-state="complete"') == 16
    for region in cloud.regions:
        assert f'data-mr-region="{region}"' in html
    graph = answer["graph"]
    assert [lane["region"] for lane in graph["lanes"]] == [ONE, "RegionTwo", "RegionThree"]
    assert len(graph["stacks"]) == 16 and len(graph["dependencies"]) == 1
    assert all(stack["url"] for stack in graph["stacks"])
    assert cloud.demo_password not in html


def test_events_of_the_whole_tree_newest_first_page_by_page(demo_request, stack_trees):
    stack_id, name = stack_trees["tree"]
    tree = stack_tree(demo_request, ONE, stack_id, name)

    first = tree_events(demo_request, tree, 20)
    second = tree_events(demo_request, tree, 20, first.next_marker)
    everything = tree_events(demo_request, tree, 1000)

    assert not first.errors and first.next_marker
    events = list(first.events) + list(second.events)
    assert len({event.id for event in events}) == len(events) == 40
    assert events == list(everything.events[:40])
    times = [event.time for event in everything.events]
    assert times == sorted(times, reverse=True)
    assert {event.region for event in everything.events} == {
        ONE, "RegionTwo", "RegionThree"}
    # Every stack of the tree has its own CREATE_COMPLETE event.
    done = {event.stack_id for event in everything.events
            if event.resource_name == event.stack_name
            and event.status == "CREATE_COMPLETE"}
    assert done == {node.id for node in tree.nodes()}


def test_the_events_tab(demo_client, stack_trees):
    stack_id, _ = stack_trees["tree"]
    response = demo_client.get(
        reverse(constants.STACK_DETAIL_URL, args=(ONE, stack_id)),
        {"tab": "stack_details__events"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="events"' in page and "data-mr-live-tab" in page
    assert "RegionThree" in page and "events_marker=" in page


def test_the_way_up_from_a_grandchild_in_another_region(demo_client, demo_request,
                                                        stack_trees):
    stack_id, name = stack_trees["tree"]
    tree = stack_tree(demo_request, ONE, stack_id, name)
    east = next(n for n in tree.root.children if n.parent_resource == "east")
    back = next(n for n in east.children if n.parent_resource == "back")

    lineage = whole_lineage(demo_client, reverse(
        constants.STACK_LINEAGE_URL, args=(back.region, back.id)), {"name": back.name})

    assert lineage == {"errors": [], "late": [], "late_url": "", "ancestors": [
        {"name": name, "region": ONE, "cloud": False,
         "url": f"/project/mr_stacks/{ONE}/{stack_id}/"},
        {"name": east.name, "region": "RegionTwo", "cloud": False,
         "url": f"/project/mr_stacks/RegionTwo/{east.id}/"}]}
