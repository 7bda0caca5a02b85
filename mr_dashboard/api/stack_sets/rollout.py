"""One set operation carried out region by region, as StackSets do:
at most ``max_at_once`` regions at a time, and no new region started once
more than ``failures_tolerated`` have failed.

With every region in one batch (the default) the calls start at once and
the page follows the members' progress. With smaller batches a batch ends
when each of its members has left ``*_IN_PROGRESS`` (or after
``STACK_ACTION_TIMEOUT``: then the regions left are not started, and say
so), and a member ending ``*_FAILED`` counts as a failure. Every region
ends with an :class:`Outcome`: nothing is left unsaid.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from heatclient import exc as heat_exc

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api import parallel
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.heat.status import in_progress
from mr_dashboard.api.heat.status import state_of

DONE, FAILED, NOT_STARTED = "done", "failed", "not_started"
POLL_SECONDS = 1.0

#: ``call(request, region)``: starts the region's part, returns the stack
#: id it acts on (or None when nothing is left to follow).
RegionStep = Callable[[ApiRequest, str], str | None]


@dataclass(frozen=True)
class Outcome:
    """How one region's part of an operation ended."""

    region: str
    state: str
    message: str = ""
    stack_id: str | None = None

    @property
    def ok(self) -> bool:
        return self.state == DONE


def _settled(request: ApiRequest, region: str, stack_id: str,
             wait: float) -> str:
    """The member's status once out of progress (or as it is at ``wait``
    seconds); a member gone counts as settled."""
    deadline = time.monotonic() + wait
    while True:
        try:
            status = heat.stack_get(request, region, stack_id).status
        except heat_exc.HTTPNotFound:
            return ""
        if not in_progress(status) or time.monotonic() >= deadline:
            return status
        time.sleep(POLL_SECONDS)


def _step(step: RegionStep, wait: float | None) -> Callable[..., Any]:
    def run(request: ApiRequest, region: str) -> tuple[str | None, str]:
        stack_id = step(request, region)
        if wait is None or stack_id is None:
            return stack_id, ""
        return stack_id, _settled(request, region, stack_id, wait)
    return run


def _outcome(result: parallel.RegionResult) -> Outcome:
    if not result.ok:
        return Outcome(result.region, FAILED, result.error.message)
    stack_id, status = result.value
    if state_of(status) == constants.STATE_FAILED:
        return Outcome(result.region, FAILED, gettext(
            "The stack ended %(status)s.") % {"status": status}, stack_id)
    if in_progress(status):
        return Outcome(result.region, FAILED, gettext(
            "Still %(status)s when the next regions were due.")
            % {"status": status}, stack_id)
    return Outcome(result.region, DONE, stack_id=stack_id)


def roll_out(request: ApiRequest, regions: list[str], step: RegionStep,
             max_at_once: int | None = None,
             failures_tolerated: int = 0) -> dict[str, Outcome]:
    """Run ``step`` in every region of ``regions``, in batches."""
    size = max(1, min(max_at_once or len(regions), len(regions) or 1))
    batched = size < len(regions)
    wait = conf.stack_action_timeout()
    outcomes: dict[str, Outcome] = {}
    failures = 0
    for start in range(0, len(regions), size):
        batch = regions[start:start + size]
        if failures > failures_tolerated:
            message = gettext(
                "Not started: %(count)d regions failed, more than the "
                "%(tolerated)d tolerated.") % {
                "count": failures, "tolerated": failures_tolerated}
            outcomes.update({region: Outcome(region, NOT_STARTED, message)
                             for region in batch})
            continue
        last = start + size >= len(regions)
        results = parallel.run_all(
            request, {region: parallel.Call(region, _step(
                step, None if last or not batched else wait))
                for region in batch},
            deadline=wait * 2 + conf.fan_out_deadline())
        for region, result in results.items():
            outcomes[region] = _outcome(result)
            failures += not outcomes[region].ok
    return {region: outcomes[region] for region in regions}
