"""Tests of the launch form's credential hooks."""

import pytest
import yaml
from django.core.exceptions import ValidationError

from mr_dashboard.panels.shared import credential_picking
from mr_dashboard.hot import context
from mr_dashboard.hot import params
from mr_dashboard.hot.resolve import from_heat

TEMPLATE = yaml.safe_load("""
heat_template_version: 2021-04-16
parameters:
  cred: {type: string}
  other: {type: string, constraints: [{custom_constraint: nova.flavor}]}
  size: {type: number, default: 1}
resources:
  remote:
    type: OS::Heat::Stack
    properties:
      context: {credential_secret_id: {get_param: cred}}
      template: "heat_template_version: 2021-04-16"
  pinned:
    type: OS::Heat::Stack
    properties:
      context: {credential_secret_id: {get_param: other}, insecure: false}
      template: "heat_template_version: 2021-04-16"
  region:
    type: OS::Heat::Stack
    properties:
      context: {region_name: RegionTwo}
      template: "heat_template_version: 2021-04-16"
""")


def test_children_in_another_cloud_are_those_with_a_credential():
    assert set(context.cloud_contexts(TEMPLATE)) == {"remote", "pinned"}
    assert context.secret_parameters(TEMPLATE) == {"cred", "other"}


def test_a_credential_parameter_becomes_a_secret_picker():
    groups = credential_picking.with_secret_pickers(params.groups_of(TEMPLATE), TEMPLATE)
    by_name = {p.name: p for g in groups for p in g.parameters}
    assert by_name["cred"].constraints == ({"custom_constraint": "barbican.secret"},)
    # A parameter with a constraint of its own keeps it; others are untouched.
    assert by_name["other"].constraints == ({"custom_constraint": "nova.flavor"},)
    assert by_name["size"].constraints == ()


def test_tls_fields_only_where_the_template_does_not_set_them():
    assert list(credential_picking.tls_fields_for(TEMPLATE)) == [
        "tls__remote__ca_cert", "tls__remote__insecure"]
    assert str(credential_picking.tls_fields_for(TEMPLATE)["tls__remote__insecure"].label
               ).startswith("remote: ")


def test_what_is_entered_goes_into_the_childs_context():
    launchable = from_heat("main.yaml", TEMPLATE, {})
    changed = credential_picking.with_tls(launchable, {"tls__remote__ca_cert": "",
                                                       "tls__remote__insecure": True})
    context = changed.template["resources"]["remote"]["properties"]["context"]
    assert context == {"credential_secret_id": {"get_param": "cred"}, "insecure": True}
    assert changed.templates["main.yaml"] is changed.template
    assert "insecure" not in TEMPLATE["resources"]["remote"]["properties"]["context"]
    assert credential_picking.with_tls(launchable, {"tls__remote__ca_cert": "",
                                                    "tls__remote__insecure": False}) is launchable


def test_a_bad_ca_is_a_form_error():
    launchable = from_heat("main.yaml", TEMPLATE, {})
    with pytest.raises(ValidationError):
        credential_picking.with_tls(launchable, {"tls__remote__ca_cert": "nope",
                                                 "tls__remote__insecure": False})
