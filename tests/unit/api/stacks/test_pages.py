"""Tests of mr_dashboard.api.stacks.pages: one page of every region, asked
of small Heat stand-ins on 127.0.0.1 (real sockets, real heatclient)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache

from mr_dashboard import constants
from mr_dashboard.api import region_state
from mr_dashboard.api.stacks import pages as stack_pages
from mr_dashboard.api.stacks.cursor import Cursor
from tests.unit import fakes


def heat_stack(number: int, region: str, second: int) -> dict:
    return {"id": f"{region}-{number:03d}", "stack_name": f"s{number}",
            "stack_status": "CREATE_COMPLETE",
            "creation_time": f"2026-11-21T10:{number:02d}:{second:02d}Z"}


class Region:
    """A Heat stand-in listing ``count`` stacks newest first; records the
    query of every request, and answers once through ``gate`` if given."""

    def __init__(self, name: str, count: int, second: int = 0,
                 gate: fakes.Gate | None = None):
        self.name, self.gate = name, gate
        self.stacks = [heat_stack(n, name, second)
                       for n in range(count, 0, -1)]
        self.queries: list[dict] = []

    def __call__(self, handler):
        query = parse_qs(urlsplit(handler.path).query)
        self.queries.append(query)
        if self.gate is not None:
            self.gate.hold()
        stacks = self.stacks
        if "marker" in query:
            ids = [stack["id"] for stack in stacks]
            stacks = stacks[ids.index(query["marker"][0]) + 1:]
        return 200, {"stacks": stacks[:int(query["limit"][0])]}


@pytest.fixture(autouse=True)
def quick(settings):
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": 0.5, "DEADLINE_MARGIN": 0.3,
                             "REGION_QUIET_SECONDS": 30}
    cache.clear()
    yield
    cache.clear()


def start(http_server, regions):
    ports = {region.name: http_server(region) for region in regions}
    return fakes.api_request(fakes.local_catalog(ports))


def test_one_request_per_region_in_parallel(http_server, settings):
    # Each region answers only once all three are asked (the gate opens
    # when it holds three): no timeout or budget may end that wait first.
    settings.MR_DASHBOARD = {**settings.MR_DASHBOARD, "REGION_TIMEOUT": 10.0,
                             "PAGE_BUDGET_CEILING": 10.0}
    together = fakes.Gate(opens_at=3)
    regions = [Region("RegionOne", 5, gate=together),
               Region("RegionTwo", 3, second=30, gate=together),
               Region("RegionThree", 0, gate=together)]
    request = start(http_server, regions)

    page = stack_pages.stacks_page(
        request, ["RegionOne", "RegionTwo", "RegionThree"], Cursor(), 4,
        {"tags": "web"})

    assert together.most == 3  # all three asked at once
    assert page.failed == {} and page.late == ()
    assert [len(region.queries) for region in regions] == [1, 1, 1]
    assert regions[0].queries[0] == {
        "sort_keys": ["creation_time"], "sort_dir": ["desc"],
        "limit": ["5"], "tags": ["web"]}
    assert [stack.id for stack in page.rows] == [
        "RegionOne-005", "RegionOne-004", "RegionTwo-003", "RegionOne-003"]
    assert page.calls == 3 and page.prev is None

    regions[0].queries.clear()
    stack_pages.stacks_page(request, ["RegionOne"], page.next, 4)
    assert regions[0].queries[0]["marker"] == ["RegionOne-003"]


def test_a_failing_region_spoils_only_its_part(http_server, closed_port):
    one = Region("RegionOne", 2)
    request = fakes.api_request(fakes.local_catalog(
        {"RegionOne": http_server(one), "RegionTwo": closed_port}))

    page = stack_pages.stacks_page(request, ["RegionOne", "RegionTwo"],
                                   Cursor(), 10)

    assert [stack.region for stack in page.rows] == ["RegionOne"] * 2
    assert page.failed["RegionTwo"].error.kind == constants.KIND_UNREACHABLE
    assert page.skipped == {}


def test_a_hung_region_is_waited_for_once(http_server, silent_port):
    one = Region("RegionOne", 2)
    request = fakes.api_request(fakes.local_catalog(
        {"RegionOne": http_server(one), "RegionTwo": silent_port}))
    regions = ["RegionOne", "RegionTwo"]

    first = stack_pages.stacks_page(request, regions, Cursor(), 10)
    # Given up (a timeout), the page made of the others' rows.
    assert first.failed["RegionTwo"].error.kind == constants.KIND_TIMEOUT
    assert first.calls == 2 and len(first.rows) == 2

    second = stack_pages.stacks_page(request, regions, Cursor(), 10)
    # Not asked at all this time: nothing of the page waits for it.
    assert second.failed == {} and second.calls == 1
    assert list(second.skipped) == ["RegionTwo"]
    assert second.skipped["RegionTwo"].error.kind == constants.KIND_TIMEOUT
    assert len(second.rows) == 2
    assert region_state.quiet_regions(request, regions)
