"""The payload corpus in a real browser: nothing of it runs, anywhere.

One template folder carries every payload in every field a template can
(tests/untrusted/stacks.py), an environment file and file names carry more,
a credential secret carries them in its name and metadata. It is launched
through the real forms into RegionOne with a remote child in RegionTwo that
fails on purpose, so the cloud's answers (status reasons, events, the
child's failure) carry payloads back. Every page and tab that can show any
of it is visited: launch steps, checklist, preview, the detail's tabs (the
Outputs of every stack of the tree, the Timeline's d3 labels and tooltips),
the Events tab filtered by hand-written payloads and paged, a snapshot named
by a payload (its dialog, row, message, delete confirmation and restore),
the tree and the picture, the remote child, the Stacks list and its
confirmation dialog, the update preview, Credentials and their dialogs,
Resource Types, Regions, and the Stack Sets list and a set's page (payload
tags, parameter values and region; a member's delete confirmation). The
Launch form's notes and checks made of payloads: test_untrusted_launch.py.

On every page: no payload ran (each calls ``__x(N)`` or ``alert``, both
defined before any page script and recording the call), no element of the
page carries a payload's handler, script or script link, and the page's
Content-Security-Policy was not violated (what it blocks would be found
by the DOM check anyway: the policy is a second wall, not the first).
"""
import json
from urllib.parse import quote
from urllib.parse import urlencode

import pytest
from selenium.webdriver.common.by import By

from tests.browser import launch_steps as steps
from tests.browser import stacks_steps
from tests.browser.stacks_steps import tree_state
from tests.browser.untrusted_steps import check, press, show_tooltips
from tests.cloud import heat_client, keystone_session
from tests.functional import launch_helpers as lh
from tests.untrusted import corpus
from tests.untrusted import stacks

ONE, TWO = "RegionOne", "RegionTwo"


def show_tab(browser, slug: str) -> None:
    """Show the tab ``slug`` of a stack's page, once its pane is loaded."""
    stacks_steps.show_tab(browser, slug)
    browser.wait(lambda d: pane_text(browser, slug).strip() not in ("", "Loading…"))


def pane_text(browser, slug: str) -> str:
    return browser.find(f"#stack_details__{slug}").get_attribute("textContent")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("untrusted")
    return stacks.write_folder(root), root / stacks.ENVIRONMENT_NAME


@pytest.fixture(scope="module")
def hostile_secret(cloud):
    """A credential secret whose name, metadata and payload are payloads."""
    session = keystone_session(cloud)
    where = {"service_type": "key-manager", "region_name": ONE}
    payload = {"auth_type": "v3password",
               "auth": {"auth_url": corpus.PAYLOADS[35], "username": corpus.PAYLOADS[10]}}
    answer = session.post("/v1/secrets", endpoint_filter=where, json={
        "name": corpus.PAYLOADS[12], "payload": json.dumps(payload),
        "payload_content_type": "text/plain", "secret_type": "opaque"}).json()
    secret_id = answer["secret_ref"].rsplit("/", 1)[-1]
    metadata = {"auth_type": corpus.PAYLOADS[13], "auth_url": corpus.PAYLOADS[36],
                "note": corpus.PAYLOADS[26]}
    session.put(f"/v1/secrets/{secret_id}/metadata", endpoint_filter=where,
                json={"metadata": metadata})
    yield secret_id
    session.delete(f"/v1/secrets/{secret_id}", endpoint_filter=where)


def test_no_payload_runs_on_any_page(trapped, cloud, folder, hostile_secret,
                                     payload_set):
    browser = trapped
    template_folder, environment = folder
    browser.login()
    browser.open("/project/mr_stacks/launch/")
    check(browser, "launch-select")
    steps.choose_folder(browser, template_folder, environment)
    browser.find("#mr-next").click()

    # The parameters step: labels, help tooltips, groups, defaults, choices.
    browser.find("#id_stack_name").send_keys(lh.unique_name("untrusted"))
    browser.find("#id_tags").send_keys(",".join(stacks.TAGS))
    show_tooltips(browser)
    check(browser, "launch-parameters")
    tooltips = browser.driver.execute_script(
        "return jQuery('.tooltip-inner').map(function () { return this.textContent; }).get();")
    assert set(corpus.PAYLOADS[:3]) & set(tooltips), tooltips

    # A value the constraint refuses: its description is the error shown.
    field = browser.find(f"#id_param__{stacks.PATTERN_PARAM}")
    field.clear()
    field.send_keys("NOT-LOWER")
    press(browser, "mr-check", ".has-error")
    errors = [error.text for error in browser.all(".has-error .help-block")]
    assert stacks.PATTERN_MESSAGE in errors, errors
    check(browser, "launch-constraint-error")

    field = browser.find(f"#id_param__{stacks.PATTERN_PARAM}")
    field.clear()
    field.send_keys("lower")
    press(browser, "mr-check", "#mr-checklist")
    steps.checks_answered(browser)
    check(browser, "launch-checklist")
    press(browser, "mr-preview", "#mr-preview-result")
    preview = {row.get_attribute("data-mr-preview-resource")
               for row in browser.all("[data-mr-preview-resource]")}
    assert set(stacks.NAMES) <= preview
    check(browser, "launch-preview")

    stack_id = steps.go(browser, ONE)
    try:
        visit_stack(browser, stack_id)
        visit_events_filtered(browser, stack_id)
        # Heat takes the snapshot (and its remote child's) meanwhile.
        snapshot = take_snapshot(browser, stack_id)
        visit_stack_set(browser, payload_set)
        visit_credentials(browser, hostile_secret)
        visit_other_pages(browser)
        visit_snapshot(browser, stack_id, snapshot)
        visit_lists(browser, stack_id)
        visit_update_preview(browser, stack_id, template_folder)
    finally:
        delete_stack(cloud, stack_id)


def visit_stack(browser, stack_id: str) -> None:
    browser.wait(lambda d: tree_state(browser) == "settled", timeout=180)
    statuses = {node.get_attribute("data-mr-region"): node.get_attribute("data-mr-state")
                for node in browser.all("#mr-stack-tree li[data-mr-node]")}
    assert statuses == {ONE: "failed", TWO: "failed"}, statuses
    reasons = " ".join(node.text for node in browser.all(".mr-node-reason, .mr-node-error"))
    assert stacks.NAMES[1] in reasons, reasons  # the remote child's failure, as text
    check(browser, "detail-tree")
    show_tab(browser, "topology")
    browser.wait(lambda d: browser.find("#mr-stack-topology").get_attribute(
        "data-mr-topology-state") == "drawn")
    check(browser, "detail-topology")
    titles = browser.driver.execute_script(
        "return Array.from(document.querySelectorAll('#mr-stack-topology title'),"
        " function (title) { return title.textContent; });")
    # The resources' names and the remote child's failure, as text.
    assert any(name in title for title in titles for name in stacks.NAMES), titles
    for slug in ("overview", "resources", "events", "outputs", "template", "environment"):
        show_tab(browser, slug)
        check(browser, f"detail-{slug}")
    # The remote child's failure, once its branch answered (a busy
    # RegionTwo may be late: the tab fills it in without a reload).
    browser.wait(lambda d: stacks.NAMES[1] in pane_text(browser, "events"), timeout=60)
    assert set(corpus.PAYLOADS[:4]) <= set(
        term.get_attribute("textContent")
        for term in browser.all("#stack_details__outputs dl.mr-outputs dt"))
    show_tab(browser, "timeline")
    browser.wait(lambda d: browser.find("#mr-stack-timeline").get_attribute(
        "data-mr-timeline-state") == "drawn", timeout=60)
    check(browser, "detail-timeline")
    tooltips = browser.driver.execute_script(
        "return Array.from(document.querySelectorAll('#mr-stack-timeline title'),"
        " function (title) { return title.textContent; });")
    assert any(tip.startswith(name + ": ") for tip in tooltips for name in stacks.NAMES), tooltips

    child = browser.find(f"#mr-stack-tree li[data-mr-region='{TWO}'] a.mr-node-link")
    browser.driver.get(child.get_attribute("href"))
    browser.wait(lambda d: f"/mr_stacks/{TWO}/" in d.current_url)
    browser.wait(lambda d: tree_state(browser) == "settled", timeout=60)
    browser.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "li.mr-lineage"))
    check(browser, "remote-child-tree")
    for slug in ("overview", "events"):
        show_tab(browser, slug)
        check(browser, f"remote-child-{slug}")


def detail_path(stack_id: str, slug: str, **query) -> str:
    return f"/project/mr_stacks/{ONE}/{stack_id}/?" + urlencode(
        {"tab": f"stack_details__{slug}", **query})


def visit_events_filtered(browser, stack_id: str) -> None:
    """Filters written by hand (payloads in the query string), a filter
    the page offers, and its next page."""
    browser.open(detail_path(stack_id, "events", events_region=corpus.PAYLOADS[3],
                             events_resource=corpus.PAYLOADS[28]))
    browser.find("#mr-events-resource")
    check(browser, "events-filter-payload")
    browser.open(detail_path(stack_id, "events", events_resource=stacks.NAMES[2]))
    chosen = browser.find("#mr-events-resource option:checked")
    assert chosen.get_attribute("value") == stacks.NAMES[2]
    # Only that resource's events, and no stack of the tree shown as
    # missing for not having that resource.
    assert {cell.text for cell in browser.all(
        "table#events tbody tr[data-object-id] td:nth-child(4)")} <= {stacks.NAMES[2]}
    assert "No events found for resource" not in browser.find("#main_content").text
    check(browser, "events-filter-resource")
    browser.open(detail_path(stack_id, "events", events_region=ONE))
    browser.find("table#events")
    # An older page when RegionOne made more events than a page holds (how
    # far the create got before its failure varies; test_snapshots_events
    # pages for sure).
    older = browser.all("table#events a[href*='events_marker']")
    if older:
        older[0].click()
        browser.wait(lambda d: "events_marker=" in d.current_url
                     and browser.all("table#events tbody tr[data-object-id]"))
        check(browser, "events-filter-older")


def take_snapshot(browser, stack_id: str) -> str:
    """A snapshot named by a payload, taken in its dialog (Horizon's
    message names it); its name."""
    name = corpus.PAYLOADS[28]
    browser.open(detail_path(stack_id, "snapshots"))
    browser.find("#snapshots__action_take_snapshot").click()
    browser.find(".modal-dialog form #id_name").send_keys(name)
    check(browser, "snapshot-take")
    browser.find(".modal-dialog form [type=submit]").click()
    browser.wait(lambda d: any(name in alert.text for alert in browser.all(".alert-success")))
    check(browser, "snapshot-taken")
    return name


def visit_snapshot(browser, stack_id: str, name: str) -> None:
    """The snapshot's row once Heat is done, its delete confirmation and
    its restore dialog."""
    browser.open(detail_path(stack_id, "snapshots"))
    row = browser.wait(lambda d: [r for r in browser.all("#snapshots tbody tr[data-object-id]")
                                  if name in r.text and "In progress" not in r.text],
                       timeout=120)[0]
    snapshot_id = row.get_attribute("data-object-id")
    check(browser, "snapshot-row")
    row = browser.find(f"#snapshots tr[data-object-id='{snapshot_id}']")
    browser.driver.execute_script(
        "arguments[0].querySelector('.table-row-multi-select').click();"
        "document.getElementById('snapshots__action_delete').click();", row)
    body = browser.find(".modal.in .modal-body, .modal .modal-body")
    browser.wait(lambda d: name in body.text)
    check(browser, "snapshot-delete-confirm")
    browser.find(".modal .cancel").click()
    restore = f"#snapshots__row_{snapshot_id}__action_restore_snapshot"
    if browser.all(restore):  # a complete snapshot: its dialog
        browser.find(restore).click()
        browser.find(".modal-dialog form [type=submit]")
    else:  # a failed one: the form refuses it, with a message
        browser.open(f"/project/mr_stacks/{ONE}/{stack_id}/snapshots/{snapshot_id}/restore/")
        browser.find("#main_content")
    check(browser, "snapshot-restore")
    # Back to the stack once the snapshot's action is over (the pages after
    # this one expect a stack at rest).
    browser.open(f"/project/mr_stacks/{ONE}/{stack_id}/")
    browser.wait(lambda d: tree_state(browser) == "settled", timeout=120)


def visit_stack_set(browser, name: str) -> None:
    """The Stack Sets list (a payload region, a stack tagged with a
    payload set name) and a set's page with a member's delete
    confirmation."""
    browser.open("/project/mr_stack_sets/")
    stacks_steps.parts_settled(browser)
    browser.find(f"tr[data-mr-set='{name}']")
    check(browser, "stack-sets")
    browser.open(f"/project/mr_stack_sets/{name}/")
    stacks_steps.parts_settled(browser)
    assert stacks.SET_REGION in browser.find("#mr-set-members").text
    check(browser, "stack-set")
    # What a click on "Delete its member" runs (Horizon's handler), called
    # as soon as Horizon's scripts are there: a click before they are
    # would post the form.
    browser.wait(lambda d: d.execute_script(
        "return !!(window.horizon && horizon.datatables && horizon.datatables.confirm)"))
    browser.driver.execute_script(
        "horizon.datatables.confirm(document.querySelector(arguments[0]));",
        f"button[data-mr-remove='{ONE}']")
    body = browser.find(".modal.in .modal-body")
    browser.wait(lambda d: f"{name} ({ONE})" in body.text)
    check(browser, "stack-set-delete-member-confirm")
    browser.find(".modal .cancel").click()


def visit_lists(browser, stack_id: str) -> None:
    browser.open("/project/mr_stacks/")
    stacks_steps.settled(browser)  # a region's rows may come after the page
    row = browser.find(f"tr[data-object-id='{ONE}:{stack_id}']")
    assert stacks.TAGS[0] in row.text
    check(browser, "stacks-list")
    # The delete confirmation: Horizon writes the row's data-display as HTML.
    browser.driver.execute_script(  # the row, as it is now (a live row is replaced)
        "document.querySelector(arguments[0]).querySelector('.table-row-multi-select').click();"
        "document.getElementById('stacks__action_delete').click();",
        f"tr[data-object-id='{ONE}:{stack_id}']")
    browser.find(".modal .confirm-list, .modal-body")
    check(browser, "stacks-delete-confirm")
    browser.find(".modal .cancel").click()


def visit_update_preview(browser, stack_id: str, template_folder) -> None:
    browser.open(f"/project/mr_stacks/update/{ONE}/{stack_id}/")
    steps.choose_folder(browser, template_folder)
    browser.find("#mr-next").click()
    browser.find(f"#id_param__{stacks.PATTERN_PARAM}")
    show_tooltips(browser)
    check(browser, "update-parameters")
    press(browser, "mr-preview", "#mr-update-preview, .alert-danger")
    check(browser, "update-preview")


def visit_credentials(browser, secret_id: str) -> None:
    browser.open("/project/mr_credentials/")
    row = browser.find(f"#credentials__row__{secret_id}")
    assert corpus.PAYLOADS[12] in row.text and corpus.PAYLOADS[36] in row.text
    check(browser, "credentials")
    for action, ready in (("check", "#mr-credential-check-outcome"),
                          ("delete", "#mr-credential-delete-submit")):
        browser.open(f"/project/mr_credentials/{ONE}/{secret_id}/{action}/")
        browser.find(ready)
        check(browser, f"credential-{action}")


def visit_other_pages(browser) -> None:
    for path, label in (("/project/mr_resource_types/", "resource-types"),
                        ("/project/mr_regions/", "regions"),
                        ("/project/mr_stacks/?mr_next=" + quote(corpus.PAYLOADS[0]),
                         "stacks-bad-marker")):
        browser.open(path)
        browser.find("#main_content")
        check(browser, label)
    # A type named in the URL is shown in the title: as text, not a template.
    for text in (stacks.NAMES[1], stacks.NAMES[5], corpus.ODD_TEXT[0]):
        browser.open("/project/mr_resource_types/" + quote(text, safe="") + "/")
        assert browser.find(".page-header h1, h1").text.strip() == text
        check(browser, "resource-type-named-by-payload")


def delete_stack(cloud, stack_id: str) -> None:
    heat_client(cloud, ONE).stacks.delete(stack_id)


PROBE = """
window.__cspViolations = [];
var img = document.createElement('img');
img.setAttribute('onerror', 'window.__probeRan = true');
img.src = 'data:,not-an-image';
document.body.appendChild(img);
"""


def probe_ran(browser) -> bool:
    """Whether a handler attribute added now runs (the policy forbids it)."""
    browser.driver.execute_script("window.__probeRan = false;" + PROBE)
    browser.wait(lambda d: d.execute_script(
        "return window.__probeRan || window.__cspViolations.length > 0"))
    return browser.driver.execute_script("return window.__probeRan")


def test_the_policy_holds_on_the_plugin_pages_only(trapped):
    browser = trapped
    browser.login()
    for path in ("/project/mr_stacks/", "/project/mr_regions/",
                 "/project/mr_credentials/", "/project/mr_resource_types/",
                 "/project/mr_stacks/launch/"):
        browser.open(path)
        browser.find("#main_content")
        assert not probe_ran(browser), path
        assert browser.driver.execute_script("return window.__cspViolations")
    browser.open("/project/api_access/")  # a page of Horizon's own
    browser.find("#main_content")
    assert probe_ran(browser)
