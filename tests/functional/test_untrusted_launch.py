"""The payload corpus in the Launch form's notes and checks, through the real
pages and the real cloud (tests/untrusted/launch_sinks.py): where a value
goes (the reach note and the field's help), the "only in RegionThree"
marks of a picker whose choices are networks named by payloads, the
pattern notes and errors, the rows of what each region holds (stack,
resource, value and the closest names RegionThree holds) and the reasons
a value is known only at create. One first step and two Checks (one with
values the patterns refuse, one whose checks run) carry every payload to
every one of these places, and a stack set's first step to its fields'
notes, help and pickers; the HTML the server sends holds each payload
as text, escaped once, and nothing a browser would run.
"""
import json
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape

from mr_dashboard import constants
from mr_dashboard.checks import lookups
from mr_dashboard.hot import patterns
from tests.functional import launch_helpers as lh
from tests.functional.conftest import login
from tests.untrusted import launch_sinks as sinks
from tests.untrusted.dom import attribute_values
from tests.untrusted.dom import injected
from tests.untrusted.dom import shown_as_text


def first_step(client, folder):
    """The first step of a launch of ``folder`` (its one top-level
    template) into RegionOne."""
    with override_settings(MR_DASHBOARD=lh.PATIENT):
        return lh.select_folder(client, folder.name, parent=folder.parent)


def page(response) -> str:
    """The page sent: no 5xx, nothing of the corpus a browser would run."""
    assert response.status_code == 200, response.status_code
    text = response.content.decode()
    assert injected(text) == []
    return text


@pytest.fixture(scope="module")
def pages(cloud, folders, payload_networks):
    """The parameters step, a Check the patterns refuse, a Check whose
    checks run: ``(step, refused, checked)`` responses."""
    client = login(cloud)
    step = first_step(client, folders["launch_sinks"])
    with override_settings(MR_DASHBOARD=lh.PATIENT):
        draft = lh.draft_of(step)
        refused, checked = (lh.submit(client, draft, "check", stack_name=lh.unique_name("sinks"),
                                      **sinks.entered(refused)) for refused in (True, False))
    return step, refused, checked


def field_group(text: str, name: str) -> str:
    """The form group of the field ``param__<name>``: label, help, widget,
    notes and errors."""
    at = text.index(f'id="id_param__{name}"')
    start = text.rindex('<div class="form-group', 0, at)
    end = text.find('<div class="form-group', at)
    return text[start:end if end > 0 else None]


def reach_note(text: str, label: str) -> str:
    [note] = re.findall(rf"<li data-mr-reach-note>{label}: (.*?)</li>", text, re.S)
    return note


def test_where_a_value_goes_names_payload_regions_as_text(pages):
    step, refused, _checked = pages
    for response in (step, refused):
        text = page(response)
        note = reach_note(text, "far")
        shown_as_text(note, *sinks.TEXTS)
        # The field's help (its tooltip's title): read as a browser reads
        # it, the attribute holds every region, none broke out of it.
        helps = [title for title in attribute_values(field_group(text, "far"), "title")
                 if "in another cloud" in title]
        assert len(helps) == 1, helps
        missing = [t for t in sinks.TEXTS if t not in helps[0]]
        assert missing == []


def test_picker_choices_only_in_one_region_are_marked_as_text(pages):
    text = page(pages[0])
    select = re.search(r'<select name="param__net".*?</select>', text, re.S).group(0)
    shown_as_text(select, *sinks.NETWORK_NAMES)
    choices = lh.options(text, "net")
    assert choices["public"] == "public"  # held in both regions: first
    marked = {name: choices.get(name) for name in sinks.NETWORK_NAMES}
    assert marked == {name: f"{name} (only in RegionThree)" for name in sinks.NETWORK_NAMES}
    assert reach_note(text, "net") == "Its value goes to RegionTwo, RegionThree."


def test_pattern_notes_and_errors_show_payloads_as_text(pages):
    text = page(pages[1])
    errors = pages[1].context["form"].errors
    for index, payload in enumerate(sinks.TEXTS):
        # Too long a pattern: noted under its field, cut at 200 characters.
        noted = field_group(text, f"pat{index}")
        shown = patterns.Pattern(sinks.main_template()["parameters"][f"pat{index}"][
            "constraints"][0]["allowed_pattern"], None).shown
        assert "data-mr-pattern-note" in noted, index
        shown_as_text(noted, shown)
        # The payload as the pattern: refused, or noted (one only Heat reads).
        must = field_group(text, f"must{index}")
        shown_as_text(must, patterns.Pattern(payload, None).shown)
        assert f"param__must{index}" in errors or "data-mr-pattern-note" in must, index
        # The payload as the constraint's description: the error itself.
        assert errors[f"param__said{index}"] == [payload]
        shown_as_text(field_group(text, f"said{index}"), payload)


def _shown_value(value: str) -> str:
    """A value as a holdings row quotes it (cut)."""
    return value if len(value) <= lookups.SHOWN_LENGTH \
        else value[:lookups.SHOWN_LENGTH - 1] + "\u2026"


def test_the_checks_rows_show_payloads_as_text(pages):
    response = pages[2]
    text = page(response)
    checks = response.context["form"].checklist.checks
    checklist = text[text.index('id="mr-checklist"'):]
    held = [check for check in checks if check.stack == sinks.HOLDER]
    reasons = " ".join(check.reason for check in held)
    names = " ".join(check.name for check in held)
    # Each port's row: the resource, and the value RegionThree lacks (a
    # name Neutron cannot filter by is "not checked", said so).
    for payload in sinks.TEXTS:
        assert f"{payload}: network (neutron.network)" in names
        if len(payload) <= 255:
            assert f"RegionThree has no network `{_shown_value(payload)}`" in reasons, payload
        assert f"Known only at create: parameter {payload} has no value." in reasons
        assert f"Known only at create: parameter names has no {payload}." in reasons
        assert (f"Known only at create: it uses get_{payload}, known only once the stack "
                "runs.") in reasons
        assert f"Known only at create: the count {payload} is not a number." in reasons
    # The closest names RegionThree holds: the payload networks.
    for name in sinks.NETWORK_NAMES:
        assert f"`{name}`" in reasons, name
    # Every row of them, and the children in payload regions (the stack and
    # the region of their rows), escaped in the page.
    shown_as_text(checklist, sinks.HOLDER, *(check.name for check in held),
                  *(check.reason for check in held))
    away = {check.stack: check.region for check in checks if check.stack.startswith("away.")}
    assert away == {f"away.{payload}": payload for payload in sinks.TEXTS}
    shown_as_text(checklist, *away, *away.values())
    for region in sinks.TEXTS:
        assert f'data-mr-region="{escape(region)}"' in checklist


def test_a_stack_set_s_fields_say_where_values_go_as_text(
        demo_client, folders, payload_networks):
    """A set's form: the common field and each member region's field say
    where the value goes (notes and help), each with its own pickers."""
    folder = folders["launch_sinks_set"]
    uploads, paths = lh.folder_files(folder.name, parent=folder.parent)
    with override_settings(MR_DASHBOARD=lh.PATIENT):
        text = page(demo_client.post(reverse(constants.STACK_SET_LAUNCH_URL), {
            "regions": [sinks.ONE, sinks.THREE], "template_source": "folder",
            "folder": uploads, "folder_paths": json.dumps(paths)}, follow=True))
    notes = re.findall(r"<li data-mr-reach-note>(far.*?)</li>", text, re.S)
    assert len(notes) == 3, notes  # the common value's, each member's
    for note in notes:
        shown_as_text(note, *sinks.TEXTS)
    for field in ("far", "far__0", "far__1"):
        helps = [title for title in attribute_values(field_group(text, field), "title")
                 if "in another cloud" in title]
        assert len(helps) == 1, (field, helps)
        assert [t for t in sinks.TEXTS if t not in helps[0]] == [], field
    for field in ("net", "net__0", "net__1"):
        choices = lh.options(text, field)
        assert {name: choices.get(name) for name in sinks.NETWORK_NAMES} == {
            name: f"{name} (only in RegionThree)" for name in sinks.NETWORK_NAMES}, field


def test_a_child_in_a_region_the_catalog_lacks_gets_a_note(demo_client, folders):
    text = page(first_step(demo_client, folders["launch_sinks_region"]))
    shown_as_text(reach_note(text, "far"), sinks.TEXTS[0])
    notes = re.findall(r"<li data-mr-picker-note[^>]*>(.*?)</li>", text, re.S)
    assert any(escape(sinks.TEXTS[0]) in note for note in notes), notes
    assert any("No region named" in note and "offers Heat in your catalog" in note
               for note in notes), notes
