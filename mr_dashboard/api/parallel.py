"""Calls to regions in parallel, within the plugin's deadline: the one way.

:class:`CallScheduler` runs calls in a thread pool (at most ``workers`` at a
time) and hands each outcome, a :class:`RegionResult`, to the continuation
given with the call: a tree walk does not know its calls in advance, every
answer tells which come next. Continuations always run in the thread that
called :meth:`CallScheduler.run`, one at a time, so they need no locks. A
call still running after the deadline is given up as timed out; its thread
runs on until the call ends (a call to another cloud ends at its own
deadline, :mod:`mr_dashboard.api.transport.watchdog`; one to the user's own
cloud when a socket timeout fires, which a server sending a byte now and then
never lets happen). So that such threads cannot pile up, the process
counts the calls given up on while still running, per region and project
(:data:`MAX_STUCK_PER_REGION`): while a project has that many in a region,
a new call of it there is not started and is told timed out at once. The
threads a hung region holds for a project are then at most that many,
plus the calls to it already running when the count was reached (at most
one scheduler's workers for each request in flight at that moment), and
once two projects have timed out there the region is quiet for every
project (:mod:`~mr_dashboard.api.region_state`); measured: twenty fan-outs
to a region dripping under its socket timeout leave 4 threads, not 20.
:func:`run_all` runs a
known set of calls and returns their results; :func:`fan_out` runs one call
in every region and always comes back within the deadline (``REGION_TIMEOUT``
plus a small margin), whatever a region does: a region that fails or hangs
only spoils its own result. Calls left late by a page within its budget
(:meth:`CallScheduler.run` with ``late_after``) have their answers kept
in the cache for the page's follow-up, for :func:`late_owner` only, for
:func:`late_keep_seconds` (:mod:`~mr_dashboard.api.handover`,
:mod:`~mr_dashboard.api.tree.late`).
"""

import collections
import logging
import threading
import time
from collections.abc import Callable, Hashable, Iterable, Mapping
from concurrent import futures
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.regions import heat_region_names

LOG = logging.getLogger(__name__)

#: A call made in one region: ``call(request, region_name)``.
RegionCall = Callable[[ApiRequest, str], Any]

#: Most calls to one region that may run on after their scheduler gave up
#: on them; beyond, new calls there are told timed out without a thread.
MAX_STUCK_PER_REGION = 4

#: A region, the project calling it (a project of that cloud) and whether
#: it is another cloud's.
Place = tuple[str, str, bool]


class _Stuck:
    """Calls given up on while still running, per place, process-wide."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count: collections.Counter[Place] = collections.Counter()

    def full(self, place: Place) -> bool:
        """True when ``place`` has as many stuck calls as allowed."""
        with self._lock:
            return self._count[place] >= MAX_STUCK_PER_REGION

    def total(self) -> int:
        """Stuck calls in the process (their threads still run)."""
        with self._lock:
            return sum(self._count.values())

    def add(self, place: Place, future: futures.Future) -> None:
        """Count ``future`` until it ends (not at all if it never ran)."""
        if future.cancel():
            return
        with self._lock:
            self._count[place] += 1
        future.add_done_callback(lambda _: self._end(place))

    def _end(self, place: Place) -> None:
        with self._lock:
            self._count[place] -= 1
            if not self._count[place]:
                del self._count[place]


STUCK = _Stuck()


def place_of(request: ApiRequest, region: str) -> Place:
    """Where a call goes, and for whom: ``region`` of the user's cloud or
    of another (a request into another cloud carries its own
    ``transport``), for the request's project. One project's stuck calls
    (a listing of thousands of stacks, a hostile cloud of its own) never
    refuse another project's; once two projects time out in a region,
    :mod:`~mr_dashboard.api.region_state` makes it quiet for all, and no
    more calls go there."""
    return (region, str(getattr(request.user, "project_id", "") or ""),
            getattr(request, "transport", None) is not None)


@dataclass(frozen=True)
class RegionResult:
    """What one region answered, or why it did not, and how long it took."""

    region: str
    value: Any = None
    error: RegionError | None = None
    elapsed: float = 0.0  # seconds

    @property
    def ok(self) -> bool:
        """True when the region answered."""
        return self.error is None


#: What a continuation receives.
Continuation = Callable[[RegionResult], None]


@dataclass(frozen=True)
class Call:
    """``function(request, region, *args)``; ``request`` None means the
    scheduler's own."""

    region: str
    function: Callable[..., Any]
    args: tuple = ()
    request: ApiRequest | None = None
    #: What the call is for, for its caller (the scheduler ignores it).
    tag: tuple = ()


def timed_call(call: RegionCall, request: ApiRequest,
               region: str) -> RegionResult:
    """Run ``call(request, region)``; any failure becomes the result's
    error."""
    started = time.monotonic()
    try:
        value = call(request, region)
    except Exception as exc:  # noqa: BLE001 - any failure is this region's
        error = RegionError.from_exception(exc, (request.user.token.id,))
        LOG.info("Region %s: %s (%s)", region, error.message, error.kind)
        return RegionResult(region, error=error,
                            elapsed=time.monotonic() - started)
    return RegionResult(region, value=value,
                        elapsed=time.monotonic() - started)


def late_owner(request: ApiRequest) -> tuple[str, str]:
    """Who may read a page's late answers kept in the cache: the user and
    project of the page that left them."""
    return (str(request.user.id), str(request.user.project_id))


def late_keep_seconds(waited: float | None = None) -> float:
    """How long late answers are kept for a page's follow-up: the seconds
    they are ``waited`` for (a call's deadline unless said), and a minute
    to read what came."""
    return (conf.fan_out_deadline() if waited is None else waited) + 60


def stuck_result(region: str) -> RegionResult:
    """The result of a call not started: too many calls to ``region`` are
    still waiting for it."""
    LOG.info("Region %s: not asked, %d calls there still hang", region,
             MAX_STUCK_PER_REGION)
    message = gettext("Not asked: %(count)d earlier calls to this region "
                      "are still waiting for its answer.") % {
        "count": MAX_STUCK_PER_REGION}
    return RegionResult(region,
                        error=RegionError(constants.KIND_TIMEOUT, message))


def slow_result(region: str) -> RegionResult:
    """What a page takes a late region's call as: not answered, for now
    (its call runs on)."""
    return RegionResult(region, error=RegionError(
        constants.KIND_LATE, gettext("%(region)s is answering slowly…")
        % {"region": region}))


def late_result(region: str, deadline: float) -> RegionResult:
    """The result of a call given up after ``deadline`` seconds."""
    LOG.info("Region %s: no answer within %.1f s", region, deadline)
    message = gettext("No answer within %(seconds).1f seconds.") % {
        "seconds": deadline}
    return RegionResult(region,
                        error=RegionError(constants.KIND_TIMEOUT, message),
                        elapsed=deadline)


class CallScheduler:
    """Runs :class:`Call` objects in parallel and continues each one.

    A call's deadline counts from when it starts running; with ``queued``
    it counts from when it is handed over, so a call still waiting for a
    worker at the deadline times out too (a fan-out's promise).
    """

    def __init__(self, request: ApiRequest, workers: int,
                 deadline: float, queued: bool = False) -> None:
        self.request = request
        self.deadline = deadline
        self.queued = queued
        #: Seconds each finished call took, in the order they ended.
        self.durations: list[float] = []
        self._pool = futures.ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="mr-calls")
        # future -> (continuation, region, [start time once running], place)
        self._waiting: dict[futures.Future, tuple] = {}

    @property
    def calls(self) -> int:
        """Calls started so far."""
        return len(self.durations) + len(self._waiting)

    def call(self, then: Continuation, call: Call) -> futures.Future:
        """Start ``call``; ``then(result)`` runs once it has ended. Its
        future ends with a :class:`RegionResult`."""
        request = call.request or self.request
        place = place_of(request, call.region)
        if STUCK.full(place):
            return self.answered(then, call, stuck_result(call.region))
        started: list[float] = [time.monotonic()] if self.queued else []

        def run(request: ApiRequest, region: str) -> Any:
            started.append(time.monotonic())
            return call.function(request, region, *call.args)

        future = self._pool.submit(timed_call, run, request, call.region)
        self._waiting[future] = (then, call.region, started, place)
        return future

    def answered(self, then: Continuation, call: Call,
                 result: RegionResult) -> futures.Future:
        """Continue ``call`` with ``result``, known without asking (a call
        not started, an answer kept from before) as if it had ended."""
        future: futures.Future = futures.Future()
        future.set_result(result)
        self._waiting[future] = (then, call.region, [],
                                 place_of(call.request or self.request,
                                          call.region))
        return future

    def call_all(self, then: Callable[[dict[Hashable, RegionResult]], None],
                 calls: dict[Hashable, Call]) -> None:
        """Start every call; ``then(results by key)`` once all have ended."""
        results: dict[Hashable, RegionResult] = {}

        def keep(key: Hashable) -> Continuation:
            def store(result: RegionResult) -> None:
                results[key] = result
                if len(results) == len(calls):
                    then(results)
            return store

        for key, call in calls.items():
            self.call(keep(key), call)

    def run(self, late_after: Mapping[str, float] | None = None
            ) -> dict[str, futures.Future]:
        """Continue calls as they end, until none is left.

        With ``late_after`` (seconds per region), stop as soon as every
        call still waiting has run longer than its region's seconds (a
        region not named is waited for up to the deadline): those calls
        are late. They run on, their continuations never run, and their
        futures (each ends with a :class:`RegionResult`) are returned by
        region.
        """
        late: dict[str, futures.Future] = {}
        try:
            while self._waiting:
                if late_after is not None and self._all_late(late_after):
                    late = {region: future for future, (_, region, _, _)
                            in self._waiting.items()}
                    break
                done, _ = futures.wait(list(self._waiting),
                                       timeout=self._next_wake(late_after),
                                       return_when=futures.FIRST_COMPLETED)
                ended = [(future, future.result()) for future in done]
                ended += [(future, late_result(region, self.deadline))
                          for future, (_, region, started, _)
                          in self._waiting.items()
                          if future not in done and self._expired(started)]
                for future, result in ended:
                    then, _, _, place = self._waiting.pop(future)
                    if future not in done:
                        STUCK.add(place, future)
                    self.durations.append(result.elapsed)
                    then(result)
        finally:
            for future, (_, _, _, place) in self._waiting.items():
                STUCK.add(place, future)  # late, or a continuation failed
            self._pool.shutdown(wait=False, cancel_futures=True)
        return late

    def _all_late(self, late_after: Mapping[str, float]) -> bool:
        """True when every waiting call has run past its region's
        seconds (a call not started yet is not late)."""
        now = time.monotonic()
        return all(
            region in late_after and started
            and now - started[0] >= late_after[region]
            for _, region, started, _ in self._waiting.values())

    def _next_wake(self, late_after: Mapping[str, float] | None) -> float:
        """Seconds until a call expires or, with ``late_after``, becomes
        late."""
        wake = self._next_expiry()
        if late_after is None:
            return wake
        now = time.monotonic()
        # A call not started yet is late no sooner than its seconds from
        # now: look again then.
        dues = [(started[0] if started else now) + late_after[region] - now
                for _, region, started, _ in self._waiting.values()
                if region in late_after]
        return max(0.0, min([wake, *dues]))

    def _expired(self, started: list[float]) -> bool:
        return bool(started) and (
            time.monotonic() - started[0] >= self.deadline)

    def _next_expiry(self) -> float:
        """Seconds until the earliest running call reaches the deadline."""
        now = time.monotonic()
        running = [started[0] for _, _, started, _ in self._waiting.values()
                   if started]
        if not running:
            return self.deadline
        return max(0.0, min(running) + self.deadline - now)


def run_all(request: ApiRequest, calls: dict[Hashable, Call],
            workers: int | None = None, queued: bool = False,
            deadline: float | None = None) -> dict[Hashable, RegionResult]:
    """Run ``calls`` in parallel (at most ``workers``, else
    ``MAX_PARALLEL``, at a time) within ``deadline`` seconds, else the
    plugin's deadline; their results by key, in the order of ``calls``."""
    if not calls:
        return {}
    scheduler = CallScheduler(
        request, min(workers or conf.max_parallel(), len(calls)),
        deadline or conf.fan_out_deadline(), queued)
    results: dict[Hashable, RegionResult] = {}
    scheduler.call_all(results.update, calls)
    scheduler.run()
    return {key: results[key] for key in calls}


def fan_out_paced(request: ApiRequest, call: RegionCall,
                  regions: Iterable[str], late_after: Mapping[str, float]
                  ) -> tuple[dict[str, RegionResult],
                             dict[str, futures.Future]]:
    """:func:`fan_out` within a page's budget: the results of the regions
    that answered (or failed) in time, and the futures of those still
    running once each has taken longer than its ``late_after`` seconds
    (see :meth:`CallScheduler.run`)."""
    calls = {name: Call(name, call) for name in regions}
    if not calls:
        return {}, {}
    scheduler = CallScheduler(request, min(conf.max_parallel(), len(calls)),
                              conf.fan_out_deadline(), queued=True)
    results: dict[str, RegionResult] = {}
    for name, each in calls.items():
        scheduler.call(lambda result, name=name: results.__setitem__(
            name, result), each)
    late = scheduler.run(late_after)
    return {name: results[name] for name in calls if name in results}, late


def fan_out(request: ApiRequest, call: RegionCall,
            regions: Iterable[str] | None = None) -> dict[str, RegionResult]:
    """Run ``call(request, name)`` for each region name, in parallel.

    ``regions`` defaults to every Heat region of the user's catalog. The
    result maps each name, in the order given, to its
    :class:`RegionResult`; it comes back within the deadline.
    """
    names = heat_region_names(request) if regions is None else regions
    return run_all(request, {name: Call(name, call) for name in names},
                   queued=True)
