"""Tests of mr_dashboard.hot.parse: Heat's way of reading templates."""

import pytest

from mr_dashboard.hot import parse
from mr_dashboard.hot.parse import TemplateError


def test_dates_keep_their_spelling_and_json_is_read_too():
    template = parse.parse_template("heat_template_version: 2021-04-16\n", "t")
    assert template["heat_template_version"] == "2021-04-16"
    assert parse.template_version(template) == "heat_template_version.2021-04-16"
    cfn = parse.parse_template('{"AWSTemplateFormatVersion": "2010-09-09"}', "t")
    assert parse.template_version(cfn) == "AWSTemplateFormatVersion.2010-09-09"


@pytest.mark.parametrize("text, line, column", [
    ("heat_template_version: 2021-04-16\nresources: [a,\n  b: c\n", 4, 1),
    ('{"heat_template_version": "2021-04-16",\n "resources": }', 2, 15),
])
def test_syntax_errors_name_line_and_column(text, line, column):
    with pytest.raises(TemplateError) as caught:
        parse.parse_template(text, "main.yaml")
    assert (caught.value.line, caught.value.column) == (line, column)
    assert str(caught.value).startswith(f"main.yaml, line {line}, column {column}: ")


@pytest.mark.parametrize("text, message", [
    ("a: b\n", "not a Heat template"),
    ("- a\n", "not a Heat template"),
    ("heat_template_version: 2021-04-16\nresources: [a]\n", "not a mapping"),
])
def test_non_templates_are_refused(text, message):
    with pytest.raises(TemplateError, match=message):
        parse.parse_template(text, "t")


def test_size_and_encoding_are_checked(settings):
    settings.MR_DASHBOARD = {"TEMPLATE_MAX_BYTES": 10}
    with pytest.raises(TemplateError, match="11 bytes is more than the 10"):
        parse.decode(b"x" * 11, "t")
    with pytest.raises(TemplateError, match="not UTF-8"):
        parse.decode(b"\xff\xfe", "t")


def test_environments_have_only_known_sections():
    assert parse.parse_environment("parameters: {a: 1}\n", "e") == {"parameters": {"a": 1}}
    assert parse.parse_environment("", "e") == {}
    with pytest.raises(TemplateError, match="unknown section resources"):
        parse.parse_environment("resources: {}\n", "e")
