"""Tests of the stack detail's view of a tree: icons, colours, lanes, the
edges between resources, and what reading the templates costs."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.tree.nodes import Dependency
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree
from mr_dashboard.api.tree import templates
from mr_dashboard.hot import edges
from mr_dashboard.panels.stacks.detail import topology


@pytest.mark.parametrize("resource_type, category", [
    ("OS::Nova::Server", "server"),
    ("OS::Neutron::Net", "network"),
    ("OS::Neutron::VPNService", "vpn"),
    ("OS::Neutron::IPsecSiteConnection", "vpn"),
    ("OS::Neutron::IKEPolicy", "vpn"),
    ("OS::Neutron::SecurityGroupRule", "security"),
    ("OS::Octavia::LoadBalancer", "balancer"),
    ("OS::Heat::Stack", "remote_stack"),
    ("OS::Heat::ResourceGroup", "group"),
    ("OS::Heat::SoftwareDeployment", "config"),
    ("lib/node.yaml", "nested_stack"),
    ("My::Custom::Thing", "other"),
])
def test_category(resource_type, category):
    assert topology.category(resource_type) == category
    assert topology.GLYPHS[category]


@pytest.mark.parametrize("status, unreachable, state", [
    ("CREATE_COMPLETE", False, "complete"),
    ("UPDATE_IN_PROGRESS", False, "in_progress"),
    ("DELETE_FAILED", False, "failed"),
    ("INIT", False, "other"),
    ("CREATE_COMPLETE", True, "unreachable"),
])
def test_state(status, unreachable, state):
    assert topology.state(status, unreachable) == state


def test_tree_view_nests_for_the_list_and_flattens_for_the_picture():
    root = StackNode("RegionOne", "r00t", "top", constants.NODE_ROOT,
                     status="CREATE_COMPLETE")
    root.resources = [heat.Resource("RegionOne", "r00t", "top", "db",
                                    "OS::Heat::Stack", "d8",
                                    "CREATE_COMPLETE")]
    db = StackNode("RegionTwo", "d8", "top-db-aaaaaaaaaaaa",
                   constants.NODE_REMOTE, status="CREATE_IN_PROGRESS",
                   parent=root, parent_resource="db")
    lost = StackNode("RegionThree", "l0", "", constants.NODE_REMOTE,
                     parent=root, parent_resource="app",
                     error=RegionError(constants.KIND_UNREACHABLE, "refused"))
    away = StackNode("RegionOne", "4w", "", constants.NODE_REMOTE,
                     cloud="5ec", parent=root, parent_resource="far")
    later = StackNode("RegionTwo", "", "", constants.NODE_REMOTE,
                      parent=root, parent_resource="later")
    root.children = [db, lost, away, later]
    tree = StackTree(root, [Dependency(db.key, lost.key, "db_address", True)])

    view = topology.tree_view(tree)

    assert view["in_progress"]
    listed = view["root"]
    assert [child["name"] for child in listed["children"]] == [
        "top-db-aaaaaaaaaaaa", "app", "far", "later (not created yet)"]
    assert listed["url"] == "/project/mr_stacks/RegionOne/r00t/"
    db_view, lost_view, away_view, later_view = listed["children"]
    assert (db_view["state"], db_view["status_label"], db_view["url"]) == (
        "in_progress", "Create In progress",
        "/project/mr_stacks/RegionTwo/d8/")
    assert (lost_view["state"], lost_view["error_label"],
            lost_view["error"]) == ("unreachable", "Unreachable", "refused")
    assert lost_view["fed_by"] == [{"name": "top-db-aaaaaaaaaaaa",
                                    "region": "RegionTwo",
                                    "parameters": "db_address"}]
    assert db_view["fed_by"] == []
    assert (away_view["cloud"], away_view["url"], away_view["lane"]) == (
        "another cloud", None, "5ec/RegionOne")
    assert later_view["url"] is None
    graph = view["graph"]
    assert [lane["key"] for lane in graph["lanes"]] == [
        "/RegionOne", "/RegionTwo", "/RegionThree", "5ec/RegionOne"]
    assert graph["lanes"][3] == {"key": "5ec/RegionOne", "region": "RegionOne",
                                 "cloud": True, "label": "RegionOne of another cloud"}
    assert graph["lanes"][0]["label"] == "RegionOne"
    assert [stack["parent"] for stack in graph["stacks"]] == [
        None] + [root.key] * 4
    assert not {"children", "fed_by"} & set(graph["stacks"][0])
    assert graph["stacks"][0]["resources"] == [{
        "name": "db", "type": "OS::Heat::Stack", "status": "CREATE_COMPLETE",
        "state": "complete", "reason": "", "category": "remote_stack",
        "glyph": "\uf0c2", "url": None, "modal": False, "drift": ""}]
    assert graph["stacks"][0]["drift"] == ""
    assert graph["dependencies"] == [{
        "source": db.key, "target": lost.key, "parameters": "db_address",
        "cross_region": True}]


def test_a_kept_drift_detection_marks_stacks_and_resources():
    root = StackNode("RegionOne", "r00t", "top", constants.NODE_ROOT,
                     status="CREATE_COMPLETE")
    root.resources = [heat.Resource("RegionOne", "r00t", "top", name, "OS::Nova::Server",
                                    f"id-{name}", "CREATE_COMPLETE")
                      for name in ("web", "db")]
    child = StackNode("RegionTwo", "c1", "top-far", constants.NODE_REMOTE,
                      status="CREATE_COMPLETE", parent=root, parent_resource="far")
    gone = StackNode("RegionThree", "g0", "top-gone", constants.NODE_REMOTE,
                     status="CREATE_COMPLETE", parent=root, parent_resource="gone")
    root.children = [child, gone]
    drifts = {root.key: {"web": "MODIFIED", "db": "IN_SYNC"},
              child.key: {"net": "IN_SYNC", "type": "NOT_CHECKED"},
              gone.key: {"port": "NOT_KNOWN"}}

    stacks = topology.tree_view(StackTree(root, []), drifts)["graph"]["stacks"]

    assert [stack["drift"] for stack in stacks] == ["drifted", "in_sync", ""]
    assert [res["drift"] for res in stacks[0]["resources"]] == ["MODIFIED", "IN_SYNC"]
    no_detection = topology.tree_view(StackTree(root, []))["graph"]["stacks"]
    assert {stack["drift"] for stack in no_detection} == {""}


SITE = {
    "resources": {
        "vpn": {"type": "OS::Neutron::VPNService",
                "properties": {"router": {"get_resource": "router"}}},
        "router": {"type": "OS::Neutron::Router"},
        "link": {"type": "OS::Neutron::IPsecSiteConnection",
                 "condition": "has_peer",
                 "properties": {"vpnservice_id": {"get_resource": "vpn"},
                                "peer_address": {"get_param": "peer"}}}},
    "outputs": {"address": {"value": {"get_attr": ["router", "ip"]}}}}
PARENT = {"resources": {
    "one": {"type": "OS::Heat::Stack", "properties": {"parameters": {}}},
    "two": {"type": "OS::Heat::Stack", "properties": {"parameters": {
        "peer": {"get_attr": ["one", "outputs", "address"]}}}}}}


def _res(node: StackNode, name: str, kind: str) -> heat.Resource:
    return heat.Resource(node.region, node.id, node.name, name, kind,
                         f"{node.id}-{name}", "CREATE_COMPLETE")


def _two_sites():
    """A root in RegionOne with a site there and one in RegionTwo; only
    site two's link was made (site one's condition was false)."""
    root = StackNode("RegionOne", "r00t", "top", constants.NODE_ROOT,
                     status="CREATE_COMPLETE")
    one = StackNode("RegionOne", "s1", "top-one", constants.NODE_REMOTE,
                    status="CREATE_COMPLETE", parent=root, parent_resource="one")
    two = StackNode("RegionTwo", "s2", "top-two", constants.NODE_REMOTE,
                    status="CREATE_COMPLETE", parent=root, parent_resource="two")
    root.children = [one, two]
    root.resources = [_res(root, "one", "OS::Heat::Stack"),
                      _res(root, "two", "OS::Heat::Stack")]
    one.resources = [_res(one, "vpn", "OS::Neutron::VPNService"),
                     _res(one, "router", "OS::Neutron::Router")]
    two.resources = [
        _res(two, "vpn", "OS::Neutron::VPNService"),
        _res(two, "router", "OS::Neutron::Router"),
        _res(two, "link", "OS::Neutron::IPsecSiteConnection")]
    return StackTree(root, []), root, one, two


def test_the_resources_edges_across_regions_and_the_site_connection():
    tree, root, one, two = _two_sites()
    shapes = {root.key: edges.shape(PARENT), one.key: edges.shape(SITE),
              two.key: edges.shape(SITE)}

    found = topology.tree_view(tree, None, shapes)["graph"]["edges"]

    assert {(tuple(e["source"]), tuple(e["target"]), e["kind"],
             tuple(e["labels"]), e["cross_region"]) for e in found} == {
        ((one.key, "router"), (one.key, "vpn"), "local", ("router",), False),
        ((two.key, "router"), (two.key, "vpn"), "local", ("router",), False),
        ((two.key, "vpn"), (two.key, "link"), "local", ("vpnservice_id",),
         False),
        # site one's output, through the root, into site two's parameter
        ((one.key, "router"), (two.key, "link"), "feed", ("peer_address",),
         True),
        ((one.key, "vpn"), (two.key, "vpn"), "site", ("link",), True)}


def test_no_shapes_no_edges_between_resources():
    tree = _two_sites()[0]
    graph = topology.tree_view(tree)["graph"]
    assert graph["edges"] == []
    assert graph["collapse_above"] == topology.COLLAPSE_ABOVE


def test_templates_are_read_once_per_stack_version_in_parallel(monkeypatch):
    cache.clear()
    tree, root, one, two = _two_sites()
    bodies = {root.id: PARENT, one.id: SITE, two.id: SITE}
    reads = []

    def read(request, region, cloud, identifier):
        reads.append(identifier)
        return bodies[identifier.rsplit("/", 1)[-1]]

    monkeypatch.setattr(templates, "read", read)
    request = SimpleNamespace(user=SimpleNamespace(
        project_id="p1", token=SimpleNamespace(id="t")))

    first = templates.tree_templates(request, tree)
    again = templates.tree_templates(request, tree)
    assert sorted(reads) == ["top-one/s1", "top-two/s2", "top/r00t"]
    assert first == again and first[two.key].types["link"] == (
        "OS::Neutron::IPsecSiteConnection")
    two.status = "UPDATE_COMPLETE"  # changed: read again, alone
    templates.tree_templates(request, tree)
    assert reads[3:] == ["top-two/s2"]
    other = SimpleNamespace(user=SimpleNamespace(
        project_id="p2", token=SimpleNamespace(id="t")))
    templates.tree_templates(other, tree)  # another project keeps its own
    assert len(reads) == 7
