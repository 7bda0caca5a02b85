"""The Stacks page in a real browser: the region dropdown, the filter, the
sort, the pages, a batch action across two regions, and the remote links
the page's script brings after the page.

Each test makes its own stacks (OS::Heat::None, a tag of their own, two in
RegionOne and two in RegionTwo; or a RegionOne parent of a RegionTwo child)
and deletes them at the end.
"""
import json
import signal
import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select

from tests.browser.stacks_steps import choose, confirm, settled, shows
from tests.cloud import heat_client, keystone_session
from tests.waiting import wait_until

PAGE = "/project/mr_stacks/"
NONE = {"heat_template_version": "2021-04-16",
        "resources": {"nothing": {"type": "OS::Heat::None"}}}
PLACES = (("a", "RegionTwo"), ("b", "RegionOne"), ("c", "RegionTwo"),
          ("d", "RegionOne"))


class Heat:
    """The demo user's Heat in each region, for setting up and checking."""

    def __init__(self, cloud):
        session = keystone_session(cloud, timeout=60)
        self.clients = {region: heat_client(cloud, region, session) for region in cloud.regions}

    def status(self, region: str, stack_id: str) -> str:
        found = list(self.clients[region].stacks.list(
            filters={"id": stack_id}))
        return found[0].stack_status if found else "GONE"

    def wait(self, stacks: dict, done, timeout: float = 90) -> None:
        wait_until(lambda: {stack_id: self.status(region, stack_id)
                            for stack_id, region in stacks.items()}, timeout,
                   what="the stacks' statuses",
                   done=lambda seen: all(done(status) for status in seen.values()))


@pytest.fixture
def tagged(cloud):
    """Four stacks named <tag>-a..d in two regions, sharing a new tag."""
    heat = Heat(cloud)
    tag = f"mrstkb-{uuid.uuid4().hex[:8]}"
    stacks = {}
    try:
        for letter, region in PLACES:
            body = heat.clients[region].stacks.create(
                stack_name=f"{tag}-{letter}", template=NONE, tags=tag)
            stacks[body["stack"]["id"]] = region
        heat.wait(stacks, lambda status: status == "CREATE_COMPLETE")
        yield tag, stacks, heat
    finally:
        for stack_id, region in stacks.items():
            if heat.status(region, stack_id) != "GONE":
                heat.clients[region].stacks.delete(stack_id)


# Rows are read in one go by the page itself: Horizon replaces the rows of
# stacks in progress while they refresh, which would stale a row found
# element by element.
ROWS_JS = """
return Array.from(document.querySelectorAll(
    '#stacks tbody tr[data-object-id]')).map(row => Array.from(
    row.querySelectorAll('td.normal_column')).map(cell => cell.innerText));
"""


def cells(browser) -> list[list[str]]:
    """The text of each row's cells: name, region, status, ..."""
    return [[text.strip() for text in row]
            for row in browser.driver.execute_script(ROWS_JS)]


def rows(browser) -> list[tuple[str, str]]:
    """(name, region) of each row shown."""
    return [(row[0], row[1]) for row in cells(browser)]


def names(browser) -> list[str]:
    return [name for name, _ in rows(browser)]


def filter_field(browser) -> str:
    return browser.find('#stacks select[name="stacks__filter__q_field"]').get_attribute("value")


def filter_by_tag(browser, tag: str, count: int) -> None:
    settled(browser)
    # Chosen again if a click landed elsewhere (the page's parts that come
    # late move the menu as it opens).
    for _attempt in range(3):
        browser.find("#stacks .themable-select .dropdown-toggle").click()
        browser.wait(ec.visibility_of_element_located(
            (By.CSS_SELECTOR, '#stacks a[data-select-value="tag"]'))).click()
        if filter_field(browser) == "tag":
            break
    assert filter_field(browser) == "tag"
    box = browser.find('input[name="stacks__filter__q"]')
    box.clear()
    box.send_keys(tag)
    browser.find("#stacks__action_filter").click()
    shows(browser, lambda: len(rows(browser)) == count and all(
        name.startswith(tag) for name in names(browser)))


def test_dropdown_filter_sort_and_pages(browser, tagged):
    tag, stacks, _ = tagged
    browser.login()
    browser.open(PAGE)
    browser.find("#stacks")
    browser.choose_region("RegionTwo")
    shows(browser, lambda: rows(browser) and {
        region for _, region in rows(browser)} == {"RegionTwo"})
    browser.screenshot("region-two")
    browser.choose_region(None)
    browser.wait(lambda d: Select(browser.find(
        "#mr-region-select")).first_selected_option.text == "All regions")

    filter_by_tag(browser, tag, 4)
    assert sorted(rows(browser)) == sorted(
        (f"{tag}-{letter}", region) for letter, region in PLACES)
    browser.screenshot("filtered")

    Select(browser.find("#mr-stacks-sort")).select_by_value("name")
    Select(browser.find("#mr-stacks-order")).select_by_value("asc")
    browser.find("#mr-stacks-sort-submit").click()
    shows(browser, lambda: names(browser) == [f"{tag}-{letter}"
                                              for letter in "abcd"])
    browser.screenshot("by-name")

    # Pages of three (Horizon's per-user page size, from a cookie).
    browser.driver.add_cookie({"name": "API_RESULT_PAGE_SIZE", "value": "3"})
    browser.open(PAGE + "?sort=name&order=asc")
    first = [f"{tag}-{letter}" for letter in "abc"]
    shows(browser, lambda: names(browser) == first)
    browser.find("#stacks .table_count ~ a").click()
    shows(browser, lambda: "mr_next=" in browser.driver.current_url
          and rows(browser) == [(f"{tag}-d", "RegionOne")])
    browser.screenshot("second-page")
    browser.find("#stacks .table_count ~ a").click()
    shows(browser, lambda: "mr_prev=" in browser.driver.current_url
          and names(browser) == first)
    browser.driver.delete_cookie("API_RESULT_PAGE_SIZE")


SLOW = {"heat_template_version": "2021-04-16",
        "resources": {"slow": {"type": "OS::Heat::TestResource", "properties": {
            "action_wait_secs": {"create": 25}}}}}


def test_a_frozen_region_s_rows_come_after_the_page(browser, cloud, tagged):
    """RegionTwo's Heat frozen: the page comes without waiting for it and
    says it is answering slowly; once it answers, its rows appear in
    their places without a reload. One of them, a stack still being
    created, comes in progress on a page whose other rows are all
    complete (Horizon's row updates are not running there), and turns
    complete by itself."""
    tag, stacks, heat = tagged
    browser.login()
    browser.open(PAGE)
    filter_by_tag(browser, tag, 4)  # and each region's usual time learned
    body = heat.clients["RegionTwo"].stacks.create(
        stack_name=f"{tag}-slow", template=SLOW, tags=tag)
    slow = body["stack"]["id"]
    stacks[slow] = "RegionTwo"  # deleted with the others
    cloud.signal_heat_api("RegionTwo", signal.SIGSTOP)
    try:
        browser.open(PAGE)
        browser.find('[data-mr-region-problem="RegionTwo"]'
                     '[data-mr-problem-kind="late"]')
        assert {region for _, region in rows(browser)} <= {"RegionOne"}
        browser.screenshot("answering-slowly")
    finally:
        cloud.signal_heat_api("RegionTwo", signal.SIGCONT)
    browser.wait(lambda d: browser.find("#mr-stacks").get_attribute(
        "data-mr-late-state") == "done", timeout=20)
    assert sorted(rows(browser)) == sorted(
        [(f"{tag}-{letter}", region) for letter, region in PLACES]
        + [(f"{tag}-slow", "RegionTwo")])
    assert not browser.all('[data-mr-problem-kind="late"]')
    assert dict(rows_with_status(browser))[f"{tag}-slow"] == "Create In progress"
    assert not browser.all('#stacks tr.warning.ajax-update[data-object-id^="RegionOne:"]')
    browser.driver.execute_script("window.mrSamePage = true;")
    browser.screenshot("arrived")
    wait_until(lambda: dict(rows_with_status(browser)).get(f"{tag}-slow"), 120,
               what="the late row's status, refreshed in place",
               done=lambda status: status == "Create Complete")
    assert browser.driver.execute_script("return window.mrSamePage === true;")
    browser.screenshot("complete")


def rows_with_status(browser) -> list[tuple[str, str]]:
    """(name, status) of each row shown."""
    return [(row[0], row[2]) for row in cells(browser)]


def test_a_batch_across_two_regions(browser, tagged):
    tag, stacks, heat = tagged
    one = next(i for i, region in stacks.items() if region == "RegionOne")
    two = next(i for i, region in stacks.items() if region == "RegionTwo")
    browser.login()
    browser.open(PAGE)
    filter_by_tag(browser, tag, 4)

    choose(browser, one, "RegionOne")
    choose(browser, two, "RegionTwo")
    browser.find("#stacks .table_actions_menu .dropdown-toggle").click()
    browser.wait(ec.element_to_be_clickable(
        (By.ID, "stacks__action_check"))).click()
    message = browser.find(".alert-success").text
    assert "Started checking Stacks:" in message
    assert "(RegionOne)" in message and "(RegionTwo)" in message
    browser.screenshot("checked")
    # The two rows refresh by themselves until the check is over (Horizon
    # asks 2.5 s later each time: a check that takes 40 s on a busy
    # machine is seen at 52.5 s, the next look at 70 s).
    wait_until(lambda: rows_with_status(browser), 120, what="the rows' statuses",
               done=lambda seen: [status for _, status in seen].count("Check Complete") == 2)
    heat.wait({one: "RegionOne", two: "RegionTwo"},
              lambda status: status == "CHECK_COMPLETE")

    choose(browser, one, "RegionOne")
    choose(browser, two, "RegionTwo")
    browser.find("#stacks__action_delete").click()
    asked = confirm(browser)
    assert f"{tag}-a (RegionTwo)" in asked and f"{tag}-b (RegionOne)" in asked
    message = browser.find(".alert-success").text
    assert "Started deleting Stacks:" in message
    browser.screenshot("deleted")
    heat.wait({one: "RegionOne", two: "RegionTwo"},
              lambda status: status == "GONE")
    others = {i: r for i, r in stacks.items() if i not in (one, two)}
    assert all(heat.status(region, stack_id) == "CREATE_COMPLETE"
               for stack_id, region in others.items())


PARENT = {"heat_template_version": "2021-04-16",
          "resources": {"child": {"type": "OS::Heat::Stack", "properties": {
              "context": {"region_name": "RegionTwo"},
              "template": json.dumps(NONE)}}}}


@pytest.fixture
def parents(cloud):
    """Makes RegionOne stacks whose child lives in RegionTwo (tagged,
    named ``<tag>-parent``); deletes what is left of them at the end."""
    heat = Heat(cloud)
    made = []

    def make(tag: str) -> str:
        body = heat.clients["RegionOne"].stacks.create(
            stack_name=f"{tag}-parent", template=PARENT, tags=tag)
        made.append(body["stack"]["id"])
        heat.wait({made[-1]: "RegionOne"},
                  lambda status: status == "CREATE_COMPLETE")
        return made[-1]

    yield heat, make
    for stack_id in made:
        if heat.status("RegionOne", stack_id) != "GONE":
            heat.clients["RegionOne"].stacks.delete(stack_id)


def test_remote_links_arrive_after_the_page(browser, parents):
    heat, make = parents
    tag = f"mrstkf-{uuid.uuid4().hex[:8]}"
    browser.login()
    browser.open(PAGE)
    filter_by_tag(browser, tag, 0)
    # Made after the page filters on its tag: the first page showing it
    # knows nothing of its family, and its script asks for it.
    stack_id = make(tag)
    child = next(stack for stack in heat.clients["RegionTwo"].stacks.list()
                 if stack.stack_name.startswith(f"{tag}-parent-child-"))
    cell = (f'#stacks tr[data-object-id="RegionOne:{stack_id}"] '
            f"td[data-mr-family]")
    shows(browser, lambda: browser.all(cell))
    browser.wait(lambda d: browser.find(cell).get_attribute(
        "data-mr-family") == "found", timeout=60)
    assert browser.find(cell).text == (
        f"Parent of {child.stack_name} (RegionTwo)")
    link = browser.find(f"{cell} a")
    assert link.get_attribute("href").endswith(
        f"/project/mr_stacks/RegionTwo/{child.id}/")
    browser.screenshot("remote-links")

    choose(browser, stack_id, "RegionOne")
    browser.find("#stacks__action_delete").click()
    asked = confirm(browser)
    assert (f"whose child stacks are deleted with it: "
            f"{child.stack_name} (RegionTwo)") in asked
    told = (f"takes its child stacks with it: "
            f"{child.stack_name} (RegionTwo)")
    browser.wait(lambda d: told in browser.find(".messages").text)
    browser.screenshot("deleted-with-child")
    heat.wait({stack_id: "RegionOne", child.id: "RegionTwo"},
              lambda status: status == "GONE")
