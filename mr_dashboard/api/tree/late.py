"""The tree walk within a page's budget: late calls, kept across walks.

The tree's page asks for the tree again and again while anything in it is
in progress (:class:`~mr_dashboard.panels.stacks.detail.views.TreeView`).
With a budget, :class:`PacedScheduler` runs the walk's calls and stops as
the Stacks page does (:meth:`~mr_dashboard.api.parallel.CallScheduler.run`
with each region's allowance, :func:`budget`): once every call still
running is past its region's usual time, those calls are **late**. The
walk marks the stacks they were for as late (the page says the region is
answering slowly and asks again); the calls run on (the scheduler counts
them as stuck), and each one's entry in Django's cache says so until its
answer replaces it, from the thread that made the call.

The next walk of the same tree, by any worker, makes the same calls: a
call whose answer is kept is continued with it at once (and the entry
dropped, unless the stack it was for is still late: waiting for another of
its calls), so the late branch fills in without waiting again; a call still
running late is not made again (the stack stays late, no new thread); one
still running past its deadline is given up as a timeout, that branch's
ordinary failure. Entries are keyed by the user, the project, the tree's
root and the call; they hold the call's answer (stacks, resources, a
template), never a token: a call whose answer is a request into another
cloud (:data:`UNKEPT`) is only kept from being made twice at once.

Each region's usual time for the tree's calls is learned apart from the
Stacks page's (``what`` :data:`WHAT`), from the slowest call of each walk
that answered in time in the user's own cloud.
"""

import hashlib
import time
from collections.abc import Mapping
from concurrent import futures
from dataclasses import dataclass
from functools import partial

from django.core.cache import cache

from mr_dashboard import conf
from mr_dashboard.api import region_state
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.other_cloud import cloud_request_call
from mr_dashboard.api.parallel import Call
from mr_dashboard.api.parallel import CallScheduler
from mr_dashboard.api.parallel import Continuation
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.api.parallel import late_keep_seconds
from mr_dashboard.api.parallel import late_owner
from mr_dashboard.api.parallel import late_result
from mr_dashboard.api.regions import heat_region_names

PREFIX = "mr_dashboard:late-tree:"
#: The tree's calls' pace, learned apart from the Stacks page's.
WHAT = ":tree"
#: Calls whose answer carries a token: never kept in the cache.
UNKEPT = frozenset({cloud_request_call})


@dataclass(frozen=True)
class Running:
    """A late call still running, given up at ``deadline`` (epoch)."""

    deadline: float


def budget(request: ApiRequest) -> dict[str, float]:
    """Seconds a walk waits for each region's calls once the rest has
    answered; empty when the budget is off (``PAGE_BUDGET_CEILING`` 0)."""
    return region_state.allowances(request, heat_region_names(request), WHAT)


class PacedScheduler(CallScheduler):
    """The walk's scheduler within a budget: calls late in an earlier walk
    are continued with their kept answers or left late (see the module).
    ``scope`` names the tree (its root's key)."""

    def __init__(self, request: ApiRequest, scope: str, workers: int,
                 deadline: float) -> None:
        super().__init__(request, workers, deadline)
        self._scope = "\n".join((*late_owner(request), scope))
        #: Calls late in this walk, or still running from an earlier one.
        self.late: list[Call] = []
        self._running: dict[object, tuple[Call, str, futures.Future]] = {}
        self._used: list[tuple[Call, str, RegionResult]] = []
        self._paces: dict[str, float] = {}

    def _key(self, call: Call) -> str:
        own = call.request in (None, self.request)
        parts = (self._scope, call.region, "own" if own else "other",
                 f"{call.function.__module__}.{call.function.__qualname__}",
                 repr(call.args))
        return PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def call(self, then: Continuation, call: Call) -> futures.Future | None:
        """Continue ``call`` with its kept answer, leave it late while it
        still runs from an earlier walk, else start it."""
        key = self._key(call)
        kept = cache.get(key)
        if isinstance(kept, Running) and time.time() < kept.deadline:
            self.late.append(call)
            return None
        if kept is not None:
            cache.delete(key)
            result = kept if isinstance(kept, RegionResult) else late_result(
                call.region, conf.fan_out_deadline())
            self._used.append((call, key, result))
            return self.answered(then, call, result)
        token = object()

        def ended(result: RegionResult) -> None:
            del self._running[token]
            if result.ok and call.request in (None, self.request):
                self._paces[call.region] = max(
                    result.elapsed, self._paces.get(call.region, 0.0))
            then(result)

        future = super().call(ended, call)
        self._running[token] = (call, key, future)
        return future

    def run_paced(self, late_after: Mapping[str, float]) -> list[Call]:
        """:meth:`run` within ``late_after``; keep each call late now until
        its answer comes, learn the regions' pace; the late calls."""
        self.run(late_after)
        deadline = time.time() + conf.fan_out_deadline()
        for call, key, future in self._running.values():
            self.late.append(call)
            cache.set(key, Running(deadline), timeout=late_keep_seconds())
            future.add_done_callback(
                partial(_keep, key, call.function not in UNKEPT))
        still = {node for call in self.late for node in call.tag}
        cache.set_many({key: result for call, key, result in self._used
                        if still.intersection(call.tag)},
                       timeout=late_keep_seconds())
        if self._paces:
            region_state.learn(self.request, {
                region: RegionResult(region, elapsed=took)
                for region, took in self._paces.items()}, WHAT)
        return self.late


def _keep(key: str, keep: bool, done: futures.Future) -> None:
    """Keep a late call's answer for the next walk (in the thread that made
    the call); a call never run, or whose answer is not kept, is made
    again by the next walk."""
    if keep and not done.cancelled():
        cache.set(key, done.result(), timeout=late_keep_seconds())
    else:
        cache.delete(key)
