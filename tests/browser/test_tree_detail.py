"""A stack's detail in a real browser: its tree across regions, the picture,
the merged events, a remote child's own page and the way back up; and a
slow stack watched until it settles, without reloading the page."""
from selenium.webdriver.common.by import By

from tests.browser.stacks_steps import detail_path, nodes, show_tab, tree_state
from tests.functional import tree_stacks

ONE, TWO, THREE = "RegionOne", "RegionTwo", "RegionThree"


def test_the_tree_its_picture_a_remote_child_and_the_way_back(browser, sample):
    stack_id, name = sample
    browser.login()
    browser.open(detail_path(ONE, stack_id))
    browser.wait(lambda d: tree_state(browser) == "settled")

    assert nodes(browser) == [("root", ONE, "complete"), ("remote", TWO, "complete"),
                              ("nested", TWO, "complete"), ("nested", TWO, "complete"),
                              ("nested", TWO, "complete"), ("remote", THREE, "complete")]
    app = browser.find(f"#mr-stack-tree li[data-mr-region='{TWO}'][data-mr-kind='remote']")
    assert "db_address from the outputs of" in app.text
    browser.screenshot("tree")

    show_tab(browser, "topology")
    browser.wait(lambda d: browser.find("#mr-stack-topology").get_attribute(
        "data-mr-topology-state") == "drawn")
    lanes = [lane.get_attribute("data-mr-region")
             for lane in browser.all("#mr-stack-topology g.mr-topo-lane")]
    assert lanes == [ONE, TWO, THREE]
    assert len(browser.all("#mr-stack-topology g.mr-topo-stack")) == 6
    assert len(browser.all("#mr-stack-topology path.mr-topo-remote")) == 2
    assert len(browser.all("#mr-stack-topology path.mr-topo-dependency")) == 1
    icons = {icon.get_attribute("data-mr-category")
             for icon in browser.all("#mr-stack-topology text.mr-topo-icon")}
    assert {"remote_stack", "group", "nested_stack", "random", "value"} <= icons
    browser.screenshot("topology")

    show_tab(browser, "events")
    browser.wait(lambda d: browser.all("#events tbody td.mr-region-cell"))
    regions = {cell.text for cell in browser.all("#events tbody td.mr-region-cell")}
    browser.screenshot("events")
    # The next page of the merged events, older ones from every region.
    browser.find("#events tfoot a[href*='events_marker=']").click()
    browser.wait(lambda d: "events_marker=" in d.current_url)
    browser.wait(lambda d: browser.all("#events tbody td.mr-region-cell"))
    regions |= {cell.text for cell in browser.all("#events tbody td.mr-region-cell")}
    assert regions == {ONE, TWO, THREE}
    browser.screenshot("events-next-page")

    browser.open(detail_path(ONE, stack_id))
    browser.wait(lambda d: tree_state(browser) == "settled")
    show_tab(browser, "tree")
    app = browser.find(f"#mr-stack-tree li[data-mr-region='{TWO}'][data-mr-kind='remote']")
    app.find_element(By.CSS_SELECTOR, "a.mr-node-link").click()
    browser.wait(lambda d: f"/project/mr_stacks/{TWO}/" in d.current_url)
    browser.wait(lambda d: tree_state(browser) == "settled")
    assert nodes(browser)[0] == ("root", TWO, "complete")
    crumb = browser.find(f".breadcrumb li.mr-lineage[data-mr-lineage-region='{ONE}']")
    assert crumb.text.startswith(name)
    browser.screenshot("remote-child")

    crumb.find_element(By.TAG_NAME, "a").click()
    browser.wait(lambda d: d.current_url.endswith(detail_path(ONE, stack_id)))
    browser.wait(lambda d: tree_state(browser) == "settled")
    assert len(nodes(browser)) == 6
    browser.screenshot("back-up")


def test_a_slow_stack_settles_on_screen_without_a_reload(browser, cloud):
    name = tree_stacks.unique_name("slow")
    browser.login()  # first: tens of seconds at times on a busy machine
    # Long enough that opening the page on a busy machine still finds the
    # child in progress.
    stack_id = tree_stacks.create(cloud, ONE, name, "slow_parent.yaml", wait_secs=20)
    try:
        browser.open(detail_path(ONE, stack_id))
        browser.driver.execute_script("document.body.setAttribute('data-mr-same-page', '1')")
        browser.wait(lambda d: tree_state(browser) == "in_progress")
        assert nodes(browser)[0] == ("root", ONE, "in_progress")
        show_tab(browser, "events")
        browser.wait(lambda d: browser.all("#events tbody tr"))
        browser.screenshot("in-progress")

        browser.wait(lambda d: tree_state(browser) == "settled", timeout=180)

        assert browser.find("body").get_attribute("data-mr-same-page") == "1"
        assert nodes(browser) == [("root", ONE, "complete"), ("remote", TWO, "complete")]
        answers = int(browser.find("#mr-stack-tree").get_attribute("data-mr-tree-answers"))
        assert answers > 1
        # The events tab was reloaded too: the root's own last event is there.
        browser.wait(lambda d: any(
            name in row.text and "Create Complete" in row.text
            and "Stack CREATE completed successfully" in row.text
            for row in browser.all("#events tbody tr")), timeout=30)
        show_tab(browser, "topology")
        states = {group.get_attribute("data-mr-state")
                  for group in browser.all("#mr-stack-topology g.mr-topo-stack")}
        assert states == {"complete"}
        browser.screenshot("settled")
    finally:
        tree_stacks.delete(cloud, ONE, stack_id)
