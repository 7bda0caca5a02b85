"""Tests of mr_dashboard.api.parallel: one call in every region, in parallel,
within a deadline."""

import threading
import time

import pytest
from keystoneauth1 import exceptions as ksa_exc

from mr_dashboard import constants
from mr_dashboard.api import parallel
from tests.unit import fakes

REGIONS = ("RegionOne", "RegionTwo", "RegionThree")


@pytest.fixture
def request_all():
    return fakes.api_request(fakes.catalog(REGIONS))


def test_values_and_errors_per_region(request_all):
    def call(request, region):
        if region == "RegionTwo":
            raise ksa_exc.ConnectFailure(f"down, token {fakes.TOKEN}")
        return region.lower()

    results = parallel.fan_out(request_all, call)
    assert list(results) == ["RegionOne", "RegionThree", "RegionTwo"]
    assert results["RegionOne"].ok
    assert results["RegionOne"].value == "regionone"
    failed = results["RegionTwo"]
    assert not failed.ok and failed.value is None
    assert failed.error.kind == constants.KIND_UNREACHABLE
    assert fakes.TOKEN not in failed.error.message
    assert failed.elapsed >= 0


def test_only_the_regions_asked_for(request_all):
    results = parallel.fan_out(request_all, lambda request, region: 1,
                               ["RegionTwo"])
    assert list(results) == ["RegionTwo"]


def test_no_regions_no_threads():
    request = fakes.api_request([])
    assert parallel.fan_out(request, lambda request, region: 1) == {}


def test_a_hung_region_is_given_up_at_the_deadline(settings, request_all, gate):
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": 0.3, "DEADLINE_MARGIN": 0.2}

    def call(request, region):
        if region == "RegionThree":
            gate.hold()
        return "answered"

    started = time.monotonic()
    results = parallel.fan_out(request_all, call)
    took = time.monotonic() - started
    assert took >= 0.5  # waited for it up to the deadline...
    assert gate.passed == 0  # ... and no longer: it still hangs
    assert results["RegionOne"].value == "answered"
    assert results["RegionTwo"].value == "answered"
    late = results["RegionThree"]
    assert late.error.kind == constants.KIND_TIMEOUT
    assert "0.5" in late.error.message
    assert late.elapsed == pytest.approx(0.5)


def test_never_more_threads_than_max_parallel(settings, request_all):
    settings.MR_DASHBOARD = {"MAX_PARALLEL": 2}
    lock = threading.Lock()
    running = []
    most = []
    two = fakes.Gate(opens_at=2)  # the first two calls wait for each other

    def call(request, region):
        with lock:
            running.append(region)
            most.append(len(running))
        two.hold()
        with lock:
            running.remove(region)

    results = parallel.fan_out(request_all, call)
    assert all(result.ok for result in results.values())
    assert max(most) == 2


def test_regions_are_asked_at_the_same_time(request_all):
    # Each call answers only once all three are running.
    together = fakes.Gate(opens_at=len(REGIONS))

    results = parallel.fan_out(request_all, lambda request, region: together.hold())

    assert all(result.ok for result in results.values())
    assert together.most == len(REGIONS)


def test_regions_still_queued_at_the_deadline_time_out(settings, request_all,
                                                       gate):
    settings.MR_DASHBOARD = {"MAX_PARALLEL": 1, "REGION_TIMEOUT": 0.2,
                             "DEADLINE_MARGIN": 0.1}
    started = []

    def call(request, region):
        started.append(region)
        gate.hold()

    results = parallel.fan_out(request_all, call)
    assert started == ["RegionOne"]  # the others never left the queue
    assert [result.error.kind for result in results.values()] == [
        constants.KIND_TIMEOUT] * 3
