"""Steps of the untrusted-text browser tests: the traps every document gets
(:data:`TRAPS`, set by the ``trapped`` fixture of tests/browser/conftest.py),
the check that nothing of the corpus ran or was injected and the page's
policy held, tooltips shown, a button pressed."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from tests.untrusted import corpus
from tests.untrusted.dom import DOM_CHECK

#: Runs in every document (frames too) before the page's own scripts.
TRAPS = """
window.__xssFired = [];
window.__cspViolations = [];
window.__x = function (n) { (window.top || window).__xssFired.push('__x(' + n + ')'); };
['alert', 'confirm', 'prompt'].forEach(function (name) {
  window[name] = function (text) {
    (window.top || window).__xssFired.push(name + '(' + text + ')');
    return name === 'confirm';
  };
});
document.addEventListener('securitypolicyviolation', function (event) {
  window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


def check(browser, label: str) -> None:
    """Nothing ran, nothing was injected, the policy held; screenshot."""
    browser.screenshot(label)
    fired = browser.driver.execute_script("return window.__xssFired || ['no traps']")
    found = browser.driver.execute_script(DOM_CHECK, corpus.MARK)
    violations = browser.driver.execute_script("return window.__cspViolations || []")
    assert fired == [], f"{label}: payloads ran: {fired}"
    assert found == [], f"{label}: payload elements in the page: {found}"
    assert violations == [], f"{label}: policy violated: {violations}"


def show_tooltips(browser) -> None:
    """Hover the first help icons (Horizon's own tooltip), then show them all."""
    icons = [icon for icon in browser.all(".help-icon") if icon.is_displayed()]
    for icon in icons[:6]:
        ActionChains(browser.driver).move_to_element(icon).perform()
    browser.driver.execute_script(
        "jQuery('.help-icon').each(function () {"
        " jQuery(this).tooltip({container: 'body'}).tooltip('show'); });")


def press(browser, button: str, then: str, timeout: float = 120):
    browser.find(f"#{button}").click()
    return browser.wait(lambda d: d.find_elements(By.CSS_SELECTOR, then), timeout=timeout)
