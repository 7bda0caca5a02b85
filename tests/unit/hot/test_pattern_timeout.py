"""Tests of ``allowed_pattern`` in mr_dashboard.hot.params: matched as Heat
matches it, within a time limit; a check that could not be made is noted
under the field (escaped) and the value goes on to Heat, never refused for
it; patterns that would make the ``regex`` module build huge programs are
not compiled.
"""

import time

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from mr_dashboard.hot import params
from mr_dashboard.hot import patterns
from mr_dashboard.hot.parse import TemplateError
from mr_dashboard.panels.shared import param_fields
from tests.unit.hot import archive_cases as cases

SLOW = "took too long and was stopped: Heat checks it"
UNCHECKED = "here: Heat checks it when it gets the stack"


def field_for(pattern: str, kind: str = "string", **spec):
    """The form field of a parameter constrained by ``pattern``."""
    param = params.parameter("word", {"type": kind, "constraints": [
        {"allowed_pattern": pattern}], **spec}, {})
    return param_fields.form_field(param)


def notes(field) -> str:
    """What the field's widget shows after the input."""
    return field.widget.render("param__word", "")


def test_issue_19s_pattern_is_answered_at_once():
    field = field_for("(a+)+$")  # 31 s with re on these 29 characters
    with pytest.raises(ValidationError, match="must match"):
        field.clean("a" * 28 + "!")
    # Answered by the match itself, within the check's time limit
    # (patterns.TIMEOUT, 0.1 s): not stopped at it.
    assert "data-mr-pattern-note" not in notes(field)


def test_a_catastrophic_pattern_is_stopped_and_noted_not_refused():
    field = field_for("(x+x+)+y")  # regex too backtracks on this one
    value = "x" * 5000

    assert field.clean(value) == value

    # Stopped at the check's time limit (patterns.TIMEOUT), not run out.
    assert SLOW in notes(field)
    assert "data-mr-pattern-note" in notes(field)


def test_the_note_shows_under_the_field_in_horizons_form():
    class Form(forms.Form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)  # fields made per form, as
            self.fields["param__word"] = field_for("(x+x+)+y")  # StackForm

    form = Form({"param__word": "x" * 5000})
    assert form.is_valid()
    page = render_to_string("horizon/common/_form_field.html",
                            {"field": form["param__word"], "form": form})
    assert f'x{"x" * 4999}"' in page and SLOW in page


def test_the_note_goes_when_the_next_value_is_checked():
    field = field_for("(x+x+)+y")
    field.clean("x" * 5000)
    assert SLOW in notes(field)
    assert field.clean("xxy") == "xxy"
    assert "data-mr-pattern-note" not in notes(field)


@pytest.mark.parametrize("pattern, value, matches", [
    ("[a-z]+", "abc", True),
    ("[a-z]+", "abC", False),
    ("a|ab", "a", True),
    # Heat takes re's first match and wants it to reach the end: "a" only.
    ("a|ab", "ab", False),
    ("(?:ab)+$", "abab", True),
    (r"\d{1,3}(?:\.\d{1,3}){3}", "127.0.0.1", True),
    ("(?i)fedora", "FeDoRa", True),
    ("x*", "", True),
])
def test_patterns_match_as_heat_matches_them(pattern, value, matches):
    field = field_for(pattern, default="d")  # optional: "" is checked too
    if matches:
        field.run_validators(value)
    else:
        with pytest.raises(ValidationError, match="must match"):
            field.run_validators(value)
    assert "data-mr-pattern-note" not in notes(field)


def test_a_value_longer_than_the_cap_is_not_matched_here():
    field = field_for("[a-z]+")
    value = "A" * (patterns.MAX_VALUE + 1)
    assert field.clean(value) == value
    assert UNCHECKED in notes(field)


@pytest.mark.parametrize("pattern", [
    "(?:ab){e<=1}",  # regex: fuzzy; re: the characters "{e<=1}"
    "[[:alpha:]]+",  # regex: a POSIX class; re: a set and a "]"
])
def test_a_pattern_regex_reads_otherwise_than_re_is_left_to_heat(pattern):
    field = field_for(pattern)
    assert field.clean("ab") == "ab"
    assert UNCHECKED in notes(field)


@pytest.mark.parametrize("pattern", [
    "x{4294967294}",  # 2 GB, then a MemoryError, in regex.compile
    "(?:a{1000}){1000}",  # 270 MB
    "(" * 400 + "a" + ")" * 400,  # regex's compiler recurses too deep
])
def test_a_pattern_regex_would_build_huge_is_not_compiled(pattern):
    outcome = cases.run_limited(lambda: (lambda field: (
        field.clean("a"), notes(field)))(field_for(pattern)),
        memory=128 * cases.MiB, cpu=5)

    assert outcome.kind == "returned", outcome
    assert UNCHECKED in outcome.value[1]
    assert outcome.cpu_seconds < 1.0, outcome


def test_the_note_is_escaped_and_never_shows_a_hidden_value():
    field = field_for("<b>{e}</b>", hidden=True)
    field.clean("s3cret-value")
    shown = notes(field)
    assert "&lt;b&gt;{e}&lt;/b&gt;" in shown and "<b>" not in shown
    assert "s3cret-value" not in shown
    assert 'type="password"' in shown


def test_a_pattern_on_a_number_is_left_to_heat():
    # Heat allows allowed_pattern on strings only and refuses the template.
    field = field_for("[0-9]+", kind="number")
    assert field.clean("12") == 12


@pytest.mark.parametrize("pattern", ["(" * 500 + ")" * 500, "(a", ["a"]])
def test_a_pattern_re_cannot_read_is_a_malformed_constraint(pattern):
    with pytest.raises(TemplateError, match="malformed constraint"):
        params.parameter("word", {"type": "string", "constraints": [
            {"allowed_pattern": pattern}]}, {})


def test_a_pattern_longer_than_the_cap_is_neither_read_nor_matched_here():
    # 1,000 sets Python's re takes 6 ms each to compile (6 s in all).
    pattern = "(?i)" + r"[\x01-\U0010fffe]" * 1000
    started = time.process_time()
    field = field_for(pattern)
    assert field.clean("x") == "x"
    assert time.process_time() - started < 0.5
    shown = notes(field)
    assert UNCHECKED in shown and len(shown) < 1000
