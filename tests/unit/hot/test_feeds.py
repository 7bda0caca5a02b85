"""Tests of mr_dashboard.hot.feeds: which resource feeds which."""

from mr_dashboard.hot import feeds
from mr_dashboard.hot.feeds import Feed
from tests.unit.hot.heat_stacks import stack


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
    assert feeds.feeds(template) == [
        Feed("db", "app", ("db_address", "url")),
        Feed("net", "app", ("network",)),
        Feed("db", "nodes", ("db",)),
    ]
