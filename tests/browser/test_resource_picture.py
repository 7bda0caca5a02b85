"""The Topology tab as a picture of resources, on the demo's use case 1
(``vpn-sites``, made by ``democloud up`` and never changed here): both
sites' networks, subnets, routers, VPN services and servers in the
RegionOne and RegionTwo lanes, the IPsec site connection drawn between
the two VPN services, and the RegionTwo server opening its page in
RegionTwo; and a tree of more than ``COLLAPSE_ABOVE`` resources opening
folded, a group unfolding, and a failed resource of a remote child red
with Heat's reason in its tooltip. (Folding at 200 stacks is tested in
tests/js/stack_topology.test.js, its speed by benchmarks/topology_bench.py.)
"""
import pytest
from selenium.webdriver.common.by import By

from tests.browser.stacks_steps import detail_path, show_tab, tree_state
from tests.cloud import heat_client

ONE, TWO = "RegionOne", "RegionTwo"
SITE = {"network", "subnet", "router", "vpn", "server"}


def test_use_case_1_as_two_connected_sites(browser, cloud):
    [stack] = heat_client(cloud, ONE).stacks.list(filters={"name": "vpn-sites"})
    browser.login()
    browser.open(detail_path(ONE, stack.id))
    browser.wait(lambda d: tree_state(browser) == "settled", timeout=60)
    show_tab(browser, "topology")
    browser.wait(lambda d: browser.find("#mr-stack-topology").get_attribute(
        "data-mr-topology-state") == "drawn")

    lanes = [lane.get_attribute("data-mr-region")
             for lane in browser.all("#mr-stack-topology g.mr-topo-lane")]
    assert lanes == [ONE, TWO]
    for region in (ONE, TWO):
        icons = {icon.get_attribute("data-mr-category") for icon in browser.all(
            f"#mr-stack-topology g.mr-topo-node[data-mr-region='{region}'] text.mr-topo-icon")}
        assert SITE <= icons, (region, icons)
    [site] = browser.all("#mr-stack-topology path.mr-topo-edge.mr-topo-site")
    assert "site_one_link" in site.get_attribute("textContent")
    assert browser.all("#mr-stack-topology path.mr-topo-edge.mr-topo-feed")
    assert len(browser.all("#mr-stack-topology path.mr-topo-dependency")) == 1
    browser.screenshot("two-sites")

    far = browser.find(f"#mr-stack-topology g.mr-topo-node[data-mr-region='{TWO}'] "
                       "a.mr-topo-resource-link[data-mr-resource='server']")
    far.click()
    browser.wait(lambda d: "/project/instances/" in d.current_url)
    assert browser.find(".context-region").get_attribute("textContent").strip() == TWO
    browser.find("a.mr-back-to-stack").click()
    browser.wait(lambda d: d.current_url.endswith(detail_path(ONE, stack.id)))
    assert browser.driver.find_elements(By.CSS_SELECTOR, "#mr-stack-detail")


@pytest.mark.big_tree
def test_a_big_tree_opens_folded_and_a_remote_failure_shows_its_reason(browser, big_tree):
    # Started with the first browser test (conftest.py, big_tree.py).
    stack_id, reason = big_tree.stack_id, big_tree.failed()
    browser.login()
    browser.open(detail_path(ONE, stack_id))
    browser.wait(lambda d: tree_state(browser) == "settled", timeout=60)
    show_tab(browser, "topology")
    browser.wait(lambda d: browser.find("#mr-stack-topology").get_attribute(
        "data-mr-topology-state") == "drawn")

    groups = {group.get_attribute("data-mr-region"): group for group in browser.all(
        "#mr-stack-topology g.mr-topo-stack[data-mr-collapsed='true']")}
    assert set(groups) == {ONE, TWO}  # the group's stack and the far child
    assert not browser.all("#mr-stack-topology g.mr-topo-node[data-mr-region='RegionTwo']")
    browser.screenshot("folded")

    groups[TWO].find_element(By.CSS_SELECTOR, "g.mr-topo-toggle").click()
    browser.wait(lambda d: browser.all(
        "#mr-stack-topology g.mr-topo-node[data-mr-region='RegionTwo']"))
    [failed] = browser.all("#mr-stack-topology g.mr-topo-node[data-mr-region='RegionTwo']")
    assert failed.get_attribute("data-mr-state") == "failed"
    title = failed.find_element(By.CSS_SELECTOR, "title").get_attribute("textContent")
    assert "broken" in title and reason and reason in title
    browser.screenshot("remote-failure")
