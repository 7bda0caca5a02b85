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


BOMB = parse.VERSION_KEYS[0] + ": 2021-04-16\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi")).replace("*a", "lol")


@pytest.mark.parametrize("text, message", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),  # libyaml would crash
    ("{" * 20_000 + "}" * 20_000, "nested too deeply"),
    ("a: " + "[" * 500 + "]" * 500, "deeper than 100 levels"),
    (BOMB, "aliases expanded"),
    # Few values, each an alias of one long string: a few hundred KB of
    # text that would expand to gigabytes.
    ("long: &s " + "x" * 300_000 + "\nmany: [" + ", ".join(["*s"] * 5000) + "]\n",
     "characters of text once its YAML aliases are expanded"),
])
def test_documents_too_deep_or_too_large_once_expanded_are_refused(text, message):
    with pytest.raises(TemplateError, match=message):
        parse.load(text, "t.yaml")


@pytest.mark.parametrize("section, value", [
    ("parameters", "[a]"), ("outputs", "3"), ("Resources", "x"),
    ("parameter_groups", "7"), ("parameter_groups", "[{parameters: 3}]"),
])
def test_sections_of_the_wrong_type_are_refused(section, value):
    with pytest.raises(TemplateError, match=section):
        parse.parse_template(
            f"heat_template_version: 2021-04-16\n{section}: {value}\n", "t.yaml")


def test_environment_sections_of_the_wrong_type_are_refused():
    with pytest.raises(TemplateError, match="parameter_defaults"):
        parse.parse_environment("parameter_defaults: [1, 2]\n", "e.yaml")
