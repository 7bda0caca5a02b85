"""Tests of mr_dashboard.hot.feeds.output_feeds: which child stack's output
feeds which parameter of another child."""

from mr_dashboard.hot.feeds import OutputFeed
from mr_dashboard.hot.feeds import output_feeds


def test_outputs_of_remote_and_provider_stacks_feeding_parameters():
    template = {"resources": {
        "db": {"type": "OS::Heat::Stack", "properties": {"template": "t"}},
        "cache": {"type": "cache.yaml"},
        "value": {"type": "OS::Heat::Value", "properties": {"value": 1}},
        "app": {"type": "OS::Heat::Stack", "properties": {"parameters": {
            "db_address": {"get_attr": ["db", "outputs", "address"]},
            "urls": {"list_join": [",", [{"get_attr": ["cache", "url"]}]]},
            "plain": {"get_param": "x"}}}},
        "web": {"type": "web.yaml", "properties": {
            "seed": {"get_attr": ["db", "outputs", "seed", 0]}}},
    }}

    assert output_feeds(template) == [
        OutputFeed("db", "address", "app", "db_address"),
        OutputFeed("cache", "url", "app", "urls"),
        OutputFeed("db", "seed", "web", "seed"),
    ]


def test_nothing_without_resources():
    assert output_feeds(None) == [] and output_feeds({"resources": {}}) == []
