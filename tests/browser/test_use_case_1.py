"""The blueprint's use case 1, launched for real in a browser: two sites
(network, subnet, router, VPN service, IKE/IPsec policies, server) in
RegionOne and RegionTwo, joined by an IPsec site connection. Every picker is
filled from its target region's own list; the checks pass; the stack is
CREATE_COMPLETE; the tree and the picture show both sites with their icons;
a RegionTwo server opens in RegionTwo (the way back is tested in
test_resource_links); then the stack is deleted."""
import re
import shutil

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.cloud import REPO
from tests.functional import launch_helpers as lh
from tests.functional import resource_stacks
from tests.functional import tree_stacks

ONE, TWO = resource_stacks.ONE, resource_stacks.TWO
FILES = ("vpn_sites.yaml", "vpn_site.yaml")  # the demo's own use case 1


@pytest.fixture
def folder(tmp_path):
    """The demo's use case 1 templates, alone in a folder to upload."""
    target = tmp_path / "use_case_1"
    target.mkdir()
    for name in FILES:
        shutil.copy(REPO / "democloud" / "templates" / name, target / name)
    return target


def choices(browser, name: str) -> dict[str, str]:
    select = Select(browser.find(f"select#id_param__{name}"))
    return {option.get_attribute("value"): option.text.strip()
            for option in select.options if option.get_attribute("value")}


def pick(browser, name: str, value: str) -> None:
    Select(browser.find(f"select#id_param__{name}")).select_by_value(value)


def test_use_case_1_from_the_form_to_both_regions_and_away(browser, cloud, folder):
    one, two = (resource_stacks.connection(cloud, r) for r in (ONE, TWO))
    images = {region: {i.id: i.name for i in sdk.image.images(status="active")}
              for region, sdk in ((ONE, one), (TWO, two))}
    browser.login()
    browser.open("/project/mr_stacks/")
    browser.find("a#stacks__action_mr_launch").click()
    browser.find("#id_template_source")
    browser.driver.execute_script(
        "var s = document.getElementById('id_template_source');"
        "s.value = 'folder'; s.dispatchEvent(new Event('change'));")
    browser.find("input[data-mr-folder]").send_keys(str(folder))
    browser.wait(lambda d: d.find_element(By.NAME, "folder_paths").get_attribute("value"))
    browser.find("#mr-next").click()

    # Each site's image from its own region; the flavor among the names
    # both regions have.
    assert choices(browser, "site_one_image") == images[ONE]
    assert choices(browser, "site_two_image") == images[TWO]
    assert set(images[ONE].values()) != set(images[TWO].values())
    flavors = choices(browser, "flavor")
    assert "m1.tiny" in flavors
    assert not browser.all("#mr-picker-notes")
    name = lh.unique_name("uc1")
    browser.find("#id_stack_name").send_keys(name)
    pick(browser, "site_one_image", next(iter(images[ONE])))
    pick(browser, "site_two_image", next(iter(images[TWO])))
    pick(browser, "flavor", "m1.tiny")
    browser.screenshot("parameters")
    browser.find("#mr-check").click()
    assert browser.find("#mr-checklist").get_attribute("data-mr-passed") == "true", \
        browser.find("#mr-checklist").text
    browser.screenshot("checklist")
    browser.find("#mr-go").click()
    browser.wait(lambda d: re.search(r"/mr_stacks/RegionOne/[0-9a-f-]{36}/", d.current_url),
                 timeout=120)
    stack_id = re.search(r"/RegionOne/([0-9a-f-]{36})/", browser.driver.current_url).group(1)
    try:
        assert tree_stacks.wait(cloud, ONE, stack_id, timeout=300) == "CREATE_COMPLETE", \
            tree_stacks.heat(cloud, ONE).stacks.get(stack_id).stack_status_reason
        browser.open(f"/project/mr_stacks/{ONE}/{stack_id}/")
        browser.wait(lambda d: browser.find("#mr-stack-tree").get_attribute(
            "data-mr-tree-state") == "settled", timeout=60)
        kinds = [(n.get_attribute("data-mr-kind"), n.get_attribute("data-mr-region"),
                  n.get_attribute("data-mr-state"))
                 for n in browser.all("#mr-stack-tree li[data-mr-node]")]
        assert sorted(kinds) == [("remote", ONE, "complete"), ("remote", TWO, "complete"),
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
    finally:
        tree_stacks.delete(cloud, ONE, stack_id)
