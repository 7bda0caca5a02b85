"""A RegionTwo server opened from a RegionOne stack in a real browser:
from the tree list to Horizon's instance page in RegionTwo (through
Horizon's region switch), back with the page's link; from the picture's
icon, back with the browser's Back button; a VPN object's details in
place, in a modal over the stack."""
import pytest
from selenium.webdriver.common.by import By

from tests.functional import resource_stacks

ONE, TWO = resource_stacks.ONE, resource_stacks.TWO


@pytest.fixture(scope="module")
def made(cloud):
    with resource_stacks.made(cloud) as made:
        yield made


def stack_path(made) -> str:
    return f"/project/mr_stacks/{ONE}/{made.stack_id}/"


def settled(browser) -> None:
    browser.wait(lambda d: browser.find("#mr-stack-tree").get_attribute(
        "data-mr-tree-state") == "settled")


def on_instance_page(browser, made) -> None:
    browser.wait(lambda d: d.current_url.endswith(f"/project/instances/{made.server_id}/"))
    browser.wait(lambda d: made.server_name in browser.find(".page-header").text)
    # Horizon's own context menu now says RegionTwo.
    assert browser.find(".context-region").get_attribute("textContent").strip() == TWO


def test_a_regiontwo_server_opens_in_regiontwo_and_leads_back(browser, made):
    browser.login()
    browser.open(stack_path(made))
    settled(browser)
    link = browser.find("#mr-stack-tree a.mr-resource-link[data-mr-resource='server']")
    assert link.get_attribute("data-mr-resource-type") == "OS::Nova::Server"
    browser.screenshot("tree")

    link.click()
    on_instance_page(browser, made)
    browser.screenshot("instance-page")

    browser.find("a.mr-back-to-stack").click()
    browser.wait(lambda d: d.current_url.endswith(stack_path(made)))
    settled(browser)
    browser.screenshot("back-by-link")

    browser.find("a[data-target='#stack_details__topology']").click()
    icon = browser.find("#mr-stack-topology a.mr-topo-resource-link[data-mr-resource='server']")
    assert icon.find_element(By.CSS_SELECTOR, "text.mr-topo-icon").get_attribute(
        "data-mr-category") == "server"
    categories = {i.get_attribute("data-mr-category")
                  for i in browser.all("#mr-stack-topology text.mr-topo-icon")}
    assert {"server", "network", "subnet", "port", "vpn", "remote_stack"} <= categories
    browser.screenshot("topology")
    icon.click()
    on_instance_page(browser, made)
    browser.screenshot("from-the-picture")

    browser.driver.back()
    browser.wait(lambda d: d.current_url.endswith(stack_path(made)))
    settled(browser)
    browser.screenshot("back-by-back-button")


def test_a_vpn_object_shows_its_details_in_place(browser, made):
    browser.login()
    browser.open(stack_path(made))
    settled(browser)
    browser.find("#mr-stack-tree a.mr-resource-link[data-mr-resource='ike_policy']").click()
    details = browser.find("#mr-vpn-detail dl.mr-vpn-detail")
    browser.wait(lambda d: "sha256" in details.text)
    assert made.ike_policy_id in details.text
    assert browser.driver.current_url.endswith(stack_path(made))  # still on the stack
    browser.screenshot("vpn-details")
