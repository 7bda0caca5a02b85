"""Tests of mr_dashboard.hot.context: where a template puts the children of
its OS::Heat::Stack resources (region, cloud, TLS options)."""

import pytest

from mr_dashboard.hot import children
from mr_dashboard.hot import context
from mr_dashboard.hot import resolve
from mr_dashboard.hot.context import RemoteSpec
from tests.unit.hot.heat_stacks import stack

PARAMETERS = {"db_region": "RegionThree", "regions": {"app": "RegionTwo"},
              "count": "2", "secret": "5ec2e7"}


@pytest.mark.parametrize("value, expected", [
    ("RegionTwo", "RegionTwo"),
    ({"get_param": "db_region"}, "RegionThree"),
    ({"get_param": ["regions", "app"]}, "RegionTwo"),
    ({"Ref": "db_region"}, "RegionThree"),
    ({"get_param": "missing"}, None),
    ({"get_param": ["regions", "web"]}, None),
    ({"get_attr": ["db", "region"]}, None),
    # Resolved as Heat does before the stack runs (issue 11: the readers
    # used to disagree on this one).
    ({"str_replace": {"template": "Region$n", "params": {"$n": "Two"}}},
     "RegionTwo"),
    ({"list_join": ["", ["Region", {"get_param": ["regions", "app"]}]]},
     "RegionRegionTwo"),
    (["RegionTwo"], None),
])
def test_text(value, expected):
    try:
        found = context.evaluate(value, PARAMETERS)
    except context.Unresolved:
        found = None
    assert (found if isinstance(found, str) else None) == expected


@pytest.mark.parametrize("value", [
    {"str_replace": {"template": "$x" * 1000, "params": {"$x": "y" * 10_000}}},
    {"list_join": ["-", ["z" * 600_000, "z" * 600_000]]},
])
def test_a_text_built_past_the_template_limit_is_refused_before_it_is_built(value):
    with pytest.raises(context.Unresolved, match=r"more than \d+ characters"):
        context.evaluate(value, PARAMETERS)


def test_remote_specs_read_region_and_cloud_from_the_context():
    template = {"resources": {
        "app": stack({"region_name": {"get_param": ["regions", "app"]}}),
        "db": stack({"region_name": {"get_param": "db_region"}}),
        "here": stack(),
        "where": stack({"region_name": {"get_attr": ["x", "y"]}}),
        "away": stack({"region_name": "RegionTwo",
                       "credential_secret_id": {"get_param": "secret"}}),
        "unknown_cloud": stack({"credential_secret_id": {"get_file": "x"}}),
        "group": {"type": "OS::Heat::ResourceGroup"},
        "broken": "not a resource",
    }}
    specs = context.remote_specs(template, PARAMETERS, "RegionOne")
    assert specs == {
        "app": RemoteSpec("app", "RegionTwo"),
        "db": RemoteSpec("db", "RegionThree"),
        "here": RemoteSpec("here", "RegionOne"),
        "where": RemoteSpec("where", None),
        # Heat ignores region_name with another cloud's credentials.
        "away": RemoteSpec("away", "RegionOne", "5ec2e7"),
        "unknown_cloud": RemoteSpec("unknown_cloud", None, None),
    }


def test_remote_specs_of_a_cloudformation_template():
    template = {"Resources": {"child": {
        "Type": "OS::Heat::Stack",
        "Properties": {"context": {"region_name": {"Ref": "db_region"}}}}}}
    assert context.remote_specs(template, PARAMETERS, "R1") == {
        "child": RemoteSpec("child", "RegionThree")}


def test_remote_specs_of_no_template():
    assert context.remote_specs(None, {}, "RegionOne") == {}


def test_list_join_and_str_replace_regions():
    template = {"resources": {
        "joined": stack({"region_name": {"list_join": [
            "", ["Region", {"str_replace": {
                "template": "$n", "params": {"$n": "Two"}}}]]}}),
        "replaced": stack({"region_name": {"str_replace": {
            "template": "Region$n", "params": {"$n": {"get_param": "n"}}}}}),
    }}
    assert context.remote_specs(template, {"n": "Three"}, "RegionOne") == {
        "joined": RemoteSpec("joined", "RegionTwo"),
        "replaced": RemoteSpec("replaced", "RegionThree"),
    }


def test_region_name_beside_a_credential_is_ignored_as_heat_does():
    spec = context.child_spec("away", {
        "region_name": {"str_replace": {"template": "Region$n",
                                        "params": {"$n": "Two"}}},
        "credential_secret_id": {"get_param": "secret"}},
        PARAMETERS, "RegionOne")
    assert (spec.region, spec.secret) == ("RegionOne", "5ec2e7")


def test_tls_options_are_carried():
    spec = context.child_spec("away", {
        "credential_secret_id": "5ec2e7",
        "ca_cert": {"get_param": "ca"}, "insecure": "true"},
        {"ca": "-----BEGIN CERTIFICATE-----"}, "RegionOne")
    assert spec == RemoteSpec("away", "RegionOne", "5ec2e7",
                              "-----BEGIN CERTIFICATE-----", True)
    assert context.child_spec("here", {}, {}, "R1").insecure is False


def test_a_context_known_only_at_run_time_says_why():
    spec = context.child_spec("late", {"region_name": {"get_attr": [
        "db", "region"]}}, {}, "RegionOne")
    assert spec.region is None
    assert "get_attr" in spec.problem
    assert context.child_spec("orphan", {}, {}, None).problem


def test_a_whole_context_from_a_parameter():
    spec = context.child_spec("app", {"get_param": "where"},
                              {"where": {"region_name": "RegionTwo"}},
                              "RegionOne")
    assert spec.region == "RegionTwo"


def test_the_launch_checks_and_the_tree_read_a_context_alike():
    """hot.children (launch checks, update warnings) and remote_specs (the
    tree, relatives, credentials' usage) give the same regions."""
    template = b"""heat_template_version: 2021-04-16
parameters:
  n: {type: string, default: Two}
  secret: {type: string, default: 5ec2e7}
resources:
  joined:
    type: OS::Heat::Stack
    properties:
      context: {region_name: {list_join: ['', [Region, {get_param: n}]]}}
      template: {get_file: child.yaml}
  replaced:
    type: OS::Heat::Stack
    properties:
      context:
        region_name: {str_replace: {template: Region$n, params: {$n: Three}}}
      template: {get_file: child.yaml}
  away:
    type: OS::Heat::Stack
    properties:
      context:
        region_name: RegionTwo
        credential_secret_id: {get_param: secret}
        insecure: true
      template: {get_file: child.yaml}
"""
    child = b"heat_template_version: 2021-04-16\n"
    launchable = resolve.resolve("main.yaml", template, {
        "main.yaml": template, "child.yaml": child})
    placed = {p.name: (p.region, p.credential_secret_id) for p in
              children.placements(launchable, "RegionOne", {})}
    specs = context.remote_specs(launchable.template,
                                 {"n": "Two", "secret": "5ec2e7"},
                                 "RegionOne")
    assert {name: (spec.region, spec.secret)
            for name, spec in specs.items()} == {
        "joined": ("RegionTwo", None), "replaced": ("RegionThree", None),
        "away": ("RegionOne", "5ec2e7")}
    assert {name: placed[name] for name in specs} == {
        name: (spec.region, spec.secret) for name, spec in specs.items()}
    assert specs["away"].insecure is True
