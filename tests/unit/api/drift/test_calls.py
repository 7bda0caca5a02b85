"""Tests of what mr_dashboard.api.drift.detect asks for, over real sockets on
127.0.0.1: a group's members share one template read, their parameters are
not read when their properties use none, and three networks of one region
are read in one listing by id (one gone: DELETED), an answer of the user's
own cloud larger than another cloud's may be is not read (its objects are
"not known", the reason says why), and only the attributes that compared
properties use are asked of Heat (never a pre-shared key)."""

from urllib.parse import parse_qs

from keystoneauth1 import access

from mr_dashboard import constants
from mr_dashboard.api import drift
from mr_dashboard.api import heat
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree
from tests.unit import fakes
from tests.unit.fakes import FakeHeat
from tests.unit.fakes import resource

NETS = ["0c5e4b1a-1111-4a6f-8a9b-0c1d2e3f4a5b",
        "0c5e4b1a-2222-4a6f-8a9b-0c1d2e3f4a5b",
        "0c5e4b1a-3333-4a6f-8a9b-0c1d2e3f4a5b"]
LEAF = {"heat_template_version": "2021-04-16",
        "resources": {"net": {"type": "OS::Neutron::Net"}}}


class Neutron:
    """A region's Neutron on a test server: its version document and
    ``nets`` (a listing's id filter applied, as Neutron does); remembers
    the listings asked."""

    def __init__(self, nets: list[dict]) -> None:
        self.nets = nets
        self.listings: list[str] = []

    def __call__(self, handler):
        path, _, query = handler.path.partition("?")
        if path.rstrip("/") == "/v2.0/networks":
            self.listings.append(query)
            asked = parse_qs(query).get("id", [])
            return 200, {"networks": [net for net in self.nets
                                      if net["id"] in asked]}
        if path == "/":
            host = handler.headers["Host"]
            return 200, {"versions": [{"id": "v2.0", "status": "CURRENT", "links": [
                {"rel": "self", "href": f"http://{host}/v2.0/"}]}]}
        return 404, {"NeutronError": {"message": f"{path} not found"}}


def root_heat(resources: dict, routes: dict | None = None) -> FakeHeat:
    """RegionOne's Heat holding the root stack ``top`` (no parameters), its
    template's ``resources``, and ``routes``."""
    return FakeHeat({
        r"/stacks/top/t0p": {"stack": {"id": "t0p", "stack_name": "top",
                                       "stack_status": "CREATE_COMPLETE", "parameters": {}}},
        r"/stacks/top/t0p/template": {"heat_template_version": "2021-04-16",
                                      "resources": resources},
        **(routes or {})})


def calls_request(catalog):
    """A request of the demo user holding ``catalog`` (openstacksdk's
    token too)."""
    request = fakes.api_request(catalog)
    request.user.access_info = access.create(body=fakes.keystone_token(catalog),
                                             auth_token="gAAAAA-drift-calls-token")
    return request


def root_node(resources) -> StackNode:
    """The RegionOne root ``top`` holding ``resources`` (name, type,
    physical id)."""
    root = StackNode("RegionOne", "t0p", "top", constants.NODE_ROOT, listed=True)
    root.resources = [heat.Resource.from_heat("RegionOne", resource(name, rtype, "top/t0p", ident))
                      for name, rtype, ident in resources]
    return root


def group_tree() -> StackTree:
    """A RegionOne root holding a group of three members, each a network."""
    root = StackNode("RegionOne", "t0p", "top", constants.NODE_ROOT, listed=True)
    group = StackNode("RegionOne", "gr0up", "top-nodes", constants.NODE_NESTED,
                      status="CREATE_COMPLETE", parent=root, parent_resource="nodes",
                      resource_type="OS::Heat::ResourceGroup")
    root.children.append(group)
    for index, net in enumerate(NETS):
        member = StackNode("RegionOne", f"m{index}", f"top-nodes-{index}",
                           constants.NODE_NESTED, status="CREATE_COMPLETE",
                           parent=group, parent_resource=str(index),
                           resource_type="leaf.yaml")
        member.resources = [heat.Resource.from_heat("RegionOne", resource(
            "net", "OS::Neutron::Net", f"top-nodes-{index}/m{index}", net))]
        group.children.append(member)
    return StackTree(root=root)


def test_a_group_template_once_and_its_networks_in_one_listing(http_server):
    heat_server = FakeHeat({r"/stacks/top-nodes-\d/m\d/template": LEAF})
    network = Neutron([{"id": net, "name": f"net-{index}", "admin_state_up": True}
                       for index, net in enumerate(NETS[:2])])  # the third is gone
    catalog = fakes.local_catalog({"RegionOne": http_server(heat_server)})
    catalog.append(fakes.service("network", {
        "RegionOne": f"http://127.0.0.1:{http_server(network)}/"},
        interfaces=("public",)))
    request = calls_request(catalog)

    found = drift.detect_drift(request, group_tree())

    assert [path for path in heat_server.paths] == [
        "/stacks/top-nodes-0/m0/template"]  # once, and no stack show
    assert len(network.listings) == 1
    assert parse_qs(network.listings[0]) == {"id": NETS}
    assert [[(res.name, res.status) for res in stack.resources]
            for stack in found.stacks[2:]] == [
        [("net", drift.IN_SYNC)], [("net", drift.IN_SYNC)], [("net", drift.DELETED)]]
    assert found.reads == 3


def test_an_answer_over_the_cap_leaves_its_objects_not_known(http_server, settings):
    settings.MR_DASHBOARD = {"OTHER_CLOUD_MAX_BYTES": 4096}
    heat_server = FakeHeat({r"/stacks/top-nodes-\d/m\d/template": LEAF})
    network = Neutron([{"id": net, "name": "x" * 3000, "admin_state_up": True}
                       for net in NETS])  # three names of 3000 bytes: over 4 KB
    network.port = http_server(network)
    catalog = fakes.local_catalog({"RegionOne": http_server(heat_server)})
    catalog.append(fakes.service("network", {
        "RegionOne": f"http://127.0.0.1:{network.port}/"}, interfaces=("public",)))
    request = calls_request(catalog)

    found = drift.detect_drift(request, group_tree())

    assert len(network.listings) == 1
    assert [(res.status, res.reason) for stack in found.stacks[2:]
            for res in stack.resources] == [(drift.NOT_KNOWN, (
                f"SizeLimit: The answer of http://127.0.0.1:{network.port}/v2.0/networks "
                "is larger than 4096 bytes."))] * 3


def test_only_the_attributes_of_compared_properties_are_asked(http_server, closed_port):
    """The pre-shared key's RandomString is never read; the peer address the
    comparison reads is."""
    heat_server = root_heat({
        "psk": {"type": "OS::Heat::RandomString"},
        "peer": {"type": "OS::Heat::Value"},
        "site": {"type": "OS::Neutron::IPsecSiteConnection", "properties": {
            "psk": {"get_attr": ["psk", "value"]},
            "peer_address": {"get_attr": ["peer", "value"]}}}},
        {r"/stacks/top/t0p/resources/peer": {"resource": {"attributes": {"value": "x"}}}})
    catalog = fakes.local_catalog({"RegionOne": http_server(heat_server)})
    catalog.append(fakes.service("network", {"RegionOne": f"http://127.0.0.1:{closed_port}/"},
                                 interfaces=("public",)))
    request = calls_request(catalog)
    root = root_node((("psk", "OS::Heat::RandomString", "psk-1"),
                      ("peer", "OS::Heat::Value", "peer-1"),
                      ("site", "OS::Neutron::IPsecSiteConnection", "s1te")))

    drift.detect_drift(request, StackTree(root=root))

    asked = [path.split("?")[0] for path in heat_server.paths]
    assert "/stacks/top/t0p/resources/peer" in asked
    assert not any(path.endswith("/resources/psk") for path in asked)


class SiteConnection:
    """A region's Neutron on a test server holding one IPsec site connection,
    whose peer address was changed outside Heat."""

    def __call__(self, handler):
        path = handler.path.partition("?")[0].rstrip("/")
        if path == "/v2.0/vpn/ipsec-site-connections/s1te":
            return 200, {"ipsec_site_connection": {
                "id": "s1te", "name": "link", "admin_state_up": True,
                "peer_address": "172.24.5.99", "peer_id": "172.24.5.30"}}
        if path == "":
            host = handler.headers["Host"]
            return 200, {"versions": [{"id": "v2.0", "status": "CURRENT", "links": [
                {"rel": "self", "href": f"http://{host}/v2.0/"}]}]}
        return 404, {"NeutronError": {"message": f"{path} not found"}}


def test_a_remote_stack_s_outputs_are_asked_of_that_stack_in_its_region(http_server):
    """``get_attr: [remote, outputs, …]`` of an OS::Heat::Stack whose stack the
    tree holds is read from that stack in its own region (RegionTwo), not
    through the resource's show in the parent's (RegionOne's Heat asking
    RegionTwo's in turn)."""
    one = root_heat({
        "remote": {"type": "OS::Heat::Stack"},
        "link": {"type": "OS::Neutron::IPsecSiteConnection", "properties": {
            "name": "link",
            "peer_address": {"get_attr": ["remote", "outputs", "vpn_address"]},
            "peer_id": {"get_attr": ["remote", "outputs", "vpn_address"]}}}})
    two = FakeHeat({r"/stacks/top-remote-x/ch1ld": {"stack": {
        "id": "ch1ld", "stack_name": "top-remote-x", "stack_status": "CREATE_COMPLETE",
        "parameters": {}, "outputs": [
            {"output_key": "vpn_address", "output_value": "172.24.5.30"},
            {"output_key": "broken", "output_value": None, "output_error": "no"}]}}})
    catalog = fakes.local_catalog({"RegionOne": http_server(one),
                                   "RegionTwo": http_server(two)})
    catalog.append(fakes.service("network", {
        "RegionOne": f"http://127.0.0.1:{http_server(SiteConnection())}/"},
        interfaces=("public",)))
    request = calls_request(catalog)
    root = root_node((("remote", "OS::Heat::Stack", "ch1ld"),
                      ("link", "OS::Neutron::IPsecSiteConnection", "s1te")))
    child = StackNode("RegionTwo", "ch1ld", "top-remote-x", constants.NODE_REMOTE,
                      status="CREATE_COMPLETE", parent=root, parent_resource="remote",
                      resource_type="OS::Heat::Stack", listed=True)
    root.children.append(child)

    found = drift.detect_drift(request, StackTree(root=root))

    assert not any("/resources/" in path for path in one.paths)
    assert "/stacks/top-remote-x/ch1ld" in two.paths  # outputs resolved
    link = next(res for stack in found.stacks for res in stack.resources if res.name == "link")
    assert link.status == drift.MODIFIED
    peer = {diff.name: (diff.expected, diff.actual) for diff in link.diffs
            if diff.name.startswith("peer_")}
    assert peer == {"peer_address": ("172.24.5.30", "172.24.5.99")}  # peer_id the same
