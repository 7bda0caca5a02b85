"""Tests of mr_dashboard.api.tree.walk: the walk over small Heat stand-ins on
127.0.0.1, one per region (real sockets, real heatclient)."""

import pytest

from mr_dashboard import constants
from mr_dashboard.api import other_cloud
from mr_dashboard.api.other_cloud import remote as cloud_remote
from mr_dashboard.api.tree import walk as tree
from mr_dashboard.api.tree.nodes import Dependency
from tests.unit import fakes
from tests.unit.fakes import FakeHeat
from tests.unit.fakes import resource

NODE = "top-group-abcdefghijkl-0-mnopqrstuvwx"
INNER = "top-group-abcdefghijkl-0-mnopqrstuvwx-inner-bbbbbbbbbbbb"


def stack(stack_id, name, status="CREATE_COMPLETE", **parameters):
    return {"id": stack_id, "stack_name": name, "stack_status": status,
            "stack_status_reason": status.lower(), "parameters": parameters}


def remote(context=None, **properties):
    return {"type": "OS::Heat::Stack",
            "properties": {"context": context or {}, **properties}}


def region_one():
    return FakeHeat({
        r"/stacks": {"stacks": [stack("t0p", "top")]},
        r"/stacks/top/t0p": {"stack": stack("t0p", "top",
                                            far_region="RegionTwo")},
        r"/stacks/top/t0p/resources": {"resources": [
            resource("far", "OS::Heat::Stack", "top/t0p", "f4r"),
            resource("lost", "OS::Heat::Stack", "top/t0p", "l0st"),
            resource("away", "OS::Heat::Stack", "top/t0p", "4w4y"),
            resource("later", "OS::Heat::Stack", "top/t0p",
                     status="CREATE_IN_PROGRESS"),
            resource("group", "OS::Heat::ResourceGroup", "top/t0p", "gr0up",
                     nested="top-group-abcdefghijkl/gr0up"),
            resource("0", "node.yaml", "top-group-abcdefghijkl/gr0up",
                     "n0de", nested=f"{NODE}/n0de"),
            resource("inner", "OS::Heat::Stack", f"{NODE}/n0de", "1nner"),
            resource("value", "OS::Heat::Value", f"{NODE}/n0de", "v"),
        ]},
        r"/stacks/top/t0p/template": {"resources": {
            "far": remote({"region_name": {"get_param": "far_region"}}),
            "lost": remote({"region_name": "RegionThree"}, parameters={
                "db": {"get_attr": ["far", "outputs", "db"]}}),
            "away": remote({"credential_secret_id": "5ec"}),
            "later": remote({"region_name": "RegionTwo"}),
            "group": {"type": "OS::Heat::ResourceGroup"}}},
        rf"/stacks/{NODE}/n0de/template": {"resources": {
            "inner": remote({"region_name": {"get_attr": ["x", "y"]}})}},
        rf"/stacks/{NODE}/n0de/resources/inner/events": {"events": [
            {"id": "ev1", "resource_name": "inner", "links": []}]},
        rf"/stacks/{NODE}/n0de/resources/inner/events/ev1": {"event": {
            "id": "ev1", "resource_properties": {
                "context": {"region_name": "RegionTwo"}}}},
    })


def region_two():
    return FakeHeat({
        r"/stacks": {"stacks": [stack("f4r", "top-far-aaaaaaaaaaaa")]},
        r"/stacks/top-far-aaaaaaaaaaaa/f4r/(resources|template)":
            {"resources": []},
        r"/stacks/1nner": {"stack": stack("1nner", INNER, "CREATE_FAILED")},
        r"/stacks/1nner/(resources|template)": {"resources": []},
    })


@pytest.fixture
def cloud(http_server, closed_port):
    """RegionOne and RegionTwo answer; RegionThree is down."""
    heats = {"RegionOne": region_one(), "RegionTwo": region_two()}
    ports = {name: http_server(heat) for name, heat in heats.items()}
    ports["RegionThree"] = closed_port
    request = fakes.api_request(fakes.local_catalog(ports))
    return request, heats


def by_resource(node):
    return {child.parent_resource: child for child in node.children}


def test_the_whole_tree_across_regions(cloud):
    request, heats = cloud

    walked = tree.stack_tree(request, "RegionOne", "t0p", "top")

    root = walked.root
    assert (root.name, root.status, root.listed) == (
        "top", "CREATE_COMPLETE", True)
    assert [res.name for res in root.resources] == [
        "far", "lost", "away", "later", "group"]
    children = by_resource(root)
    assert list(children) == ["away", "far", "group", "later", "lost"]
    far = children["far"]
    assert (far.region, far.name, far.kind, far.listed) == (
        "RegionTwo", "top-far-aaaaaaaaaaaa", constants.NODE_REMOTE, True)
    lost = children["lost"]
    assert (lost.region, lost.error.kind) == (
        "RegionThree", constants.KIND_UNREACHABLE)
    away = children["away"]
    assert (away.cloud, away.region, away.error.kind) == (
        "5ec", "RegionOne", constants.KIND_OTHER_CLOUD)
    later = children["later"]
    assert (later.id, later.region, later.listed, later.error) == (
        "", "RegionTwo", False, None)
    group = children["group"]
    assert (group.kind, group.name) == (constants.NODE_NESTED,
                                        "top-group-abcdefghijkl")
    node = by_resource(group)["0"]
    assert (node.name, [res.name for res in node.resources]) == (
        NODE, ["inner", "value"])
    inner = by_resource(node)["inner"]
    assert (inner.region, inner.name, inner.status, inner.listed) == (
        "RegionTwo", INNER, "CREATE_FAILED", True)
    assert inner.parent is node and node.parent is group
    assert walked.dependencies == [
        Dependency(far.key, lost.key, "db", cross_region=True)]
    assert walked.in_progress and walked.hops == 1
    assert walked.listed == [root, far, inner]


def test_the_walk_makes_no_call_per_resource(cloud):
    request, heats = cloud

    walked = tree.stack_tree(request, "RegionOne", "t0p", "top")

    one, two = heats["RegionOne"].paths, heats["RegionTwo"].paths
    assert sorted(one) == sorted([
        "/stacks", "/stacks/top/t0p?resolve_outputs=False",
        "/stacks/top/t0p/resources?nested_depth=5",
        "/stacks/top/t0p/template",
        f"/stacks/{NODE}/n0de/template",
        f"/stacks/{NODE}/n0de/resources/inner/events"
        "?limit=1&sort_dir=desc&sort_keys=event_time",
        f"/stacks/{NODE}/n0de/resources/inner/events/ev1"])
    # The listed child is reached by name/id; the other by id, once.
    assert sorted(two) == sorted([
        "/stacks", "/stacks/top-far-aaaaaaaaaaaa/f4r/resources?nested_depth=5",
        "/stacks/top-far-aaaaaaaaaaaa/f4r/template",
        "/stacks/1nner?resolve_outputs=False",
        "/stacks/1nner/resources?nested_depth=5", "/stacks/1nner/template"])
    # RegionThree's list failed ("lost", placed there, is not asked again)
    # and opening the cloud of "away" failed.
    assert walked.calls == len(one) + len(two) + 2


def test_stacks_named_like_descendants_are_reached_before_their_parent(
        http_server):
    one = region_one()
    two = FakeHeat({
        r"/stacks": {"stacks": [
            stack("f4r", "top-far-aaaaaaaaaaaa"),
            stack("d33p", "top-far-aaaaaaaaaaaa-deep-cccccccccccc"),
            stack("str4y", "top-stray-dddddddddddd")]},
        r"/stacks/top-far-aaaaaaaaaaaa/f4r/resources": {"resources": [
            resource("deep", "OS::Heat::Stack", "top-far-aaaaaaaaaaaa/f4r",
                     "d33p")]},
        r"/stacks/[^/]+/(f4r|d33p|str4y)/(resources|template)":
            {"resources": []},
    })
    ports = {"RegionOne": http_server(one), "RegionTwo": http_server(two)}
    request = fakes.api_request(fakes.local_catalog(ports))

    walked = tree.stack_tree(request, "RegionOne", "t0p", "top")

    deep = by_resource(by_resource(walked.root)["far"])["deep"]
    assert (deep.region, deep.listed, deep.parent.name) == (
        "RegionTwo", True, "top-far-aaaaaaaaaaaa")
    # Each listed once; a stack no parent claims stays out of the tree.
    listed = [path for path in two.paths if path.endswith("nested_depth=5")]
    assert sorted(listed) == sorted(
        f"/stacks/{name}/resources?nested_depth=5" for name in (
            "top-far-aaaaaaaaaaaa/f4r",
            "top-far-aaaaaaaaaaaa-deep-cccccccccccc/d33p",
            "top-stray-dddddddddddd/str4y", "1nner"))
    assert "str4y" not in {node.id for node in walked.nodes()}


def test_a_child_in_another_cloud_is_walked_there(cloud, http_server,
                                                  monkeypatch):
    request, _ = cloud
    far_cloud = FakeHeat({
        r"/stacks/4w4y": {"stack": stack("4w4y", "top-away-eeeeeeeeeeee")},
        r"/stacks/4w4y/(resources|template)": {"resources": []},
    })
    other = fakes.api_request(fakes.local_catalog(
        {"RegionOne": http_server(far_cloud)}), token="other-cloud-token")
    opened = []

    def cloud_request(request, secret):
        opened.append(secret)
        return other

    monkeypatch.setattr(cloud_remote, "cloud_request", cloud_request)

    walked = tree.stack_tree(request, "RegionOne", "t0p", "top")

    away = by_resource(walked.root)["away"]
    assert (away.cloud, away.region, away.name, away.listed) == (
        "5ec", "RegionOne", "top-away-eeeeeeeeeeee", True)
    # Opened with the access its context names, entered through its resource.
    assert opened == [other_cloud.Access("5ec")] and away.error is None
    assert away.gateway == other_cloud.Gateway("RegionOne", "t0p", "top", "away",
                                               other_cloud.Access("5ec"))
    assert sorted(far_cloud.paths) == [
        "/stacks/4w4y/resources?nested_depth=5", "/stacks/4w4y/template",
        "/stacks/4w4y?resolve_outputs=False"]


def test_remote_depth_zero_places_children_without_listing_them(cloud):
    request, heats = cloud

    walked = tree.stack_tree(request, "RegionOne", "t0p", "top",
                             remote_depth=0)

    far = by_resource(walked.root)["far"]
    assert (far.region, far.name, far.listed) == (
        "RegionTwo", "top-far-aaaaaaaaaaaa", False)
    assert heats["RegionTwo"].paths == ["/stacks"]


def test_a_hung_region_spoils_only_its_branch(http_server, silent_port,
                                              settings):
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": 0.5, "DEADLINE_MARGIN": 0.3}
    ports = {"RegionOne": http_server(region_one()),
             "RegionTwo": http_server(region_two()),
             "RegionThree": silent_port}
    request = fakes.api_request(fakes.local_catalog(ports))

    walked = tree.stack_tree(request, "RegionOne", "t0p", "top")

    children = by_resource(walked.root)
    # Given up, and the walk went on: every other branch read, as with no
    # hang.
    assert children["lost"].error.kind == constants.KIND_TIMEOUT
    inner = by_resource(by_resource(children["group"])["0"])["inner"]
    assert walked.listed == [walked.root, children["far"], inner]


def test_a_root_that_cannot_be_read_keeps_the_error(cloud):
    request, _ = cloud

    walked = tree.stack_tree(request, "RegionOne", "n0ne")

    assert walked.root.error.kind == constants.KIND_ERROR
    assert "HTTP 404" in walked.root.error.message
    assert walked.root.children == [] and walked.listed == []
