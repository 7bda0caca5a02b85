"""Tests of mr_dashboard.api.stacks.family: remote parents and children of
listed stacks, found once and then read from Django's cache. Heat's
functions are replaced by stand-ins that count their calls."""

from unittest import mock

import pytest
from django.core.cache import cache
from heatclient import exc as heat_exc

from mr_dashboard.api import heat
from mr_dashboard.api.stacks import lineage
from mr_dashboard.api.stacks import family as stack_family
from mr_dashboard.api.stacks.family import Relative
from tests.unit import fakes

REGIONS = ("RegionOne", "RegionTwo", "RegionThree")
PARENT = heat.Stack("RegionOne", "p-1", "cross", "CREATE_COMPLETE")
APP = heat.Stack("RegionTwo", "c-2", "cross-app-abcdefghijkl",
                 "CREATE_COMPLETE")
DB = heat.Stack("RegionThree", "c-3", "cross-db-mnopqrstuvwx",
                "CREATE_COMPLETE")
LONE = heat.Stack("RegionTwo", "l-4", "lone", "CREATE_FAILED")
TEMPLATE = {"heat_template_version": "2021-04-16",
            "parameters": {"db_region": {"type": "string"}},
            "resources": {
                "app": {"type": "OS::Heat::Stack", "properties": {
                    "context": {"region_name": "RegionTwo"}}},
                "db": {"type": "OS::Heat::Stack", "properties": {
                    "context": {"region_name": {"get_param": "db_region"}}}},
                "log": {"type": "OS::Heat::None"}}}


def resource(stack, name, kind, physical_id):
    return heat.Resource(region=stack.region, stack_id=stack.id,
                         stack_name=stack.name, name=name, type=kind,
                         physical_id=physical_id, status="CREATE_COMPLETE")


class Heat:
    """Stand-ins for the heat functions stack_family calls."""

    def __init__(self):
        self.calls = []
        self.down = set()

    def resources_list(self, request, region, stack_id, nested_depth=0):
        self.calls.append(("resources", region, stack_id))
        if region in self.down:
            raise heat_exc.HTTPServiceUnavailable("engine gone")
        if stack_id == PARENT.identity:
            return [resource(PARENT, "app", "OS::Heat::Stack", APP.id),
                    resource(PARENT, "db", "OS::Heat::Stack", DB.id),
                    resource(PARENT, "log", "OS::Heat::None", "x")]
        return []

    def stack_template(self, request, region, stack_id):
        self.calls.append(("template", region, stack_id))
        return TEMPLATE

    def stack_show(self, request, region, stack_id, resolve_outputs=True):
        self.calls.append(("show", region, stack_id, resolve_outputs))
        return heat.StackDetail(stack=PARENT,
                                parameters={"db_region": "RegionThree"})

    def stacks_by_id(self, request, region, ids):
        self.calls.append(("by id", region, tuple(ids)))
        return [s for s in (APP, DB) if s.region == region and s.id in ids]


@pytest.fixture
def fake_heat():
    fake = Heat()
    with mock.patch.multiple(heat, resources_list=fake.resources_list,
                             stack_template=fake.stack_template,
                             stack_show=fake.stack_show,
                             stacks_by_id=fake.stacks_by_id):
        yield fake


@pytest.fixture
def request_():
    cache.clear()
    request = fakes.api_request(fakes.catalog(REGIONS))
    request.user.project_id = fakes.PROJECT_ID
    yield request
    cache.clear()


def test_a_parent_and_its_children_in_two_other_regions(fake_heat, request_):
    families = stack_family.families(request_, [PARENT, LONE])

    assert families[PARENT.id].children == (
        Relative("RegionTwo", APP.id, APP.name),
        Relative("RegionThree", DB.id, DB.name))
    assert families[PARENT.id].parent is None
    assert families[LONE.id] == stack_family.Family()
    assert ("show", "RegionOne", PARENT.identity, False) in fake_heat.calls
    assert {call[1] for call in fake_heat.calls if call[0] == "by id"} == {
        "RegionTwo", "RegionThree"}


def test_what_was_found_costs_no_call_the_next_time(fake_heat, request_):
    stack_family.families(request_, [PARENT, LONE])
    fake_heat.calls.clear()

    families = stack_family.families(request_, [PARENT, APP, DB, LONE])

    assert fake_heat.calls == [("resources", "RegionTwo", APP.identity),
                               ("resources", "RegionThree", DB.identity)]
    parent = Relative("RegionOne", PARENT.id, PARENT.name)
    assert families[APP.id].parent == parent
    assert families[DB.id].parent == parent
    fake_heat.calls.clear()
    stack_family.families(request_, [PARENT, APP, DB, LONE])
    assert fake_heat.calls == []


def test_a_changed_stack_is_looked_at_again(fake_heat, request_):
    stack_family.families(request_, [LONE])
    fake_heat.calls.clear()
    updated = heat.Stack(LONE.region, LONE.id, LONE.name, "UPDATE_COMPLETE",
                         updated=heat.client.when("2026-11-21T12:00:00Z"))
    stack_family.families(request_, [updated])
    assert fake_heat.calls == [("resources", "RegionTwo", LONE.identity)]


def test_a_child_whose_parent_is_elsewhere_is_found_by_name(fake_heat,
                                                            request_):
    found = lineage.Lineage(ancestors=(PARENT,))
    with mock.patch.object(lineage, "stack_lineage",
                           return_value=found) as stack_lineage:
        families = stack_family.families(request_, [APP])
        assert families[APP.id].parent == Relative("RegionOne", PARENT.id,
                                                   PARENT.name)
        stack_lineage.reset_mock()
        stack_family.families(request_, [APP])
        stack_lineage.assert_not_called()


def test_the_cache_alone_speaks_without_a_call(fake_heat, request_):
    with mock.patch.object(lineage, "stack_lineage") as stack_lineage:
        families, pending = stack_family.cached_families(request_,
                                                         [PARENT, APP, LONE])
    stack_lineage.assert_not_called()
    assert fake_heat.calls == []
    assert families[APP.id] == families[PARENT.id] == stack_family.Family()
    assert pending == [PARENT, APP, LONE]
    stack_family.families(request_, [PARENT, LONE])
    fake_heat.calls.clear()
    families, pending = stack_family.cached_families(request_,
                                                     [PARENT, APP, LONE])
    assert fake_heat.calls == []
    assert families[APP.id].parent.id == PARENT.id
    assert len(families[PARENT.id].children) == 2
    # APP's parent is known from PARENT's children; its own are not.
    assert pending == [APP]


def test_a_failed_listing_is_tried_again_later(fake_heat, request_):
    fake_heat.down = {"RegionTwo"}
    assert stack_family.families(request_, [LONE])[LONE.id] == (
        stack_family.Family())
    fake_heat.down = set()
    fake_heat.calls.clear()
    stack_family.families(request_, [LONE])
    assert fake_heat.calls == [("resources", "RegionTwo", LONE.identity)]
