"""Tests of mr_dashboard.hot.params: a template's parameters as form fields."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from mr_dashboard.hot import params
from mr_dashboard.hot.parse import TemplateError
from mr_dashboard.panels.shared import param_fields

TEMPLATE = {
    "heat_template_version": "2021-04-16",
    "parameter_groups": [{"label": "Sizes", "parameters": ["count", "flavor"]}],
    "parameters": {
        "name": {"type": "string", "label": "Name", "description": "Its name",
                 "constraints": [{"length": {"min": 2, "max": 5}},
                                 {"allowed_pattern": "[a-z]+",
                                  "description": "Lower case only."}]},
        "count": {"type": "number", "default": 2,
                  "constraints": [{"range": {"min": 1, "max": 4}},
                                  {"modulo": {"step": 2, "offset": 0}}]},
        "flavor": {"type": "string", "constraints": [{"custom_constraint": "nova.flavor"}]},
        "size": {"type": "string", "default": "s",
                 "constraints": [{"allowed_values": ["s", "m"]}]},
        "zones": {"type": "comma_delimited_list", "default": "a,b",
                  "constraints": [{"length": {"max": 2}}]},
        "settings": {"type": "json", "default": {"a": 1}},
        "debug": {"type": "boolean", "default": "yes"},
        "secret": {"type": "string", "hidden": True},
    },
}


def fields(choices=None) -> dict[str, forms.Field]:
    groups = params.groups_of(TEMPLATE)
    return {p.name: param_fields.form_field(p, choices) for g in groups for p in g.parameters}


def clean(field: forms.Field, value):
    return field.clean(value)


def test_groups_follow_parameter_groups_then_the_template():
    groups = params.groups_of(TEMPLATE, {"parameter_defaults": {"size": "m"}})
    assert [g.label for g in groups] == ["Sizes", ""]
    assert [p.name for p in groups[0].parameters] == ["count", "flavor"]
    assert [p.name for p in groups[1].parameters][0] == "name"
    assert {p.name: p.default for p in groups[1].parameters}["size"] == "m"


def test_each_type_gets_its_field_and_constraints_are_checked():
    found = fields()
    assert found["name"].label == "Name" and found["name"].help_text == "Its name"
    assert found["name"].required and not found["count"].required
    assert clean(found["name"], "abc") == "abc"
    with pytest.raises(ValidationError, match="Lower case only."):
        clean(found["name"], "ABC")
    with pytest.raises(ValidationError, match="between 2 and 5"):
        clean(found["name"], "a")
    assert clean(found["count"], "4") == 4
    with pytest.raises(ValidationError, match="between 1 and 4"):
        clean(found["count"], "6")
    with pytest.raises(ValidationError, match="0 modulo 2"):
        clean(found["count"], "3")
    assert isinstance(found["size"], forms.TypedChoiceField)
    assert clean(found["zones"], "x, y") == ["x", "y"]
    with pytest.raises(ValidationError):
        clean(found["zones"], "x,y,z")
    assert clean(found["settings"], '{"b": 2}') == {"b": 2}
    assert found["settings"].initial == '{"a": 1}'
    with pytest.raises(ValidationError, match="JSON"):
        clean(found["settings"], "[1")
    assert isinstance(found["debug"], forms.BooleanField) and found["debug"].initial
    assert isinstance(found["secret"].widget, forms.PasswordInput)
    assert isinstance(found["flavor"], param_fields._TypedField)  # no picker: text


def test_a_custom_constraint_becomes_a_picker_when_choices_are_known():
    asked = []

    def choices_for(constraint):
        asked.append(constraint)
        return [("1", "m1.tiny")]
    flavor = fields(choices_for)["flavor"]
    assert asked == ["nova.flavor"]
    assert list(flavor.choices) == [("1", "m1.tiny")]


def test_values_go_back_to_heat_as_strings():
    by_name = {p.name: p for g in params.groups_of(TEMPLATE) for p in g.parameters}
    assert params.to_heat(by_name["zones"], ["a", "b"]) == "a,b"
    assert params.to_heat(by_name["settings"], {"a": 1}) == '{"a": 1}'
    assert params.to_heat(by_name["debug"], False) == "false"
    assert params.to_heat(by_name["count"], 2) == "2"
    assert params.to_heat(by_name["name"], "") is None


def test_cfn_parameters_are_understood_and_unknown_types_refused():
    cfn = {"AWSTemplateFormatVersion": "2010-09-09", "Parameters": {
        "Size": {"Type": "Number", "MinValue": 1, "NoEcho": "true",
                 "ConstraintDescription": "Too small."}}}
    [group] = params.groups_of(cfn)
    [size] = group.parameters
    assert (size.type, size.hidden) == ("number", True)
    with pytest.raises(ValidationError, match="Too small."):
        param_fields.form_field(size).clean("0")
    with pytest.raises(TemplateError, match="unknown type integer"):
        params.groups_of({"parameters": {"n": {"type": "integer"}}})


def test_a_picker_preselects_the_choice_its_default_names():
    image = params.parameter("image", {
        "type": "string", "default": "cirros",
        "constraints": [{"custom_constraint": "glance.image"}]}, {})
    choices = [("1d", "cirros"), ("2e", "fedora")]
    assert param_fields.form_field(image, lambda c: choices).initial == "1d"
    by_id = params.parameter("image", {"type": "string", "default": "2e"}, {})
    assert param_fields.form_field(by_id, lambda c: choices).initial == "2e"


@pytest.mark.parametrize("constraint", [
    {"range": {"min": "x"}}, {"range": 3}, {"length": {"max": [1]}},
    {"modulo": {"step": 0}}, {"allowed_pattern": "(["}, {"allowed_pattern": 5},
    {"allowed_values": 3},
])
def test_a_malformed_constraint_is_a_template_error(constraint):
    with pytest.raises(TemplateError, match="n has a malformed constraint"):
        params.parameter("n", {"type": "number", "constraints": [constraint]}, {})


def test_custom_constraint_reads_a_parameters_spec():
    spec = {"constraints": [{"range": {}}, {"custom_constraint": "a.b"}]}
    assert params.custom_constraint(spec) == "a.b"
    assert params.custom_constraint({}) is None


def test_a_hidden_parameter_with_allowed_values_is_a_password_never_shown():
    param = params.parameter("secret", {
        "type": "string", "hidden": True,
        "constraints": [{"allowed_values": ["s3cr3t", "other"]}]}, {})
    field = param_fields.form_field(param)
    assert isinstance(field.widget, forms.PasswordInput)
    assert field.clean("s3cr3t") == "s3cr3t"
    with pytest.raises(ValidationError) as refused:
        field.clean("wrong-s3cr3t")
    assert "wrong-s3cr3t" not in str(refused.value)
    assert "s3cr3t" not in field.widget.render("x", "s3cr3t")
