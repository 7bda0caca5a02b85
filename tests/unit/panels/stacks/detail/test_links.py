"""Tests of the links of the stack detail: stacks and Horizon's pages."""

from types import SimpleNamespace

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.panels.shared import stack_urls
from mr_dashboard.panels.stacks.detail import links

SHOWN = StackNode("RegionOne", "r00t", "top", constants.NODE_ROOT)


def res(region, rtype, physical="5e7"):
    return heat.Resource(region, "s", "stack", "x", rtype, physical,
                         "CREATE_COMPLETE")


def test_stack_url():
    node = StackNode("RegionTwo", "ab12", "app", constants.NODE_REMOTE)
    assert links.stack_url(node) == "/project/mr_stacks/RegionTwo/ab12/"
    node.cloud = "5ec"
    assert links.stack_url(node) is None
    assert links.stack_url(StackNode("RegionTwo", "", "", "remote")) is None


def test_a_resource_opens_through_the_shown_stacks_page():
    link = links.resource_link(res("RegionTwo", "OS::Nova::Server"), SHOWN)
    assert link == links.Link(
        "/project/mr_stacks/RegionOne/r00t/open/RegionTwo/"
        "?type=OS%3A%3ANova%3A%3AServer&id=5e7")
    assert links.horizon_page("OS::Neutron::Net", "5e7") == (
        "/project/networks/5e7/detail")


def test_horizons_page_goes_through_the_region_switch_when_needed():
    request = SimpleNamespace(user=SimpleNamespace(
        services_region="RegionOne"))
    assert links.switched(request, "RegionOne", "/project/instances/5e7/") \
        == "/project/instances/5e7/"
    assert links.switched(request, "RegionTwo", "/project/networks/5e7/") \
        == ("/auth/switch_services_region/RegionTwo/"
            "?next=%2Fproject%2Fnetworks%2F5e7%2F")


def test_no_link_without_a_page_or_an_id():
    assert links.resource_link(res("RegionOne", "OS::Heat::Value"),
                               SHOWN) is None
    assert links.resource_link(res("RegionOne", "OS::Nova::Server", ""),
                               SHOWN) is None


def test_vpn_objects_show_in_place_without_the_vpn_dashboard():
    # neutron-vpnaas-dashboard is not installed here.
    link = links.resource_link(res("RegionTwo", "OS::Neutron::IKEPolicy"),
                               SHOWN)
    assert link.modal and link.url.startswith(
        "/project/mr_stacks/RegionOne/r00t/vpn/RegionTwo/?type=")


def test_ids_no_url_can_carry_make_no_link():
    """A cloud's answer with a "/" (or nothing) in an id: no link, no 500."""
    assert stack_urls.stack_page("RegionTwo", "a/b") is None
    assert links.stack_url(StackNode("RegionTwo", "../x", "", constants.NODE_REMOTE)) is None
    assert stack_urls.page_of(constants.SNAPSHOT_RESTORE_URL, "RegionOne", "r00t",
                              extra=("s/1",)) is None
    assert links.horizon_page("OS::Nova::Server", "5e7/../..") is None
    assert links.resource_link(res("Region/Two", "OS::Nova::Server"), SHOWN) is None
    assert links.resource_link(res("RegionTwo", "OS::Neutron::VPNService"),
                               StackNode("RegionOne", "r/t", "top", constants.NODE_ROOT)) is None
