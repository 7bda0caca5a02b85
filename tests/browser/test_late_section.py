"""A page part completed after the page (mr_dashboard.late_section.js) in a
real browser: the Stack Sets list with RegionTwo's Heat API frozen comes
saying RegionTwo answers slowly; once it is thawed, the list is put again
without a reload, the banner gone."""
import signal

TWO = "RegionTwo"
LATE = f"[data-mr-late-region='{TWO}']"


def test_the_stack_sets_list_completes_when_a_frozen_region_answers(browser, cloud):
    browser.login()
    browser.open("/project/mr_stack_sets/")  # each region's usual time learned
    browser.find("#mr-stack-sets")
    cloud.signal_heat_api(TWO, signal.SIGSTOP)
    try:
        browser.open("/project/mr_stack_sets/")
        part = browser.find("#mr-stack-sets-part")
        assert "answering slowly" in browser.find(LATE).text
        assert part.get_attribute("data-mr-late-state") == "waiting"
        browser.screenshot("answering-slowly")
    finally:
        cloud.signal_heat_api(TWO, signal.SIGCONT)
    browser.wait(lambda d: part.get_attribute("data-mr-late-state") == "done", timeout=60)
    assert not browser.all(LATE)
    assert browser.find("#mr-stack-sets-part #mr-stack-sets")
    browser.screenshot("completed")
