"""Browser tests: Debian's headless Chromium, driven by Selenium, on the demo Horizon.

Every page a test visits is saved as a screenshot in
``$MRD_ARTIFACTS/screenshots`` (printed at the end of the run).
"""
import os
import pathlib
import re
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.big_tree import BigTree
from tests.browser.untrusted_steps import TRAPS
from tests.cloud import heat_client, running_cloud

ARTIFACTS = pathlib.Path(os.environ.get("MRD_ARTIFACTS", "test-artifacts")).resolve()
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-quic",
                  "--window-size=1400,1000")


@pytest.fixture(scope="session")
def cloud():
    return running_cloud()


@pytest.fixture(scope="package", autouse=True)
def big_tree(request, cloud):
    """The big tree of tests/browser/big_tree.py, started with the first
    browser test when a test marked ``big_tree`` is to run (None
    otherwise); deleted after the last."""
    if not any(item.get_closest_marker("big_tree") for item in request.session.items):
        yield None
        return
    tree = BigTree.start(cloud)
    yield tree
    tree.delete()


@pytest.fixture(scope="module")
def sample(cloud):
    """The demo's cross-region sample stack: (id, name); never changed here."""
    [stack] = heat_client(cloud, "RegionOne").stacks.list(filters={"name": "cross-region"})
    return stack.id, stack.stack_name


@pytest.fixture(scope="session")
def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.TemporaryDirectory(prefix="mrd-chromium-")
    options.add_argument(f"--user-data-dir={profile.name}")
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    browser.set_page_load_timeout(60)
    yield browser
    browser.quit()
    profile.cleanup()


class Browser:
    """A test's view of the browser: open pages, wait, log in, keep screenshots."""

    def __init__(self, driver, cloud, test_name: str):
        self.driver, self.cloud = driver, cloud
        self.name = re.sub(r"[^\w.-]+", "_", test_name)
        self.shots = 0

    def open(self, path: str) -> None:
        self.driver.get(self.cloud.horizon_url + path)

    def wait(self, condition, timeout: float = 30):
        """``condition`` true within ``timeout`` s; an element replaced by a
        live refresh while the condition reads it counts as not yet."""
        return WebDriverWait(self.driver, timeout, poll_frequency=0.2,
                             ignored_exceptions=(StaleElementReferenceException,)
                             ).until(condition)

    def find(self, css: str):
        return self.wait(ec.presence_of_element_located((By.CSS_SELECTOR, css)))

    def all(self, css: str):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def choose_region(self, name: str | None) -> None:
        """Pick ``name`` (None: all regions) in the region dropdown, once its
        script has booted (it hides the form's button then): a choice made
        before would not submit the form."""
        self.wait(lambda d: not self.find("[data-mr-region-submit]").is_displayed())
        element = self.find("#mr-region-select")
        select = Select(element)
        if name:
            select.select_by_visible_text(name)
        else:
            select.select_by_index(0)
        # The choice submits the form: the next page is waited for here, so
        # that a step reloading the page does not cancel the submission
        # (a reload then shows the old page, and the choice is lost).
        self.wait(ec.staleness_of(element), timeout=60)

    def screenshot(self, label: str) -> pathlib.Path:
        self.shots += 1
        folder = ARTIFACTS / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.name}-{self.shots:02d}-{label}.png"
        self.driver.save_screenshot(str(path))
        return path

    def login(self, password: str | None = None, user: str = "demo",
              landing: str = "/settings/") -> None:
        """Log in, landing on ``landing`` (the user's settings, made of no
        cloud call: Horizon's own home page asks every service for its
        usage, seconds on a busy machine; "" lands there)."""
        self.driver.delete_all_cookies()
        login = "/auth/login/" + (f"?next={landing}" if landing else "")
        self.open(login)
        try:
            username = self.find("#id_username")
        except TimeoutException:
            # Horizon's workers may still be busy with the previous test's
            # slow calls: the page is asked for once more, and waited for.
            self.screenshot("login-page-late")
            self.open(login)
            username = self.wait(ec.presence_of_element_located(
                (By.CSS_SELECTOR, "#id_username")), timeout=120)
        username.send_keys(user)
        self.find("#id_password").send_keys(password or self.cloud.demo_password)
        self.screenshot("login")
        self.find("#loginBtn").click()
        self.wait(lambda d: "/auth/login" not in d.current_url)


@pytest.fixture
def browser(driver, cloud, request):
    return Browser(driver, cloud, request.node.name)


@pytest.fixture
def trapped(browser):
    """The browser with traps (untrusted_steps.TRAPS) in every new
    document, from now on."""
    added = browser.driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": TRAPS})
    yield browser
    browser.driver.execute_cdp_cmd(
        "Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]})


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test's report says where the browser was: its URL,
    the page's messages and the start of its text (and keeps a
    screenshot), so that a failure in CI can be read from its log."""
    outcome = yield
    report = outcome.get_result()
    browser = getattr(item, "funcargs", {}).get("browser")
    if not report.failed or call.when != "call" or browser is None:
        return
    try:
        shot = browser.screenshot("failed")
        driver = browser.driver
        alerts = [element.text for element in driver.find_elements(
            By.CSS_SELECTOR, ".alert, [data-mr-late-region], [data-mr-failed-region]")]
        text = driver.find_element(By.TAG_NAME, "body").text
    except Exception as error:  # noqa: BLE001 - the browser itself may be gone
        report.sections.append(("page at failure", f"not read: {error!r}"))
        return
    report.sections.append(("page at failure", "\n".join([
        f"url: {driver.current_url}", f"screenshot: {shot}",
        *(f"alert: {alert}" for alert in alerts if alert),
        "text: " + text[:1500]])))


def pytest_terminal_summary(terminalreporter):
    folder = ARTIFACTS / "screenshots"
    if folder.exists():
        terminalreporter.write_line(f"browser screenshots: {folder}")
