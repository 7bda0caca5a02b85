"""Batches and tolerated failures of a set operation, on plain steps."""
from django.test import override_settings

from mr_dashboard.api.stack_sets import rollout
from tests.unit import fakes

REGIONS = ["RegionOne", "RegionTwo", "RegionThree", "RegionFour"]


def request():
    return fakes.api_request(fakes.catalog(tuple(REGIONS)))


def steps(failing=()):
    started = []

    def step(_request, region):
        started.append(region)
        if region in failing:
            raise RuntimeError(f"{region} refused")
        return None  # nothing to wait for

    return step, started


@override_settings(MR_DASHBOARD={"REGION_TIMEOUT": 2.0})
def test_every_region_at_once_by_default():
    step, started = steps(failing={"RegionTwo"})
    outcomes = rollout.roll_out(request(), REGIONS, step)
    assert sorted(started) == sorted(REGIONS)
    assert [o.state for o in outcomes.values()] == [
        rollout.DONE, rollout.FAILED, rollout.DONE, rollout.DONE]
    assert "RegionTwo refused" in outcomes["RegionTwo"].message


@override_settings(MR_DASHBOARD={"REGION_TIMEOUT": 2.0})
def test_no_batch_starts_past_the_tolerated_failures():
    step, started = steps(failing={"RegionOne", "RegionTwo"})
    outcomes = rollout.roll_out(request(), REGIONS, step, max_at_once=2,
                                failures_tolerated=1)
    assert sorted(started) == ["RegionOne", "RegionTwo"]
    assert [o.state for o in outcomes.values()] == [
        rollout.FAILED, rollout.FAILED, rollout.NOT_STARTED, rollout.NOT_STARTED]


@override_settings(MR_DASHBOARD={"REGION_TIMEOUT": 2.0})
def test_tolerated_failures_let_the_next_batches_go():
    step, started = steps(failing={"RegionOne"})
    outcomes = rollout.roll_out(request(), REGIONS, step, max_at_once=1,
                                failures_tolerated=1)
    assert started == REGIONS
    assert [o.ok for o in outcomes.values()] == [False, True, True, True]
