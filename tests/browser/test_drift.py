"""Drift in a real browser: a RegionTwo security group renamed outside Heat
shows on the Drift tab (its diff) and in the tree, "Bring back to template"
has Heat's converge rename it back, and "Check again" then finds no drift.
(A security group, not a network: Heat 27 cannot read a network's live
state back for a user who may not list DHCP agents, docs/drift.md.)"""
from tests.browser.stacks_steps import detail_path, tree_state
from tests.cloud import heat_client
from tests.functional import tree_stacks
from tests.functional.resource_stacks import connection

TWO = "RegionTwo"
TEMPLATE = """heat_template_version: 2021-04-16
resources:
  guard:
    type: OS::Neutron::SecurityGroup
    properties: {name: drift-browser-guard, description: drift test, stateful: true}
"""


def statuses(browser) -> dict:
    return {row.get_attribute("data-mr-drift-resource"): row.get_attribute("data-mr-drift-status")
            for row in browser.all("#stack_details__drift tr[data-mr-drift-resource]")}


def test_drift_is_shown_then_brought_back_through_heat(browser, cloud):
    name = tree_stacks.unique_name("drift-browser")
    stack_id = heat_client(cloud, TWO).stacks.create(stack_name=name,
                                                     template=TEMPLATE)["stack"]["id"]
    try:
        assert tree_stacks.wait(cloud, TWO, stack_id) == "CREATE_COMPLETE"
        guard = heat_client(cloud, TWO).resources.get(stack_id, "guard").physical_resource_id
        connection(cloud, TWO).network.update_security_group(guard, name="renamed-by-a-script")

        browser.login()
        browser.open(detail_path(TWO, stack_id) + "?tab=stack_details__drift")
        browser.find("#mr-drift-none")
        browser.find("#mr-drift-detect").click()
        browser.wait(lambda d: statuses(browser) == {"guard": "MODIFIED"})
        diff = browser.find("#stack_details__drift [data-mr-drift-property='name']")
        assert "drift-browser-guard" in diff.text and "renamed-by-a-script" in diff.text
        browser.screenshot("drift-found")
        browser.find("a[data-target='#stack_details__tree']").click()
        browser.wait(lambda d: tree_state(browser) == "settled")
        mark = browser.find("#mr-stack-tree .mr-drift-mark")
        assert mark.get_attribute("data-mr-drift") == "drifted"

        browser.open(detail_path(TWO, stack_id) + "?tab=stack_details__drift")
        browser.find("#mr-drift-repair").click()
        browser.wait(lambda d: "Heat's update with converge started" in browser.find(
            ".messages").text)
        settled = tree_stacks.wait(cloud, TWO, stack_id)
        assert settled == "UPDATE_COMPLETE", heat_client(cloud, TWO).stacks.get(
            stack_id, resolve_outputs=False).stack_status_reason
        assert connection(cloud, TWO).network.get_security_group(guard).name == (
            "drift-browser-guard")
        browser.find("#mr-drift-detect").click()
        browser.wait(lambda d: statuses(browser) == {"guard": "IN_SYNC"})
        assert "No drift found" in browser.find(".messages").text
        browser.screenshot("drift-brought-back")
        assert not browser.all("#stack_details__drift .label-warning")
        assert browser.all("#mr-drift-repair") == []
    finally:
        tree_stacks.delete(cloud, TWO, stack_id)
