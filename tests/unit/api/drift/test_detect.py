"""Tests of mr_dashboard.api.drift.detect over real sockets on 127.0.0.1:
RegionOne's Heat a stand-in, RegionTwo's Heat and RegionOne's Nova refusing
connections. What does not answer is "not known" with the reason, the rest
is reported."""

from keystoneauth1 import access

from mr_dashboard import constants
from mr_dashboard.api import drift
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree
from mr_dashboard.api import heat
from tests.unit import fakes
from tests.unit.fakes import FakeHeat
from tests.unit.fakes import resource

SERVER = "5e1f0c3a-2b4d-4e6f-8a9b-0c1d2e3f4a5b"


def region_one():
    return FakeHeat({
        r"/stacks/top/t0p": {"stack": {"id": "t0p", "stack_name": "top",
                                       "stack_status": "CREATE_COMPLETE",
                                       "parameters": {"flavor": "m1.tiny"}}},
        r"/stacks/top/t0p/template": {
            "heat_template_version": "2021-04-16",
            "parameters": {"flavor": {"type": "string"}},
            "resources": {
                "server": {"type": "OS::Nova::Server",
                           "properties": {"flavor": {"get_param": "flavor"}}},
                "later": {"type": "OS::Nova::Server"},
                "value": {"type": "OS::Heat::Value"}}},
    })


def test_a_region_down_leaves_its_stacks_not_known(http_server, closed_port):
    one = region_one()
    catalog = fakes.local_catalog({"RegionOne": http_server(one),
                                   "RegionTwo": closed_port})
    catalog.append(fakes.service("compute", {
        "RegionOne": f"http://127.0.0.1:{closed_port}/v2.1"}, interfaces=("public",)))
    request = fakes.api_request(catalog)
    # A token of its own: the test of Heat's errors in tests/unit/api/test_heat.py
    # has a stand-in echo fakes.TOKEN, which keystoneauth logs, and a token got
    # through the catalog session here is watched by tests/secret_watch.py.
    request.user.access_info = access.create(body=fakes.keystone_token(catalog),
                                             auth_token="gAAAAA-drift-test-token")
    root = StackNode("RegionOne", "t0p", "top", constants.NODE_ROOT, listed=True)
    root.resources = [heat.Resource.from_heat("RegionOne", info) for info in (
        resource("server", "OS::Nova::Server", "top/t0p", SERVER),
        resource("later", "OS::Nova::Server", "top/t0p", status="INIT_COMPLETE"),
        resource("value", "OS::Heat::Value", "top/t0p", "v4lue"))]
    far = StackNode("RegionTwo", "f4r", "top-far", constants.NODE_REMOTE, listed=True,
                    parent=root, parent_resource="far")
    far.resources = [heat.Resource.from_heat("RegionTwo", resource(
        "net", "OS::Neutron::Net", "top-far/f4r", "n3t"))]
    root.children.append(far)

    found = drift.detect_drift(request, StackTree(root=root))

    top, child = found.stacks
    statuses = {res.name: (res.status, res.reason) for res in top.resources}
    assert statuses["value"] == (drift.NOT_CHECKED, "Its kind is not compared.")
    assert statuses["later"][0] == drift.NOT_CHECKED  # no object yet
    assert statuses["server"][0] == drift.NOT_KNOWN
    assert statuses["server"][1].startswith("ConnectFailure")  # Nova refused
    assert top.error is None and found.reads == 1
    assert child.error is not None and child.error.kind == constants.KIND_UNREACHABLE
    assert [(res.name, res.status) for res in child.resources] == [("net", drift.NOT_KNOWN)]
    assert [(region.region, region.counts[drift.NOT_KNOWN], len(region.errors))
            for region in found.regions] == [("RegionOne", 1, 0), ("RegionTwo", 1, 1)]
    assert not found.drifted
    assert fakes.TOKEN not in repr(found)
