"""The payload corpus in the Launch form's notes and checks, in a real
browser: nothing of it runs (tests/untrusted/launch_sinks.py, the same
launch as tests/functional/test_untrusted_launch.py). The parameters step
with every tooltip shown (where a value goes, in the field's help), the
reach and picker notes and the "only in RegionThree" choices of networks
named by payloads; a Check the patterns refuse (their notes and errors);
a Check whose checks run (the rows of what RegionThree holds, the
reasons a value is known only at create, the children in payload
regions); a stack set's parameters step of the same values (the common
and each member's notes, help and choices). On each: the traps of
untrusted_steps.py (no payload ran, no element carries one, the
page's policy held).
"""
from tests.browser import launch_steps as steps
from tests.browser.untrusted_steps import check, press, show_tooltips
from tests.functional import launch_helpers as lh
from tests.untrusted import launch_sinks as sinks

#: Sets the pattern fields' values at once (typing 192 fields is slow).
FILL = """
for (const [name, value] of Object.entries(arguments[0])) {
  document.getElementById('id_param__' + name).value = value;
}
"""


def as_read(text: str) -> str:
    """``text`` as a browser reads it from HTML (line ends made "\\n")."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def tooltip_texts(browser) -> list[str]:
    return browser.driver.execute_script(
        "return jQuery('.tooltip-inner').map(function () { return this.textContent; }).get();")


def test_no_payload_runs_in_the_launch_notes_and_checks(
        trapped, folders, payload_networks):
    browser = trapped
    browser.login()
    steps.open_folder(browser, folders["launch_sinks"], pickers=True)
    browser.find("#id_stack_name").send_keys(lh.unique_name("sinks"))

    # Where a value goes (notes and help), the marked choices.
    browser.find("#mr-reach-notes")
    show_tooltips(browser)
    check(browser, "launch-sinks-parameters")
    helps = [text for text in tooltip_texts(browser) if "in another cloud" in text]
    assert helps and all(as_read(payload) in helps[0] for payload in sinks.TEXTS), helps
    # (the option's text as shown: runs of spaces shown as one)
    choices = steps.choices(browser, "net")
    assert {name: choices.get(name) for name in sinks.NETWORK_NAMES} == {
        name: " ".join(f"{name} (only in RegionThree)".split()) for name in sinks.NETWORK_NAMES}

    # The patterns' notes and errors.
    browser.driver.execute_script(FILL, sinks.entered(refused=True))
    press(browser, "mr-check", ".has-error")
    check(browser, "launch-sinks-patterns")
    errors = {error.get_attribute("textContent").strip()
              for error in browser.all(".has-error .help-block")}
    said = {as_read(text).strip() for text in sinks.TEXTS}  # said<N>: each payload
    assert said <= errors, said - errors

    # The checks: what RegionThree holds, known only at create, the
    # children in payload regions.
    browser.driver.execute_script(FILL, sinks.entered(refused=False))
    press(browser, "mr-check", "#mr-checklist")
    steps.checks_answered(browser)
    check(browser, "launch-sinks-checks")
    # (the rows of a region that answered late are put in by the page's
    # script, as text: their line ends are not the HTML parser's "\n")
    reasons = as_read(" ".join(reason.get_attribute("textContent")
                               for reason in browser.all("#mr-checklist .mr-check-reason")))
    for payload in sinks.TEXTS:
        assert f"parameter {as_read(payload)} has no value" in reasons, payload

    # A stack set's parameters step: each member's fields say it too.
    def set_launch() -> None:
        browser.open("/project/mr_stack_sets/")
        browser.find("#mr-launch-set").click()
        browser.driver.execute_script(
            "document.querySelector(`input[name='regions'][value='RegionTwo']`)"
            ".checked = false;")
        steps.choose_folder(browser, folders["launch_sinks_set"])
        browser.find("#mr-next").click()

    steps.parameters_page(browser, set_launch)
    show_tooltips(browser)
    check(browser, "launch-sinks-set")
    helps = [text for text in tooltip_texts(browser) if "in another cloud" in text]
    assert len(helps) == 3, helps  # the common field's, each member's
