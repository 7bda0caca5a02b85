"""The stack tree walked on the real demo cloud: a 3-region tree with local
groups and provider stacks at several levels, a failed remote child, and a
region that stops answering."""
import signal
import time

import pytest

from mr_dashboard import constants
from mr_dashboard.api.tree.walk import stack_tree

ONE, TWO, THREE = "RegionOne", "RegionTwo", "RegionThree"
NESTED, REMOTE = constants.NODE_NESTED, constants.NODE_REMOTE

# (depth, kind, region, resource of the parent) of every stack of
# templates/tree/parent.yaml, depth first, children by resource name.
EXPECTED = [
    (0, constants.NODE_ROOT, ONE, ""),
    (1, REMOTE, TWO, "east"),
    (2, REMOTE, ONE, "back"),
    (3, NESTED, ONE, "leaf"),
    (2, NESTED, TWO, "group"),
    (3, NESTED, TWO, "0"),
    (3, NESTED, TWO, "1"),
    (1, NESTED, ONE, "local_group"),
    (2, NESTED, ONE, "0"),
    (2, NESTED, ONE, "1"),
    (1, REMOTE, THREE, "west"),
    (2, NESTED, THREE, "hub"),
    (3, REMOTE, TWO, "edge"),
    (3, NESTED, THREE, "leaves"),
    (4, NESTED, THREE, "0"),
    (4, NESTED, THREE, "1"),
]


def shape(node, depth=0):
    yield depth, node.kind, node.region, node.parent_resource
    for child in node.children:
        yield from shape(child, depth + 1)


pytestmark = pytest.mark.usefixtures("patient")


def test_the_whole_tree_is_walked_across_three_regions(demo_request, stack_trees):
    stack_id, name = stack_trees["tree"]

    tree = stack_tree(demo_request, ONE, stack_id, name)

    assert list(shape(tree.root)) == EXPECTED
    nodes = tree.nodes()
    assert all(node.status == "CREATE_COMPLETE" and node.error is None
               for node in nodes), [(n.name, n.status, n.error) for n in nodes]
    for node in nodes[1:]:
        assert node.name.startswith(f"{node.parent.name}-{node.parent_resource}-")
        assert node.id and node.cloud is None
    remote = [node for node in nodes if node.kind == REMOTE]
    assert tree.listed == [tree.root] + remote
    assert tree.hops == 2 and not tree.in_progress
    east, west = remote[0], remote[2]
    assert [(d.source, d.target, d.parameters, d.cross_region)
            for d in tree.dependencies] == [
        (east.key, west.key, "east_address", True)]
    # Per stack listed: its listing and its template (the root's details
    # too), one list per region, and the template of "hub" which holds a
    # remote child: never a call per resource.
    assert tree.calls == len(tree.listed) * 2 + 1 + 3 + 1
    assert sum(len(node.resources) for node in nodes) > tree.calls


def test_a_failed_remote_child_shows_its_reason(demo_request, stack_trees):
    stack_id, name = stack_trees["failed"]

    tree = stack_tree(demo_request, ONE, stack_id, name)

    assert tree.root.status == "CREATE_FAILED"
    [child] = tree.root.children
    assert (child.kind, child.region, child.parent_resource) == (REMOTE, TWO, "bad")
    assert child.status == "CREATE_FAILED" and child.listed
    assert "Test Resource failed" in child.reason
    assert [res.status for res in child.resources] == ["CREATE_FAILED"]


def test_a_stopped_region_shows_as_unreachable_and_the_rest_is_walked(
        cloud, demo_request, stack_trees, settings):
    # Long enough for the regions that answer, on a busy test machine.
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": 8.0, "DEADLINE_MARGIN": 0.5}
    stack_id, name = stack_trees["tree"]
    cloud.signal_heat_api(THREE, signal.SIGSTOP)
    try:
        started = time.monotonic()
        tree = stack_tree(demo_request, ONE, stack_id, name)
        took = time.monotonic() - started
    finally:
        cloud.signal_heat_api(THREE, signal.SIGCONT)

    west = next(node for node in tree.root.children if node.parent_resource == "west")
    assert west.region == THREE and west.error.kind == constants.KIND_TIMEOUT
    assert west.error.message and west.children == []
    walked = [n for n in tree.nodes() if n.error is None]
    assert len(walked) == len(EXPECTED) - 6  # west and its five stacks
    assert all(node.status == "CREATE_COMPLETE" for node in walked)
    # The hung region is waited for once, not for each call to it.
    assert took < 2 * 8.0
