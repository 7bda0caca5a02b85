"""Tests of mr_dashboard.api.parallel: calls continued as they end."""

import time

from mr_dashboard import constants
from mr_dashboard.api.parallel import Call
from mr_dashboard.api.parallel import CallScheduler
from mr_dashboard.api.parallel import RegionResult
from tests.unit import fakes


def scheduler(deadline: float = 5.0) -> CallScheduler:
    return CallScheduler(fakes.api_request([]), workers=4, deadline=deadline)


def echo(request, region, value):
    return f"{region}:{value}"


def test_continuations_start_more_calls_until_none_is_left():
    calls = scheduler()
    seen = []

    def then(result):
        seen.append(result.value)
        if len(seen) < 3:
            calls.call(then, Call("R2", echo, (len(seen),)))

    calls.call(then, Call("R1", echo, (0,)))
    calls.run()

    assert seen == ["R1:0", "R2:1", "R2:2"]
    assert calls.calls == 3 and len(calls.durations) == 3


def test_call_all_hands_every_result_at_once_and_keeps_failures():
    calls = scheduler()
    gathered = []

    def fail(request, region):
        raise ConnectionError("refused")

    calls.call_all(gathered.append, {"a": Call("R1", echo, ("x",)),
                                     "b": Call("R2", fail)})
    calls.run()

    [results] = gathered
    assert results["a"].value == "R1:x"
    assert results["b"].error.kind == constants.KIND_UNREACHABLE


def test_a_call_past_the_deadline_is_given_up(gate):
    calls = scheduler(deadline=0.3)
    seen = []

    def hang(request, region):
        gate.hold()

    calls.call(seen.append, Call("R1", hang))
    calls.call(seen.append, Call("R2", echo, ("fast",)))
    calls.run()

    assert gate.passed == 0  # the run ended while the call still hung
    assert [result.value for result in seen] == ["R2:fast", None]
    assert seen[1].error.kind == constants.KIND_TIMEOUT
    assert seen[1].elapsed == 0.3  # given up at the deadline


def test_another_request_can_be_given_per_call():
    calls = scheduler()
    other = fakes.api_request([], token="other-token")
    seen = []

    calls.call(seen.append, Call("R1", lambda request, region:
                                 request.user.token.id, (), other))
    calls.run()

    assert seen[0].value == "other-token"


def test_calls_past_their_region_s_allowance_are_late_and_run_on(gate):
    calls = scheduler()
    seen = []

    def slow(request, region):
        gate.hold()
        return "slow"

    started = time.monotonic()  # before the calls: none started sooner
    calls.call(seen.append, Call("R1", echo, ("fast",)))
    calls.call(seen.append, Call("R2", slow))
    late = calls.run(late_after={"R1": 0.05, "R2": 0.2})
    waited = time.monotonic() - started

    assert [result.value for result in seen] == ["R1:fast"]
    # Waited for R2's allowance, not for its answer: still held.
    assert list(late) == ["R2"] and not late["R2"].done()
    assert waited >= 0.2 and gate.passed == 0
    gate.open()
    assert late["R2"].result(5).value == "slow"


def test_a_region_without_an_allowance_is_waited_for():
    calls = scheduler()
    seen = []

    def quick(request, region):
        time.sleep(0.3)
        return region

    calls.call(seen.append, Call("R1", quick))
    late = calls.run(late_after={})

    assert late == {} and [result.value for result in seen] == ["R1"]


def test_a_result_known_already_is_continued_like_an_answer():
    calls = scheduler()
    seen = []
    known = RegionResult("R1", value="kept", elapsed=1.5)

    future = calls.answered(seen.append, Call("R1", echo, ("x",)), known)
    started = calls.call(seen.append, Call("R2", echo, ("y",)))
    calls.run()

    assert future.result() is known and started.result().value == "R2:y"
    assert sorted(result.value for result in seen) == ["R2:y", "kept"]
    assert calls.calls == 2
