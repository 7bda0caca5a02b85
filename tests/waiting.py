"""The one way the tests and benchmarks wait for the cloud: poll a value
until it is what they want, within a deadline.

Every wait on the demo cloud (a stack settled, a snapshot taken, a Heat API
gone, a page showing a row) goes through :func:`wait_until`, so a wait that
runs out always says what it waited for and what it saw last.
"""
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class WaitTimeout(AssertionError):
    """A wait ran out: a test failure naming what was waited for."""


def wait_until(check: Callable[[], T], timeout: float | None, interval: float = 0.25,
               what: str = "the condition", *, done: Callable[[T], bool] = bool,
               fail: bool = True) -> T:
    """Call ``check()`` every ``interval`` s until ``done(value)`` (by
    default: the value is true); returns the last value.

    ``check`` is called at least once, and once more after the deadline
    (``timeout`` s from now; None: no deadline, for the benchmarks' fills).
    When it runs out, raises :class:`WaitTimeout` naming ``what`` and the
    last value seen, or with ``fail=False`` returns that value for the
    caller to judge.
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        value = check()
        if done(value):
            return value
        if deadline is not None and time.monotonic() >= deadline:
            if fail:
                raise WaitTimeout(f"{what}: not within {timeout:g} s; last seen: {value!r}")
            return value
        time.sleep(interval)


#: How long a late part's follow-up is asked at most: a hang, not a speed.
FOLLOW_UP_LIMIT = 90.0


def follow_up_done(client, url: str, what: str = "the late part's follow-up") -> dict:
    """The answer of a late part's follow-up (``url``: JSON with a
    ``state``) once it is done; asked again at once (the view waits up to
    a second for the late answers itself), for at most
    :data:`FOLLOW_UP_LIMIT` seconds."""
    return wait_until(lambda: client.get(url).json(), FOLLOW_UP_LIMIT, 0, what,
                      done=lambda answer: answer["state"] == "done")


def whole_lineage(client, url: str, query: dict, late_url: str = "") -> dict:
    """A stack's way up (its lineage view's answer, ``url`` with
    ``query``; first ``late_url`` when given) once no region is late: a
    late answer's ``late_url`` is asked next, until an answer names none
    (a busy region may be late, with no freeze)."""
    again = [late_url] if late_url else []

    def ask() -> dict:
        answer = (client.get(again.pop()) if again else client.get(url, query)).json()
        again.extend([answer["late_url"]] if answer["late_url"] else [])
        return answer
    return wait_until(ask, FOLLOW_UP_LIMIT, 0, "the whole way up",
                      done=lambda answer: not answer["late"])


def whole_tree(client, url: str, query: dict | None = None) -> dict:
    """A stack tree view's answer (``url`` with ``query``, JSON) once no
    region is late: on a busy machine a region may answer past its
    allowance, and its branch comes late, without its resources (a later
    walk fills it in; rehearsal of 7 Dec.: RegionOne's, in
    test_resource_pages)."""
    def ask() -> dict:
        answer = client.get(url, query or {})
        assert answer.status_code == 200, answer.status_code
        return answer.json()
    return wait_until(ask, FOLLOW_UP_LIMIT, 0.2, "the whole tree",
                      done=lambda answer: not answer["late"])
