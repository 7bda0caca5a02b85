"""Tests of mr_dashboard.api.place: a stack of another cloud is placed only
when it is bound to the parent the URL names (the gateway, the other
cloud and the tree walk are canned; the functional test_cloud_binding runs
it on the demo's second cloud)."""

from unittest import mock

import pytest
from django.core.cache import cache

from mr_dashboard import constants
from mr_dashboard.api import place
from mr_dashboard.api.other_cloud import Access
from mr_dashboard.api.other_cloud import Gateway
from mr_dashboard.api.other_cloud.gateway import Child
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree
from tests.unit import fakes

PARENT = "3b87ede0-7542-4f90-9dc1-0987fe2233a1"
CHILD = "9e6dd6ee-7bdb-49d1-a53f-3f2054777c58"
NESTED = "1d6c5f0a-1c1d-4f43-9b5e-2b8e3f5f8a01"
INNER = "062eb71e-7772-483d-9e92-041369f1e671"
BEYOND = "7a0c2d9e-3f0b-4f6f-8b55-6a7e0a4d2c10"
FOREIGN = "7f5d6edb-17c7-4509-8a5d-561bd966b8f7"
GATEWAY = Gateway("RegionOne", PARENT, "cross", "remote", Access("5ec"))


def tree() -> StackTree:
    """The child's tree over there: a nested stack, a child of its own in
    RegionTwo, and a child it made with a credential of that cloud (not
    followed)."""
    root = StackNode("RegionOne", CHILD, "", constants.NODE_ROOT, listed=True)
    nested = StackNode("RegionOne", NESTED, "", constants.NODE_NESTED)
    inner = StackNode("RegionTwo", INNER, "", constants.NODE_REMOTE, listed=True)
    beyond = StackNode("RegionOne", BEYOND, "", constants.NODE_REMOTE)
    root.children = [nested, inner]
    inner.children = [beyond]
    return StackTree(root=root, dependencies=[])


@pytest.fixture
def world():
    cache.clear()
    request = fakes.api_request(fakes.catalog())
    request.user.project_id = "p1"
    there = fakes.api_request(fakes.catalog(("RegionOne", "RegionTwo")))
    with mock.patch.object(place, "open_gateway_child",
                           return_value=(GATEWAY, Child("RegionOne", CHILD))) as child, \
            mock.patch.object(place, "open_gateway", return_value=GATEWAY) as gateway, \
            mock.patch.object(place.other_cloud, "cloud_request", return_value=there), \
            mock.patch.object(place, "stack_tree", return_value=tree()) as walk:
        yield request, {"child": child, "gateway": gateway, "walk": walk}
    cache.clear()


def placed(request, stack_id, region="RegionOne", parent=PARENT):
    return place.cloud_place(request, "RegionOne", parent, "remote", region, stack_id)


def test_the_child_is_placed_without_a_walk(world):
    request, calls = world
    found = placed(request, CHILD)
    assert (found.region, found.gateway) == ("RegionOne", GATEWAY)
    calls["walk"].assert_not_called()


@pytest.mark.parametrize("stack_id, region", [(NESTED, "RegionOne"), (INNER, "RegionTwo")])
def test_a_descendant_is_placed_once_the_childs_tree_names_it(world, stack_id, region):
    request, calls = world
    assert placed(request, stack_id, region).region == region
    calls["walk"].assert_called_once_with(request, "RegionOne", CHILD, gateway=GATEWAY)
    # Kept: the next page opens the gateway only, and walks nothing.
    assert placed(request, stack_id, region).region == region
    assert (calls["child"].call_count, calls["gateway"].call_count,
            calls["walk"].call_count) == (1, 1, 1)


@pytest.mark.parametrize("stack_id, region", [
    (FOREIGN, "RegionOne"),   # a stack of that cloud nobody here made
    (INNER, "RegionOne"),     # a descendant, named in another region
    (CHILD, "RegionTwo"),     # the child, named in another region
    (BEYOND, "RegionOne"),    # made there with that cloud's own credential
])
def test_anything_else_is_refused_and_not_kept(world, stack_id, region):
    request, calls = world
    for _ in range(2):
        with pytest.raises(place.NotBound, match="was not created by remote of cross"):
            placed(request, stack_id, region)
    assert calls["child"].call_count == 2  # no proof kept


def test_a_proof_is_per_project(world):
    request, calls = world
    placed(request, INNER, "RegionTwo")
    request.user.project_id = "p2"
    placed(request, INNER, "RegionTwo")
    assert calls["walk"].call_count == 2


@pytest.mark.parametrize("stack_id, parent", [
    ("../../stacks", PARENT), ("cross-cloud", PARENT), (CHILD.upper(), PARENT), ("", PARENT),
    (CHILD, "cross-cloud")])
def test_ids_not_spelled_as_heats_are_refused_before_any_call(world, stack_id, parent):
    request, calls = world
    with pytest.raises(place.NotBound, match="is not a stack id"):
        placed(request, stack_id, parent=parent)
    for call in calls.values():
        call.assert_not_called()


def test_a_region_that_cloud_does_not_have_is_refused_before_the_proof(world):
    request, calls = world
    with pytest.raises(place.NotBound, match="no region RegionNine with Heat"):
        placed(request, CHILD, "RegionNine")
    calls["walk"].assert_not_called()


def test_a_child_whose_region_only_its_run_tells_is_found_by_its_id(world):
    request, calls = world
    calls["child"].return_value = (GATEWAY, Child(None, CHILD))
    assert placed(request, CHILD, "RegionTwo").region == "RegionTwo"
    calls["child"].return_value = (GATEWAY, Child(None, ""))  # not created yet
    cache.clear()
    with pytest.raises(place.NotBound):
        placed(request, CHILD)
    calls["walk"].assert_not_called()
