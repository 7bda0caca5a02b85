"""Tests of mr_dashboard.api.region_state: timed-out regions remembered in
Django's cache and retried off the page, against small Heat stand-ins on
127.0.0.1 (real sockets, real heatclient)."""

import json

import pytest
from django.core.cache import cache

from mr_dashboard import constants
from mr_dashboard.api import region_state
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.parallel import RegionResult
from tests.unit import fakes

TIMED_OUT = RegionResult("RegionTwo", error=RegionError(
    constants.KIND_TIMEOUT, "No answer within 1.0 seconds."), elapsed=1.0)
REFUSED = RegionResult("RegionThree", error=RegionError(
    constants.KIND_UNREACHABLE, "ConnectFailure"), elapsed=0.01)


@pytest.fixture(autouse=True)
def clean_cache(settings):
    settings.MR_DASHBOARD = {"REGION_QUIET_SECONDS": 30,
                             "REGION_TIMEOUT": 0.3, "DEADLINE_MARGIN": 0.2}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def request_three():
    return fakes.api_request(fakes.catalog(
        ("RegionOne", "RegionTwo", "RegionThree")))


def test_only_a_timeout_makes_a_region_quiet(request_three):
    region_state.remember(request_three, {
        "RegionOne": RegionResult("RegionOne", value=[]),
        "RegionTwo": TIMED_OUT, "RegionThree": REFUSED})

    quiet = region_state.quiet_regions(
        request_three, ["RegionOne", "RegionTwo", "RegionThree"])

    assert list(quiet) == ["RegionTwo"]
    assert quiet["RegionTwo"].error.kind == constants.KIND_TIMEOUT
    assert quiet["RegionTwo"].error.message == TIMED_OUT.error.message
    assert quiet["RegionTwo"].elapsed == 1.0
    assert 0 <= quiet["RegionTwo"].age < 5


def test_an_answer_brings_the_region_back(request_three):
    region_state.remember(request_three, {"RegionTwo": TIMED_OUT})
    region_state.remember(request_three, {
        "RegionTwo": RegionResult("RegionTwo", value=[])})
    assert region_state.quiet_regions(request_three, ["RegionTwo"]) == {}


def test_the_state_lives_in_the_shared_cache_without_the_token(
        request_three):
    region_state.remember(request_three, {"RegionTwo": TIMED_OUT})
    other_user = fakes.api_request(
        fakes.catalog(("RegionOne", "RegionTwo")), token="another-token")
    assert list(region_state.quiet_regions(other_user, ["RegionTwo"])) == [
        "RegionTwo"]
    stored = cache.get(region_state._key(request_three, "RegionTwo"))
    assert stored["message"] == TIMED_OUT.error.message
    assert fakes.TOKEN not in repr(stored)


def test_a_quiet_period_of_zero_turns_the_memory_off(settings,
                                                     request_three):
    settings.MR_DASHBOARD = {"REGION_QUIET_SECONDS": 0}
    region_state.remember(request_three, {"RegionTwo": TIMED_OUT})
    assert region_state.quiet_regions(request_three, ["RegionTwo"]) == {}


def test_the_background_retry_brings_back_a_region_that_answers(
        http_server):
    port = http_server(lambda handler: (200, {"stacks": []}))
    request = fakes.api_request(fakes.local_catalog({"RegionTwo": port}))
    region_state.remember(request, {"RegionTwo": TIMED_OUT})

    threads = region_state.retry_in_background(request, ["RegionTwo"])
    assert len(threads) == 1
    threads[0].join(5)

    assert region_state.quiet_regions(request, ["RegionTwo"]) == {}


def test_a_region_still_hanging_stays_quiet_and_is_retried_once(
        silent_port):
    request = fakes.api_request(
        fakes.local_catalog({"RegionTwo": silent_port}))
    region_state.remember(request, {"RegionTwo": TIMED_OUT})
    before = region_state.quiet_regions(request, ["RegionTwo"])["RegionTwo"]

    threads = region_state.retry_in_background(request, ["RegionTwo"])
    # A second page while the first retry runs starts none.
    assert region_state.retry_in_background(request, ["RegionTwo"]) == []
    threads[0].join(5)

    after = region_state.quiet_regions(request, ["RegionTwo"])["RegionTwo"]
    assert after.since > before.since
    assert after.error.kind == constants.KIND_TIMEOUT


def project_request(project: str):
    """A user of ``project``: Heat's v1 endpoints name it."""
    found = json.loads(json.dumps(fakes.catalog(("RegionOne", "RegionTwo")))
                       .replace(fakes.PROJECT_ID, project))
    return fakes.api_request(found, token=f"token-of-{project}")


def test_one_projects_timeout_quiets_the_region_for_that_project_only():
    big, small = project_request("b1g"), project_request("5ma11")
    region_state.remember(big, {"RegionTwo": TIMED_OUT})
    region_state.remember(big, {"RegionTwo": TIMED_OUT})  # counted once

    assert list(region_state.quiet_regions(big, ["RegionOne", "RegionTwo"])) == [
        "RegionTwo"]
    assert region_state.quiet_regions(small, ["RegionOne", "RegionTwo"]) == {}


def test_timeouts_of_several_projects_quiet_the_region_for_everyone():
    first, second, third = (project_request(p) for p in ("a1", "b2", "c3"))
    region_state.remember(first, {"RegionTwo": TIMED_OUT})
    region_state.remember(second, {"RegionTwo": TIMED_OUT})

    quiet = region_state.quiet_regions(third, ["RegionOne", "RegionTwo"])
    assert list(quiet) == ["RegionTwo"]
    assert quiet["RegionTwo"].error.message == TIMED_OUT.error.message
    # Nothing in the cache names a project or holds a token.
    for key in (region_state._key(first, "RegionTwo"),
                region_state._shared_key(first, "RegionTwo")):
        stored = repr(cache.get(key))
        assert "a1" not in stored and "token-of" not in stored


def test_any_projects_answer_brings_the_region_back_for_all_but_the_slow():
    slow, other, third = (project_request(p) for p in ("a1", "b2", "c3"))
    region_state.remember(slow, {"RegionTwo": TIMED_OUT})
    region_state.remember(other, {"RegionTwo": TIMED_OUT})

    region_state.remember(third, {"RegionTwo": RegionResult("RegionTwo", value=[])})

    assert region_state.quiet_regions(third, ["RegionTwo"]) == {}
    assert region_state.quiet_regions(project_request("d4"), ["RegionTwo"]) == {}
    assert list(region_state.quiet_regions(slow, ["RegionTwo"])) == ["RegionTwo"]


def test_a_slow_project_answering_its_retry_is_not_counted_again():
    """The retry asks for one stack, which a project with thousands of
    stacks answers at once: its next timeout is not a second project."""
    slow = project_request("b1g")
    region_state.remember(slow, {"RegionTwo": TIMED_OUT})
    region_state.remember(slow, {"RegionTwo": RegionResult("RegionTwo", value=[])})
    region_state.remember(slow, {"RegionTwo": TIMED_OUT})

    assert region_state.quiet_regions(project_request("5ma11"), ["RegionTwo"]) == {}


def answered(region: str, seconds: float) -> RegionResult:
    return RegionResult(region, value=[], elapsed=seconds)


def test_a_region_not_learned_yet_is_waited_for_up_to_the_ceiling(
        request_three, settings):
    settings.MR_DASHBOARD = {"PAGE_BUDGET_CEILING": 1.5}
    assert region_state.allowances(request_three, ["RegionOne"]) == {
        "RegionOne": 1.5}


def test_the_allowance_follows_the_usual_time_and_its_spread(request_three):
    for took in (1.2, 0.10, 0.11, 0.09, 0.10, 0.12):  # a first slow one
        region_state.learn(request_three, {
            "RegionOne": answered("RegionOne", took),
            "RegionTwo": answered("RegionTwo", took + 0.3),
            "RegionThree": REFUSED})
    waits = region_state.allowances(request_three, list(
        ("RegionOne", "RegionTwo", "RegionThree")))
    assert 0.15 <= waits["RegionOne"] < 0.2  # the least spread
    assert 0.45 <= waits["RegionTwo"] < 0.5
    assert waits["RegionThree"] == region_state.conf.page_budget_ceiling()


def test_only_the_last_answers_count_and_a_jittery_region_gets_more_room(
        request_three, settings):
    for took in (0.1,) * 8 + (0.1, 0.9) * 4:
        region_state.learn(request_three, {"RegionOne": answered(
            "RegionOne", took)})
    assert region_state.allowances(request_three, ["RegionOne"])[
        "RegionOne"] > 1.0
    settings.MR_DASHBOARD = {"PAGE_BUDGET_CEILING": 0.8}
    assert region_state.allowances(request_three, ["RegionOne"]) == {
        "RegionOne": 0.8}
    settings.MR_DASHBOARD = {"PAGE_BUDGET_CEILING": 0}
    assert region_state.allowances(request_three, ["RegionOne"]) == {}
