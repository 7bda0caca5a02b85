"""Tests of the links of the stack detail: stacks and Horizon's pages."""

from types import SimpleNamespace

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.tree_nodes import StackNode
from mr_dashboard.panels.stacks.detail import links


def res(region, rtype, physical="5e7"):
    return heat.Resource(region, "s", "stack", "x", rtype, physical,
                         "CREATE_COMPLETE")


def test_stack_url():
    node = StackNode("RegionTwo", "ab12", "app", constants.NODE_REMOTE)
    assert links.stack_url(node) == "/project/mr_stacks/RegionTwo/ab12/"
    node.cloud = "5ec"
    assert links.stack_url(node) is None
    assert links.stack_url(StackNode("RegionTwo", "", "", "remote")) is None


def test_resource_url_goes_through_the_region_switch_when_needed():
    request = SimpleNamespace(user=SimpleNamespace(
        services_region="RegionOne"))
    assert links.resource_url(request, res("RegionOne", "OS::Nova::Server")) \
        == "/project/instances/5e7/"
    assert links.resource_url(request, res("RegionTwo", "OS::Neutron::Net")) \
        == ("/auth/switch_services_region/RegionTwo/"
            "?next=%2Fproject%2Fnetworks%2F5e7%2Fdetail")


def test_no_link_without_a_page_or_an_id():
    request = SimpleNamespace(user=SimpleNamespace(
        services_region="RegionOne"))
    assert links.resource_url(request, res("RegionOne", "OS::Heat::Value")) \
        is None
    assert links.resource_url(request, res("RegionOne", "OS::Nova::Server",
                                           "")) is None
    # neutron-vpnaas-dashboard is not installed here.
    assert links.resource_url(
        request, res("RegionOne", "OS::Neutron::VPNService")) is None
