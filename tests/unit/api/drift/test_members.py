"""Tests of mr_dashboard.api.stack_sets.member_drift over real sockets on
127.0.0.1: a set's members are detected at once (each region's Heat holds
its member's listing until the other member's walk has asked for its own),
and a member whose Heat is down keeps the error while the other is
reported."""

import threading

from keystoneauth1 import access

from mr_dashboard import constants
from mr_dashboard.api import drift
from mr_dashboard.api import heat
from mr_dashboard.api.stack_sets.member_drift import detect_members
from mr_dashboard.api.stack_sets.members import Member
from tests.unit import fakes
from tests.unit.fakes import FakeHeat

TEMPLATE = {"heat_template_version": "2021-04-16",
            "resources": {"value": {"type": "OS::Heat::Value"}}}


def member(region: str, stack_id: str) -> Member:
    return Member(heat.Stack(region, stack_id, "web", "CREATE_COMPLETE"), tags=None)


class Meeting(FakeHeat):
    """A region's Heat holding its member: the listing of the member's
    resources is answered only once every region's has been asked (or
    refused after 5 s: members detected one after the other)."""

    def __init__(self, stack_id: str, barrier: threading.Barrier) -> None:
        super().__init__({
            r"/stacks": {"stacks": []},
            rf"/stacks/web/{stack_id}": {"stack": {
                "id": stack_id, "stack_name": "web", "stack_status": "CREATE_COMPLETE",
                "parameters": {}}},
            rf"/stacks/web/{stack_id}/template": TEMPLATE})
        self.stack_id, self.barrier = stack_id, barrier

    def __call__(self, handler):
        if handler.path.startswith(f"/v1/{fakes.PROJECT_ID}/stacks/web/"
                                   f"{self.stack_id}/resources"):
            try:
                self.barrier.wait()
            except threading.BrokenBarrierError:
                return 503, {"error": {"message": "the other member never came"}}
            return 200, {"resources": [fakes.resource(
                "value", "OS::Heat::Value", f"web/{self.stack_id}", "v")]}
        return super().__call__(handler)


def request_for(catalog):
    request = fakes.api_request(catalog)
    request.user.access_info = access.create(body=fakes.keystone_token(catalog),
                                             auth_token="gAAAAA-drift-members-token")
    return request


def test_members_are_detected_at_once(http_server):
    barrier = threading.Barrier(2, timeout=5)
    catalog = fakes.local_catalog({"RegionOne": http_server(Meeting("s1", barrier)),
                                   "RegionTwo": http_server(Meeting("s2", barrier))})

    found = detect_members(request_for(catalog), [member("RegionOne", "s1"),
                                                  member("RegionTwo", "s2")])

    assert list(found) == ["RegionOne", "RegionTwo"]
    for report in found.values():
        assert isinstance(report, drift.DriftReport)
        assert [(res.name, res.status) for res in report.stacks[0].resources] == [
            ("value", drift.NOT_CHECKED)]


def test_a_member_whose_region_is_down_keeps_the_error(http_server, closed_port):
    barrier = threading.Barrier(1)
    catalog = fakes.local_catalog({"RegionOne": http_server(Meeting("s1", barrier)),
                                   "RegionTwo": closed_port})

    found = detect_members(request_for(catalog), [member("RegionOne", "s1"),
                                                  member("RegionTwo", "s2")])

    assert isinstance(found["RegionOne"], drift.DriftReport)
    assert not found["RegionOne"].stacks[0].error
    error = found["RegionTwo"].stacks[0].error
    assert error.kind == constants.KIND_UNREACHABLE and "gAAAAA" not in error.message
