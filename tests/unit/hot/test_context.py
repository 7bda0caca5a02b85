"""Tests of mr_dashboard.api.template_links: where a template puts the
children of its OS::Heat::Stack resources, and which resource feeds which."""

import pytest

from mr_dashboard.api import template_links
from mr_dashboard.api.template_links import Feed
from mr_dashboard.api.template_links import RemoteSpec

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
    ({"str_replace": {"template": "Region$n", "params": {"$n": "Two"}}},
     None),
    (["RegionTwo"], None),
])
def test_resolve(value, expected):
    assert template_links.resolve(value, PARAMETERS) == expected


def stack(context=None, **properties):
    if context is not None:
        properties["context"] = context
    return {"type": "OS::Heat::Stack", "properties": properties}


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
    specs = template_links.remote_specs(template, PARAMETERS, "RegionOne")
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
    assert template_links.remote_specs(template, PARAMETERS, "R1") == {
        "child": RemoteSpec("child", "RegionThree")}


def test_remote_specs_of_no_template():
    assert template_links.remote_specs(None, {}, "RegionOne") == {}


def test_feeds_follow_outputs_into_parameters():
    template = {"resources": {
        "db": stack({"region_name": "RegionThree"}),
        "app": stack({"region_name": "RegionTwo"}, parameters={
            "db_address": {"get_attr": ["db", "outputs", "db_address"]},
            "url": {"list_join": ["", ["http://", {"get_attr": [
                "db", "outputs", "host"]}]]},
            "network": {"get_resource": "net"},
            "count": 2}),
        "net": {"type": "OS::Neutron::Net"},
        "nodes": {"type": "nodes.yaml", "properties": {
            "db": {"get_attr": ["db", "outputs", "db_address"]},
            "itself": {"get_attr": ["nodes", "x"]}}},
        "lonely": stack(parameters={"x": {"get_attr": ["ghost", "y"]}}),
    }}
    assert template_links.feeds(template) == [
        Feed("db", "app", ("db_address", "url")),
        Feed("net", "app", ("network",)),
        Feed("db", "nodes", ("db",)),
    ]
