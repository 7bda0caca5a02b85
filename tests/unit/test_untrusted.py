"""Tests of mr_dashboard.untrusted on Horizon's own templates: every payload
of the corpus, handed to a place Horizon prints as HTML, stays text."""

import html
import re
from types import SimpleNamespace
from urllib.parse import parse_qs

import pytest
from django import forms
from django import urls
from django.forms.utils import flatatt
from django.template.loader import render_to_string

from mr_dashboard import constants
from mr_dashboard import untrusted
from mr_dashboard.api import parallel
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.checks import checklist
from mr_dashboard.checks.rows import Check
from mr_dashboard.hot import params
from mr_dashboard.panels.shared import param_fields
from mr_dashboard.panels.stacks.detail import event_filters
from mr_dashboard.panels.stacks.region_problem import RegionProblem
from tests.untrusted import corpus
from tests.untrusted.dom import injected


def parameter_form(text: str) -> forms.Form:
    """A form with one field per parameter type, all described by ``text``."""
    spec = {"description": text, "label": text, "default": text}
    fields = {}
    for kind in ("string", "boolean", "json"):
        param = params.parameter(f"p_{kind}", {**spec, "type": kind}, {})
        fields[param.field_name] = param_fields.form_field(param)
    return type("ParameterForm", (forms.Form,), fields)()


@pytest.mark.parametrize("text", corpus.EVERYTHING)
def test_help_text_in_horizons_tooltip_stays_text(text):
    form = parameter_form(text)
    page = "".join(render_to_string("horizon/common/_form_field.html",
                                    {"field": field, "form": form})
                   for field in form)
    assert injected(page) == []
    titles = re.findall(r'class="help-icon"[^>]*title="([^"]*)"', page)
    assert titles and {html.unescape(title) for title in titles} == {text}


@pytest.mark.parametrize("text", corpus.PAYLOADS)
def test_a_confirmation_text_reaches_the_dialog_escaped(text):
    # The dialog reads the attribute (one unescape) and shows it as HTML.
    attribute = re.search(r'data-display="([^"]*)"', flatatt(
        {"data-display": untrusted.script_html(text)})).group(1)
    shown = html.unescape(attribute)
    assert "<" not in shown and html.unescape(shown) == text


def test_text_marked_safe_is_escaped_all_the_same():
    assert untrusted.html(untrusted.html("<b>")) == "&amp;lt;b&amp;gt;"
    assert untrusted.html(None) == ""


@pytest.mark.parametrize("late", (True, False), ids=("late", "failed"))
@pytest.mark.parametrize("text", corpus.PAYLOADS)
def test_a_region_s_name_and_reason_in_the_banner_stay_text(text, late):
    # A region's name comes from the catalog, its reason from its answer.
    urls.get_resolver().url_patterns  # Horizon registers its panels' templates
    problem = RegionProblem(region=text, kind="late" if late else "timeout",
                            label=text, message=text, elapsed=1.5, late=late)
    page = render_to_string("project/mr_stacks/_region_problems.html",
                            {"region_problems": [problem]})
    assert injected(page) == []
    assert html.unescape(re.search(r"<strong>(.*?)</strong>", page, re.S).group(1)) == text


@pytest.mark.parametrize("text", corpus.PAYLOADS)
def test_a_late_region_s_checks_in_the_checklist_stay_text(text):
    # A region's name (a template's, or the catalog's) and a check's reason.
    checks = checklist.Checklist(
        checks=(Check(region=text, stack=text, name="Region resolved",
                      status=constants.CHECK_FAILED, reason=text),),
        pending=(text,), key="k3y")
    form = SimpleNamespace(checklist=checks, pending_url="/late/?key=k3y")
    page = render_to_string("mr_dashboard/launch/_checklist.html", {"form": form})
    assert injected(page) == []
    said = re.search(r'role="status">(.*?)</td>', page, re.S).group(1)
    assert text in html.unescape(re.sub(r"<[^>]+>", "", said))


def _late_or_failed(text: str, late: bool) -> parallel.RegionResult:
    return parallel.slow_result(text) if late else parallel.RegionResult(
        text, error=RegionError(constants.KIND_UNREACHABLE, text))


@pytest.mark.parametrize("late", (True, False), ids=("late", "failed"))
@pytest.mark.parametrize("text", corpus.PAYLOADS)
@pytest.mark.parametrize("part", ("mr_stack_sets/_sets.html", "mr_stack_sets/_set.html",
                                  "mr_stack_sets/_form_late.html"))
def test_a_region_s_name_in_a_stack_set_page_s_banner_stays_text(text, late, part):
    # A set page's late and failed regions: the catalog's names, the
    # region's own reason; a form's notes on the regions that came late.
    urls.get_resolver().url_patterns
    result = _late_or_failed(text, late)
    page = render_to_string(f"project/{part}", {
        "unknown": {text: result.error}, "sets": [], "stack_set": None,
        "late": [text] if late else [], "failed": [] if late else [result],
        "answered": [text], "without": [text], "again_url": "/x/?with=k3y"})
    assert injected(page) == []
    attribute = re.search(r'data-mr-(?:late|failed)-region="([^"]*)"', page).group(1)
    assert html.unescape(attribute) == text


@pytest.mark.parametrize("late", (True, False), ids=("late", "failed"))
@pytest.mark.parametrize("text", corpus.PAYLOADS)
def test_a_region_s_name_in_the_resource_types_banner_stays_text(text, late):
    urls.get_resolver().url_patterns
    page = render_to_string("project/mr_resource_types/_failed.html",
                            {"failed": [_late_or_failed(text, late)]})
    assert injected(page) == []
    said = html.unescape(re.sub(r"<[^>]+>", "", page)).strip()
    assert said.startswith(text.strip())


@pytest.mark.parametrize("text", corpus.PAYLOADS)
def test_a_late_stack_s_name_and_region_in_the_tabs_stay_text(text):
    # A stack's name (Heat's) and a region's (the catalog's, a template's).
    urls.get_resolver().url_patterns
    node = StackNode(region=text, id="i", name=text, kind=constants.NODE_REMOTE, late=text)
    pages = (render_to_string("project/mr_stacks/detail/_live_table.html",
                              {"late": [node], "live": True}),
             render_to_string("project/mr_stacks/detail/_tree_outputs.html", {
                 "late": True, "stacks": [{"node": node, "url": "", "error": None,
                                           "outputs": []}]}))
    for page in pages:
        assert injected(page) == []
        attribute = re.search(r'data-mr-late-region="([^"]*)"', page).group(1)
        assert html.unescape(attribute) == text


@pytest.mark.parametrize("text", corpus.PAYLOADS)
def test_a_late_filtered_page_of_events_keeps_its_query_as_text(text):
    # The filter (a resource's name, a region's) and the marker a user
    # typed or followed, written for the script that asks again.
    urls.get_resolver().url_patterns
    where = event_filters.EventFilter(region=text, resource=text)
    query = event_filters.page_query(where, "events_marker", text)
    page = render_to_string("project/mr_stacks/detail/_live_table.html",
                            {"late": [], "query": query})
    assert injected(page) == []
    attribute = re.search(r'data-mr-tab-query="([^"]*)"', page).group(1)
    expected = {name: [text] for name in (event_filters.REGION_PARAM,
                                          event_filters.RESOURCE_PARAM, "events_marker")}
    assert parse_qs(html.unescape(attribute)) == (expected if text else {})
