"""Steps on the Stacks pages shared by the browser tests: wait for what a
busy cloud shows late, tick a row, accept Horizon's confirmation dialog; a
stack's own page, its tree's state and stacks, one of its tabs."""
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec

from tests.waiting import WaitTimeout, wait_until


# The Stacks page's follow-up of its late regions has ended (or there was
# none): their rows are in the table, or their failure in the banner.
SETTLED_JS = """
var root = document.getElementById('mr-stacks');
return !root || !root.hasAttribute('data-mr-late-url') ||
    ['done', 'expired'].indexOf(root.getAttribute('data-mr-late-state')) >= 0;
"""


def settled(browser, timeout: float = 60) -> None:
    """Wait for the Stacks page's late regions (a busy region misses the
    page's budget and its rows follow the page)."""
    browser.wait(lambda d: d.execute_script(SETTLED_JS), timeout=timeout)


# Every part of the page made without its late regions (the Stack Sets and
# Resource Types pages: mr_dashboard.late_section.js) is complete.
PARTS_SETTLED_JS = """
return Array.prototype.every.call(
    document.querySelectorAll('[data-mr-late-section-url]'), function (part) {
      return ['done', 'expired'].indexOf(part.getAttribute('data-mr-late-state')) >= 0;
    });
"""


def parts_settled(browser, timeout: float = 60) -> None:
    """Wait for a page's parts made without their late regions: a busy
    region misses the page's budget and its part is put again after."""
    browser.wait(lambda d: d.execute_script(PARTS_SETTLED_JS), timeout=timeout)


def shows(browser, condition, timeout: float = 120) -> None:
    """Wait until the page shows what ``condition`` wants, reloading it
    every few seconds: on this shared cloud a busy region may miss a page
    (the banner says so) and comes back on a later one. A page is never
    reloaded while its late regions' rows are still to come."""
    def shown() -> bool:
        try:
            browser.wait(lambda d: condition(), timeout=5)
            return True
        except TimeoutException:
            pass
        try:
            settled(browser)
            browser.wait(lambda d: condition(), timeout=2)
            return True
        except TimeoutException:
            browser.driver.refresh()
            return False
    try:
        wait_until(shown, timeout, 0, what="the page showing what the test wants")
    except WaitTimeout:
        browser.screenshot("not-shown")
        raise


def choose(browser, stack_id: str, region: str) -> None:
    row = f'#stacks tr[data-object-id="{region}:{stack_id}"]'
    browser.find(f"{row} .themable-checkbox label").click()


def confirm(browser) -> str:
    """Accept Horizon's confirmation dialog; returns what it said."""
    body = browser.wait(ec.visibility_of_element_located(
        (By.CSS_SELECTOR, ".modal.in .modal-body"))).text
    accept = ".modal.in .modal-footer a.btn:not(.cancel)"
    browser.wait(ec.element_to_be_clickable(
        (By.CSS_SELECTOR, accept))).click()
    return body


def detail_path(region: str, stack_id: str) -> str:
    return f"/project/mr_stacks/{region}/{stack_id}/"


def tree_state(browser) -> str:
    return browser.find("#mr-stack-tree").get_attribute("data-mr-tree-state")


def nodes(browser) -> list[tuple[str, str, str]]:
    """(kind, region, state) of every stack of the tree list."""
    return [(node.get_attribute("data-mr-kind"), node.get_attribute("data-mr-region"),
             node.get_attribute("data-mr-state"))
            for node in browser.all("#mr-stack-tree li[data-mr-node]")]


def show_tab(browser, slug: str) -> None:
    browser.find(f"a[data-target='#stack_details__{slug}']").click()
