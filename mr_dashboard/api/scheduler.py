"""Many calls to regions in flight at once, each continued when it ends.

A tree walk does not know its calls in advance: every answer tells which
calls come next. :class:`CallScheduler` runs calls in a thread pool and hands
each outcome, a :class:`~mr_dashboard.api.fanout.RegionResult`, to the
continuation given with the call. Continuations always run in the thread
that called :meth:`CallScheduler.run`, one at a time, so they need no locks.
A call still running after the deadline is given up as timed out, like a
region in a fan-out.
"""

import time
from collections.abc import Callable
from concurrent import futures
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from mr_dashboard.api import fanout

#: What a continuation receives.
Continuation = Callable[[fanout.RegionResult], None]


@dataclass(frozen=True)
class Call:
    """``function(request, region, *args)``; ``request`` None means the
    scheduler's own."""

    region: str
    function: Callable[..., Any]
    args: tuple = ()
    request: HttpRequest | None = None


class CallScheduler:
    """Runs :class:`Call` objects in parallel and continues each one."""

    def __init__(self, request: HttpRequest, workers: int,
                 deadline: float) -> None:
        self.request = request
        self.deadline = deadline
        #: Seconds each finished call took, in the order they ended.
        self.durations: list[float] = []
        self._pool = futures.ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="mr-tree")
        # future -> (continuation, region, [start time once running])
        self._waiting: dict[futures.Future, tuple] = {}

    @property
    def calls(self) -> int:
        """Calls started so far."""
        return len(self.durations) + len(self._waiting)

    def call(self, then: Continuation, call: Call) -> None:
        """Start ``call``; ``then(result)`` runs once it has ended."""
        started: list[float] = []

        def run(request: HttpRequest, region: str) -> Any:
            started.append(time.monotonic())
            return call.function(request, region, *call.args)

        future = self._pool.submit(fanout.timed_call, run,
                                   call.request or self.request, call.region)
        self._waiting[future] = (then, call.region, started)

    def call_all(self, then: Callable[[dict[str, fanout.RegionResult]], None],
                 calls: dict[str, Call]) -> None:
        """Start every call; ``then(results by key)`` once all have ended."""
        results: dict[str, fanout.RegionResult] = {}

        def keep(key: str) -> Continuation:
            def store(result: fanout.RegionResult) -> None:
                results[key] = result
                if len(results) == len(calls):
                    then(results)
            return store

        for key, call in calls.items():
            self.call(keep(key), call)

    def run(self) -> None:
        """Continue calls as they end, until none is left."""
        try:
            while self._waiting:
                done, _ = futures.wait(list(self._waiting),
                                       timeout=self._next_expiry(),
                                       return_when=futures.FIRST_COMPLETED)
                ended = [(future, future.result()) for future in done]
                ended += [(future, fanout.late_result(region, self.deadline))
                          for future, (_, region, started)
                          in self._waiting.items()
                          if future not in done and self._expired(started)]
                for future, result in ended:
                    then = self._waiting.pop(future)[0]
                    self.durations.append(result.elapsed)
                    then(result)
        finally:
            # A hung call's thread ends by itself when its socket times out.
            self._pool.shutdown(wait=False, cancel_futures=True)

    def _expired(self, started: list[float]) -> bool:
        return bool(started) and (
            time.monotonic() - started[0] >= self.deadline)

    def _next_expiry(self) -> float:
        """Seconds until the earliest running call reaches the deadline."""
        now = time.monotonic()
        running = [started[0] for _, _, started in self._waiting.values()
                   if started]
        if not running:
            return self.deadline
        return max(0.0, min(running) + self.deadline - now)
