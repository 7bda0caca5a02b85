"""The Topology tab as a picture of resources, on the demo's use case 1
(``vpn-sites``, made by ``democloud up`` and never changed here): both
sites' networks, subnets, routers, VPN services and servers in the
RegionOne and RegionTwo lanes, the IPsec site connection drawn between
the two VPN services, and the RegionTwo server opening its page in
RegionTwo. (Folding a large tree's groups is tested in
tests/js/stack_topology.test.js, its speed by benchmarks/topology_bench.py.)
"""
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
