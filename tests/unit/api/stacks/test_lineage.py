"""Tests of mr_dashboard.api.stacks.lineage: the way up to the root, across
regions, over small Heat stand-ins (real sockets, real heatclient)."""

import threading
import warnings

from django.core.cache.backends.base import CacheKeyWarning

from mr_dashboard.api import heat
from mr_dashboard.api import parallel
from mr_dashboard.api import region_state
from mr_dashboard.api.stacks import lineage
from tests.unit import fakes
from tests.unit.fakes import FakeHeat
from tests.unit.fakes import resource

CHILD = "web-app-aaaaaaaaaaaa"
NESTED = "web-app-aaaaaaaaaaaa-nodes-bbbbbbbbbbbb"


def listed(stack_id, name, parent=None):
    return {"id": stack_id, "stack_name": name, "parent": parent,
            "stack_status": "CREATE_COMPLETE"}


def test_ancestor_names():
    assert lineage.ancestor_names("a-b-res-x1y2z3a4b5c6") == ["a", "a-b"]
    assert lineage.ancestor_names("web") == []
    assert lineage.ancestor_names("web-app-notashortid") == []


def test_the_way_up_from_a_nested_stack_of_a_remote_child(http_server):
    # RegionOne: "web" (and a decoy of the same name that runs no child).
    one = FakeHeat({
        r"/stacks": {"stacks": [listed("w3b", "web")]},
        r"/stacks/web/w3b/resources": {"resources": [
            resource("app", "OS::Heat::Stack", "web/w3b", "4pp")]},
    })
    decoy = FakeHeat({
        r"/stacks": {"stacks": [listed("d3c", "web")]},
        r"/stacks/web/d3c/resources": {"resources": []},
    })
    two = FakeHeat({r"/stacks": {"stacks": [
        listed("4pp", CHILD), listed("n0d", NESTED, parent="4pp")]}})
    ports = {"RegionOne": http_server(one), "RegionThree": http_server(decoy),
             "RegionTwo": http_server(two)}
    request = fakes.api_request(fakes.local_catalog(ports))
    nested = heat.Stack("RegionTwo", "l3af", f"{NESTED}-0-cccccccccccc",
                        "CREATE_COMPLETE", parent="n0d")

    found = lineage.stack_lineage(request, nested)

    assert [(s.region, s.name) for s in found.ancestors] == [
        ("RegionOne", "web"), ("RegionTwo", CHILD), ("RegionTwo", NESTED)]
    assert found.errors == {}
    assert any("name=web" in path for path in one.paths)


def test_a_region_that_fails_is_reported(http_server, closed_port):
    two = FakeHeat({r"/stacks": {"stacks": [listed("4pp", CHILD)]}})
    ports = {"RegionOne": closed_port, "RegionTwo": http_server(two)}
    request = fakes.api_request(fakes.local_catalog(ports))
    child = heat.Stack("RegionTwo", "4pp", CHILD, "CREATE_COMPLETE")

    found = lineage.stack_lineage(request, child)

    assert found.ancestors == ()
    assert list(found.errors) == ["RegionOne"]


def test_a_late_region_is_left_out_then_read_back_by_the_key(http_server, settings):
    # RegionThree (a decoy "web", running no child) is held: past its
    # learned pace once RegionOne answered, it is late, and the way up is
    # made without it; its call runs on and the key reads it back.
    settings.MR_DASHBOARD = {"PAGE_BUDGET_CEILING": 30.0, "REGION_TIMEOUT": 30.0}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "mr-dashboard-lineage-late"}}
    held = threading.Event()
    decoy = FakeHeat({r"/stacks": {"stacks": [listed("d3c", "web")]},
                      r"/stacks/web/d3c/resources": {"resources": []}})
    one = FakeHeat({
        r"/stacks": {"stacks": [listed("w3b", "web")]},
        r"/stacks/web/w3b/resources": {"resources": [
            resource("app", "OS::Heat::Stack", "web/w3b", "4pp")]},
    })
    ports = {"RegionOne": http_server(one),
             "RegionThree": http_server(lambda handler: held.wait(30) and decoy(handler))}
    try:
        request = fakes.api_request(fakes.local_catalog(ports))
        request.user.id, request.user.project_id = "u1", "p1"  # the key's owner
        region_state.learn(request, {"RegionThree": parallel.RegionResult(
            "RegionThree", value=[], elapsed=0.01)}, lineage.PACE)
        child = heat.Stack("RegionTwo", "4pp", CHILD, "CREATE_COMPLETE")

        found = lineage.paced_lineage(request, child)

        assert [(s.region, s.name) for s in found.ancestors] == [("RegionOne", "web")]
        assert found.late == ("RegionThree",) and found.late_key
        assert decoy.paths == []  # still held: the way up did not wait for it
    finally:
        held.set()
    again = lineage.paced_lineage(request, child, found.late_key)
    assert [(s.region, s.name) for s in again.ancestors] == [("RegionOne", "web")]
    assert again.late == () and again.errors == {} and again.late_key == ""
    assert any("name=web" in path for path in decoy.paths)
    # A key that is not one: None (the view then climbs afresh); a hostile
    # one never reaches the cache (memcached refuses long keys or spaces).
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        for key in ("nope", "k" * 3000, "a b\n", "a\x00b", "<b>x\"'", "\u202e\U0001f511"):
            assert lineage.paced_lineage(request, child, key) is None
