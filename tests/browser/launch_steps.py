"""Steps of the Launch Stack and Launch Stack Set forms shared by the
browser tests: a folder of the demo's own templates, the folder sent to the
form, a set's template and regions, the pickers read and set, the stack
launched and its tree settled; the checks of regions answering slowly
waited for (the page's script adds them, and the Launch button waits)."""
import pathlib
import re
import shutil
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select

from tests.browser import stacks_steps
from tests.cloud import REPO

PICKER_NOTES = "#mr-picker-notes"
# Tries of the parameters step: a region that overruns the plugin's
# REGION_TIMEOUT on this busy, shared machine turns a picker into a text
# field (with a note); the next try usually lists it. A late region's
# pickers are made by the launch form's follow-up (waited for); a stack
# set's form has none: the next try, after PAUSE seconds, takes the late
# listing's kept answer.
TRIES = 3
PAUSE = 3
# The form's pickers have all been listed, or the page's follow-up of the
# late ones has ended.
PICKERS_SETTLED_JS = """
var notes = document.getElementById('mr-picker-notes');
return !notes || !notes.hasAttribute('data-mr-pending-url') ||
    ['done', 'expired'].indexOf(notes.getAttribute('data-mr-pending-state')) >= 0;
"""
# The checks on the page have all answered: none late, or the page's
# follow-up of the late ones has ended.
CHECKS_SETTLED_JS = """
var list = document.getElementById('mr-checklist');
return !list || !list.hasAttribute('data-mr-pending-url') ||
    ['done', 'expired'].indexOf(list.getAttribute('data-mr-pending-state')) >= 0;
"""


def demo_folder(tmp_path, label: str, files) -> pathlib.Path:
    """The demo's own templates ``files``, alone in a folder to upload."""
    target = tmp_path / label
    target.mkdir()
    for name in files:
        shutil.copy(REPO / "democloud" / "templates" / name, target / name)
    return target


def choose_folder(browser, folder, environment=None) -> None:
    """On the form's first step: the folder source, ``folder``'s files
    (and an environment file)."""
    browser.find("#id_template_source")
    browser.driver.execute_script(
        "var s = document.getElementById('id_template_source');"
        "s.value = 'folder'; s.dispatchEvent(new Event('change'));")
    browser.find("input[data-mr-folder]").send_keys(str(folder))
    browser.wait(lambda d: d.find_element(By.NAME, "folder_paths").get_attribute("value"))
    if environment:
        browser.find("#id_environment_upload").send_keys(str(environment))


def open_launch(browser) -> None:
    """The Launch Stack form, from the Stacks page's button (once the
    page's late regions are in: a table made empty by them gets its
    caption, the button's place, again)."""
    browser.open("/project/mr_stacks/")
    stacks_steps.settled(browser)
    browser.find("a#stacks__action_mr_launch").click()


def pickers_listed(browser) -> bool:
    """Whether every picker of the parameters step is listed, once the
    page's follow-up of late regions' pickers has ended."""
    browser.wait(lambda d: d.execute_script(PICKERS_SETTLED_JS), timeout=90)
    return not [note for note in browser.all(f"{PICKER_NOTES} li[data-mr-picker-note]")
                if note.is_displayed()]


def open_folder(browser, folder, pickers: bool = False) -> None:
    """Send ``folder`` to the form's first step and reach the parameters.
    With ``pickers``, tried again while a region's choices could not be
    listed in time."""
    for attempt in range(TRIES):
        open_launch(browser)
        choose_folder(browser, folder)
        browser.screenshot("folder")
        browser.find("#mr-next").click()
        browser.find("#id_stack_name")
        if not pickers or pickers_listed(browser):
            return
        browser.screenshot(f"picker-notes-{attempt}")
    raise AssertionError(browser.find(PICKER_NOTES).text)


def parameters_page(browser, open_page) -> None:
    """Open a set's parameters step with ``open_page()``, again while a
    region's choices could not be listed in time (a busy shared machine)."""
    for attempt in range(TRIES):
        open_page()
        browser.find("#mr-set-form, form.mr-set-form")
        if not browser.all(PICKER_NOTES):
            return
        browser.screenshot(f"picker-notes-{attempt}")
        time.sleep(PAUSE)
    raise AssertionError(browser.find(PICKER_NOTES).text)


def open_set_launch(browser, template, left_out: str = "RegionThree") -> None:
    """From the Stack Sets page, launch a set of the ``template`` file in
    every region but ``left_out``, and reach its parameters step."""
    def launch_page():
        browser.open("/project/mr_stack_sets/")
        browser.find("#mr-launch-set").click()
        browser.driver.execute_script(
            "document.querySelector(`input[name='regions'][value='${arguments[0]}']`)"
            ".checked = false;"
            "var s = document.getElementById('id_template_source');"
            "s.value = 'file'; s.dispatchEvent(new Event('change'));", left_out)
        browser.find("#id_template_upload").send_keys(str(template))
        browser.screenshot("set-template")
        browser.find("#mr-next").click()

    parameters_page(browser, launch_page)


def choices(browser, name: str) -> dict[str, str]:
    select = Select(browser.find(f"select#id_param__{name}"))
    return {option.get_attribute("value"): option.text.strip()
            for option in select.options if option.get_attribute("value")}


def pick(browser, name: str, value: str) -> None:
    Select(browser.find(f"select#id_param__{name}")).select_by_value(value)


def type_into(browser, field: str, value: str) -> None:
    element = browser.find(f"#id_param__{field}")
    element.clear()
    element.send_keys(value)


def fill(browser, stack_name: str, **picked) -> None:
    """The stack's name and the picker values ``picked`` (by parameter)."""
    browser.find("#id_stack_name").send_keys(stack_name)
    for name, value in picked.items():
        pick(browser, name, value)
    browser.screenshot("parameters")


def launch(browser, stack_name: str, **picked) -> str:
    """Fill the parameters, see the checks pass, launch; the stack's id."""
    fill(browser, stack_name, **picked)
    check_passes(browser)
    return go(browser)


def checks_answered(browser, timeout: float = 90) -> None:
    """Wait until every check on the page has answered (a busy region's
    come after the page)."""
    browser.find("#mr-checklist")
    browser.wait(lambda d: d.execute_script(CHECKS_SETTLED_JS), timeout=timeout)


def check_passes(browser) -> None:
    browser.find("#mr-check").click()
    checks_answered(browser)
    assert browser.find("#mr-checklist").get_attribute("data-mr-passed") == "true", \
        browser.find("#mr-checklist").text
    browser.screenshot("checklist")


def go(browser, region: str = "RegionOne") -> str:
    """Launch; returns the new stack's id from the page it lands on. A
    launch whose checks are not all in yet is refused (a busy region,
    asked again by the launch itself): the test waits for them, as a user
    would, and launches again."""
    pattern = rf"/mr_stacks/{region}/([0-9a-f-]{{36}})/"
    try:
        for _attempt in range(2):
            browser.wait(lambda d: d.execute_script(CHECKS_SETTLED_JS), timeout=90)
            page = browser.find("html")
            browser.find("#mr-go").click()
            browser.wait(ec.staleness_of(page), timeout=120)
            browser.wait(lambda d: re.search(pattern, d.current_url)
                         or d.find_elements(By.ID, "mr-go"), timeout=120)
            if re.search(pattern, browser.driver.current_url):
                break
    finally:
        browser.screenshot("launched")
    return re.search(pattern, browser.driver.current_url).group(1)


def tree_settled(browser) -> None:
    browser.wait(lambda d: browser.find("#mr-stack-tree").get_attribute(
        "data-mr-tree-state") == "settled", timeout=60)


def tree_nodes(browser) -> list[tuple[str, str, str]]:
    """(kind, region, state) of every stack in the settled tree, sorted."""
    return sorted((n.get_attribute("data-mr-kind"), n.get_attribute("data-mr-region"),
                   n.get_attribute("data-mr-state"))
                  for n in browser.all("#mr-stack-tree li[data-mr-node]"))


def send_archive(browser, archive) -> None:
    """Send the ``archive`` to the form's first step, once, and reach the
    parameters (its pickers as they came)."""
    open_launch(browser)
    browser.find("#id_template_source")
    browser.driver.execute_script(
        "var s = document.getElementById('id_template_source');"
        "s.value = 'folder'; s.dispatchEvent(new Event('change'));")
    browser.find("#id_archive").send_keys(str(archive))
    browser.screenshot("archive")
    browser.find("#mr-next").click()
    browser.find("#id_stack_name")


def open_archive(browser, archive) -> None:
    """Send the ``archive`` (zip or tar) to the form's first step and reach
    the parameters; tried again while a region's choices could not be
    listed in time."""
    for attempt in range(TRIES):
        send_archive(browser, archive)
        if pickers_listed(browser):
            return
        browser.screenshot(f"picker-notes-{attempt}")
    raise AssertionError(browser.find(PICKER_NOTES).text)


def check_fails(browser) -> dict[str, list[str]]:
    """Press Check and see it fail; the failed rows' texts by region."""
    browser.find("#mr-check").click()
    checks_answered(browser)
    checklist = browser.find("#mr-checklist")
    browser.screenshot("checklist-failed")
    assert checklist.get_attribute("data-mr-passed") == "false", checklist.text
    failed = "tr[data-mr-check-status='failed']"
    return {table.get_attribute("data-mr-region"):
            [row.text for row in table.find_elements(By.CSS_SELECTOR, failed)]
            for table in browser.all("#mr-checklist table[data-mr-region]")}
