"""A stack of another cloud in a real browser: the demo's cross-cloud
sample's child opens from the tree, shows its tabs, its own subtree and its
lane marked with the cloud, says its parent owns it, and the way up leads
back to the parent in the first cloud (the sample is only read); a child
made over TLS is reached with its parent's CA, and a wrong CA is told."""
from selenium.webdriver.common.by import By

from tests.browser.stacks_steps import detail_path, nodes, show_tab, tree_state
from tests.cloud import heat_client

ONE = "RegionOne"


def test_the_child_in_another_cloud_opens_shows_its_tabs_and_leads_back_up(browser, cloud):
    [parent] = heat_client(cloud, ONE).stacks.list(filters={"name": "cross-cloud"})
    browser.login()
    browser.open(detail_path(ONE, parent.id))
    browser.wait(lambda d: tree_state(browser) == "settled")
    child = browser.find("#mr-stack-tree li[data-mr-kind='remote']")
    assert child.get_attribute("data-mr-state") == "complete"
    assert child.find_element(By.CSS_SELECTOR, ".mr-cloud-badge").text == "another cloud"
    child_id = child.get_attribute("data-mr-stack-id")
    child.find_element(By.CSS_SELECTOR, "a.mr-node-link").click()

    browser.wait(lambda d: d.current_url.endswith(
        f"/{parent.id}/cloud/remote_db/{ONE}/{child_id}/"))
    browser.wait(lambda d: tree_state(browser) == "settled")
    assert nodes(browser) == [("root", ONE, "complete")]
    notice = browser.find("#mr-cloud-stack")
    assert "remote_db of cross-cloud (RegionOne) created it" in notice.text
    assert "The parent owns it" in notice.text
    assert browser.find(".mr-stack-header .mr-cloud-badge").text == "another cloud"
    browser.screenshot("child-tree")

    show_tab(browser, "topology")
    browser.wait(lambda d: browser.find("#mr-stack-topology").get_attribute(
        "data-mr-topology-state") == "drawn")
    [lane] = browser.all("#mr-stack-topology g.mr-topo-lane")
    assert lane.get_attribute("data-mr-region") == ONE
    assert "another cloud" in lane.text
    browser.screenshot("child-topology")
    show_tab(browser, "overview")
    browser.wait(lambda d: "192.0.2.10" in browser.find("#stack_details__overview").text)
    show_tab(browser, "resources")
    browser.wait(lambda d: browser.all("#resources tbody tr[data-object-id]"))
    assert {row.find_element(By.CSS_SELECTOR, "td").text
            for row in browser.all("#resources tbody tr[data-object-id]")} == {
        "address", "password"}
    show_tab(browser, "events")
    browser.wait(lambda d: browser.all("#events tbody td.mr-region-cell"))
    show_tab(browser, "template")
    browser.wait(lambda d: "db_address" in browser.find("#stack_details__template").text)
    browser.screenshot("child-tabs")

    crumb = browser.find(f".breadcrumb li.mr-lineage[data-mr-lineage-region='{ONE}']")
    assert crumb.text.startswith("cross-cloud")
    crumb.find_element(By.TAG_NAME, "a").click()
    browser.wait(lambda d: d.current_url.endswith(detail_path(ONE, parent.id)))
    browser.wait(lambda d: tree_state(browser) == "settled")
    assert [kind for kind, _, _ in nodes(browser)] == ["root", "remote"]
    browser.screenshot("back-up")


def test_with_the_parents_ca_the_child_is_reached_and_a_wrong_ca_is_told(
        browser, front, signers, tls_stack):
    """Over the TLS front of tests/functional/tls_stacks.py: Horizon
    reaches the child with the CA its parent's context names, and says so
    plainly once the front shows a certificate of another CA."""
    parent_id, child_id = tls_stack
    browser.login()
    browser.open(detail_path(ONE, parent_id))
    browser.wait(lambda d: tree_state(browser) == "settled")
    child = browser.find(f"#mr-stack-tree li[data-mr-stack-id='{child_id}']")
    assert child.get_attribute("data-mr-state") == "complete"
    child.find_element(By.CSS_SELECTOR, "a.mr-node-link").click()
    browser.wait(lambda d: d.current_url.endswith(f"/cloud/remote/{ONE}/{child_id}/"))
    browser.find("#mr-cloud-stack")
    show_tab(browser, "overview")
    browser.wait(lambda d: "over-tls" in browser.find("#stack_details__overview").text)
    browser.screenshot("tls-child")

    front.present(signers[1])
    try:
        browser.driver.refresh()
        problem = browser.find("#mr-region-problems")
        assert f"{ONE} of another cloud" in problem.text
        assert "not trusted" in problem.text, problem.text
        browser.screenshot("wrong-ca")
        browser.find("#mr-cloud-unreached a.mr-back-to-parent").click()
        browser.wait(lambda d: d.current_url.endswith(detail_path(ONE, parent_id)))
    finally:
        front.present(signers[0])
