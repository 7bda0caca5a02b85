"""The blueprint's use case 1, launched for real in a browser: two sites
(network, subnet, router, VPN service, IKE/IPsec policies, server) in
RegionOne and RegionTwo, joined by an IPsec site connection. Every picker is
filled from its target region's own list; the checks pass; the stack is
CREATE_COMPLETE; the tree and the picture show both sites with their icons;
a RegionTwo server opens in RegionTwo and its page leads back to the
stack; then the stack is deleted from the Stacks page (the dialog names its
child stacks in other regions) and nothing of it is left in either region, as
the regions' own APIs say."""

import pytest

from heatclient import exc as heat_exc

from tests.browser import launch_steps as steps
from tests.browser.stacks_steps import choose, confirm, shows
from tests.cloud import heat_client
from tests.functional import launch_helpers as lh
from tests.functional import resource_stacks
from tests.functional import tree_stacks
from tests.waiting import wait_until

ONE, TWO = resource_stacks.ONE, resource_stacks.TWO
FILES = ("vpn_sites.yaml", "vpn_site.yaml")  # the demo's own use case 1


@pytest.fixture
def folder(tmp_path):
    return steps.demo_folder(tmp_path, "use_case_1", FILES)


# What each kind of resource is looked up with, in its own region.
FINDERS = {"OS::Nova::Server": lambda sdk, i: sdk.compute.find_server(i),
           "OS::Neutron::Net": lambda sdk, i: sdk.network.find_network(i),
           "OS::Neutron::Router": lambda sdk, i: sdk.network.find_router(i),
           "OS::Neutron::VPNService": lambda sdk, i: sdk.network.find_vpn_service(i),
           "OS::Neutron::IPsecSiteConnection":
               lambda sdk, i: sdk.network.find_vpn_ipsec_site_connection(i)}


def family(cloud, stack_id: str) -> dict[str, list]:
    """Per region: the stack's (and its children's) resources of the kinds
    in FINDERS as (type, physical id), its child stacks as ("stack", id)."""
    found = {ONE: [], TWO: []}
    for resource in heat_client(cloud, ONE).resources.list(stack_id):
        if resource.resource_type in FINDERS:
            found[ONE].append((resource.resource_type, resource.physical_resource_id))
        if resource.resource_type != "OS::Heat::Stack":
            continue
        for region in (ONE, TWO):
            heat = heat_client(cloud, region)
            try:
                heat.stacks.get(resource.physical_resource_id, resolve_outputs=False)
            except heat_exc.HTTPNotFound:
                continue
            found[region].append(("stack", resource.physical_resource_id))
            found[region] += [(r.resource_type, r.physical_resource_id)
                              for r in heat.resources.list(resource.physical_resource_id)
                              if r.resource_type in FINDERS]
    return found


def left(cloud, found: dict[str, list]) -> list:
    """What of ``found`` still exists, region by region."""
    remaining = []
    for region, resources in found.items():
        sdk, heat = resource_stacks.connection(cloud, region), heat_client(cloud, region)
        for kind, physical_id in resources:
            if kind == "stack":
                try:
                    status = heat.stacks.get(physical_id, resolve_outputs=False).stack_status
                except heat_exc.HTTPNotFound:
                    continue
                if status != "DELETE_COMPLETE":
                    remaining.append((region, kind, physical_id, status))
            elif FINDERS[kind](sdk, physical_id) is not None:
                remaining.append((region, kind, physical_id))
    return remaining


def delete_from_the_stacks_page(browser, stack_id: str) -> None:
    """Tick the stack's row and delete it through Horizon's dialog, which
    names its child stacks."""
    browser.open("/project/mr_stacks/")
    row = f'#stacks tr[data-object-id="{ONE}:{stack_id}"]'
    # The children arrive after the page (its script asks for them).
    shows(browser, lambda: browser.all(f"{row} td[data-mr-family]") and browser.find(
        f"{row} td[data-mr-family]").get_attribute("data-mr-family") == "found", timeout=180)
    choose(browser, stack_id, ONE)
    browser.find("#stacks__action_delete").click()
    asked = confirm(browser)
    assert "whose child stacks are deleted with it" in asked, asked
    assert f"({TWO})" in asked, asked
    browser.wait(lambda d: "takes its child stacks with it"
                 in browser.find(".messages").text, timeout=60)
    browser.screenshot("deleted")


def test_use_case_1_from_the_form_to_both_regions_and_away(browser, cloud, folder):
    images = resource_stacks.active_images(cloud)
    browser.login()
    steps.open_folder(browser, folder, pickers=True)

    # Each site's image from its own region; the flavor among the names
    # both regions have.
    assert steps.choices(browser, "site_one_image") == images[ONE]
    assert steps.choices(browser, "site_two_image") == images[TWO]
    assert set(images[ONE].values()) != set(images[TWO].values())
    flavors = steps.choices(browser, "flavor")
    assert "m1.tiny" in flavors
    stack_id = steps.launch(browser, lh.unique_name("uc1"),
                            site_one_image=next(iter(images[ONE])),
                            site_two_image=next(iter(images[TWO])), flavor="m1.tiny")
    deleted = False
    try:
        assert tree_stacks.wait(cloud, ONE, stack_id, timeout=300) == "CREATE_COMPLETE", \
            heat_client(cloud, ONE).stacks.get(stack_id).stack_status_reason
        browser.open(f"/project/mr_stacks/{ONE}/{stack_id}/")
        steps.tree_settled(browser)
        kinds = steps.tree_nodes(browser)
        assert kinds == [("remote", ONE, "complete"), ("remote", TWO, "complete"),
                         ("root", ONE, "complete")], kinds
        servers = browser.all("#mr-stack-tree a.mr-resource-link[data-mr-resource='server']")
        assert len(servers) == 2
        browser.screenshot("tree")

        browser.find("a[data-target='#stack_details__topology']").click()
        browser.wait(lambda d: browser.find("#mr-stack-topology").get_attribute(
            "data-mr-topology-state") == "drawn")
        lanes = [g.get_attribute("data-mr-region")
                 for g in browser.all("#mr-stack-topology g.mr-topo-lane")]
        assert lanes == [ONE, TWO]
        icons = [i.get_attribute("data-mr-category")
                 for i in browser.all("#mr-stack-topology text.mr-topo-icon")]
        # Per site: the router and its interface share the router icon.
        assert icons.count("server") == 2 and icons.count("router") == 4
        assert {"network", "subnet", "vpn"} <= set(icons)
        browser.screenshot("topology")

        browser.find("a[data-target='#stack_details__tree']").click()
        far = browser.find(f"#mr-stack-tree li[data-mr-region='{TWO}'][data-mr-kind='remote'] "
                           "a.mr-resource-link[data-mr-resource='server']")
        far.click()
        browser.wait(lambda d: "/project/instances/" in d.current_url)
        assert browser.find(".context-region").get_attribute("textContent").strip() == TWO
        browser.screenshot("regiontwo-server")
        browser.find("a.mr-back-to-stack").click()
        browser.wait(lambda d: d.current_url.endswith(f"/project/mr_stacks/{ONE}/{stack_id}/"))
        steps.tree_settled(browser)
        browser.screenshot("back-to-the-stack")

        found = family(cloud, stack_id)
        site = {"stack", *FINDERS}
        assert {kind for kind, _ in found[ONE]} == site, found
        assert {kind for kind, _ in found[TWO]} == site, found
        found[ONE].append(("stack", stack_id))
        delete_from_the_stacks_page(browser, stack_id)
        deleted = True
        # Remote children go first, each in its own region: minutes here.
        remaining = wait_until(lambda: left(cloud, found), 600, 1, what="the site gone",
                               done=lambda seen: not seen, fail=False)
        assert not remaining
        browser.screenshot("gone")
    finally:
        if not deleted:
            tree_stacks.delete(cloud, ONE, stack_id)
