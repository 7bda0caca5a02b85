"""Snapshots, paged events and the events' timeline of a stack's detail in
a real browser: take a snapshot in its dialog and watch it complete, change
the stack, restore it and see the old state; page the merged events of the
demo's cross-region sample older and back newer; the timeline drawn."""
import pytest
from selenium.common.exceptions import TimeoutException

from tests.cloud import heat_client
from tests.functional import tree_stacks
from tests.functional.snapshot_stacks import made

ONE = "RegionOne"


def detail_path(stack_id: str, tab: str) -> str:
    return f"/project/mr_stacks/{ONE}/{stack_id}/?tab=stack_details__{tab}"


@pytest.fixture
def single(cloud):
    with made(cloud, "snapweb", "single.yaml") as stack:
        yield stack


def submit_modal(browser, field_values: dict) -> None:
    modal = browser.find(".modal-dialog form")
    for css, value in field_values.items():
        browser.find(css).send_keys(value)
    browser.screenshot("dialog")
    modal.find_element("css selector", "[type=submit]").click()


def test_snapshot_change_restore_see_the_old_state(browser, cloud, single):
    stack_id, name = single
    heat = heat_client(cloud, ONE)
    browser.login()
    browser.open(detail_path(stack_id, "snapshots"))
    browser.find("#snapshots__action_take_snapshot").click()
    submit_modal(browser, {"#id_name": "before <i>change</i>"})

    # Horizon asks for a row in progress less and less often (2.5 s more
    # each time): a snapshot that takes 40 s on a busy machine is seen at
    # 52.5 s, the next look at 70 s.
    row = browser.wait(lambda d: [r for r in browser.all("#snapshots tbody tr.status_up")
                                  if "before <i>change</i>" in r.text], timeout=120)[0]
    assert "Complete" in row.text
    browser.screenshot("snapshot-complete")
    [snap] = heat.stacks.snapshot_list(f"{name}/{stack_id}")["snapshots"]

    heat.stacks.update(stack_id, existing=True, parameters={"label": "second"})
    assert tree_stacks.wait(cloud, ONE, stack_id) == "UPDATE_COMPLETE"

    browser.open(detail_path(stack_id, "snapshots"))
    browser.find(f"#snapshots__row_{snap['id']}__action_restore_snapshot").click()
    browser.find(".modal-dialog form [type=submit]").click()
    seen = set()

    def restored(driver):
        # A root whose region answered late has no status yet (its state
        # says late): none seen then.
        nodes = browser.all("#mr-stack-tree li[data-mr-node][data-mr-kind='root']")
        seen.update(status for node in nodes if (status := node.get_attribute("data-mr-status")))
        return "RESTORE_COMPLETE" in seen

    # The tree polls while the stack is in progress; a busy Heat may not
    # have begun the restore when the page's first answer came (settled,
    # no more polls): the page is reloaded then, as the user would.
    for _attempt in range(8):
        try:
            browser.wait(restored, timeout=15)
            break
        except TimeoutException:
            browser.driver.refresh()
    assert "RESTORE_COMPLETE" in seen, seen
    assert seen <= {"UPDATE_COMPLETE", "RESTORE_IN_PROGRESS", "RESTORE_COMPLETE"}
    browser.screenshot("restored")
    browser.find("a[data-target='#stack_details__overview']").click()
    parameters = browser.find(".mr-parameters")
    browser.wait(lambda d: "label" in parameters.text)
    assert "label\nfirst" in parameters.text
    assert heat.stacks.get(stack_id).parameters["label"] == "first"


def event_rows(browser) -> list[str]:
    """The ids of the events shown (not the "no items" row of a page
    whose events have not come yet: a branch late)."""
    ids = [row.get_attribute("id") for row in browser.all("table#events tbody tr")]
    return [row_id for row_id in ids if row_id]


def whole_rows(browser) -> list[str]:
    """The events shown once no branch of the page is late (the page's
    script asks for it again until then): [] before."""
    return [] if browser.all("[data-mr-tab-late]") else event_rows(browser)


def test_page_events_older_and_back_and_the_timeline(browser, sample):
    stack_id, name = sample
    browser.login()
    browser.open(detail_path(stack_id, "events"))
    first = browser.wait(lambda d: whole_rows(browser))
    browser.find("table#events a[href*='events_marker']").click()
    second = browser.wait(lambda d: "events_marker=" in d.current_url and whole_rows(browser))
    assert second and not set(second) & set(first)
    browser.screenshot("older")

    prev = [link for link in browser.all("table#events a[href*='events_marker']")
            if "Prev" in link.text]
    prev[0].click()
    browser.wait(lambda d: whole_rows(browser) and whole_rows(browser) != second)
    assert whole_rows(browser) == first
    browser.screenshot("newer-again")

    browser.open(detail_path(stack_id, "timeline"))
    timeline = browser.find("#mr-stack-timeline")
    browser.wait(lambda d: timeline.get_attribute("data-mr-timeline-state") == "drawn")
    lanes = browser.all("#mr-stack-timeline g.mr-timeline-lane")
    assert len(lanes) == 6
    assert lanes[0].find_element("css selector", "text.mr-timeline-name").text == name
    assert {lane.get_attribute("data-mr-region") for lane in lanes} == {
        ONE, "RegionTwo", "RegionThree"}
    assert len(browser.all("#mr-stack-timeline circle.mr-timeline-event")) >= 12
    browser.screenshot("timeline")
