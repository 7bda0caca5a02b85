"""A listing of every region within a page's budget, its late regions
handed over to the page's follow-up.

A page made of one call per region (the Stack Sets list, the Resource
Types page) asks them all at once (:func:`fan_out`); once the others have
answered, a region past its allowance
(:func:`~mr_dashboard.api.region_state.allowances` of the page's ``what``)
is late: the page is made without it, saying it answers slowly, and its
call runs on, handed over with the regions that answered
(:mod:`~mr_dashboard.api.handover`, marked with ``what``). The page's
follow-up, served by any worker, reads every region's result back with
:func:`collect` once the late ones came (or were given up at their
deadline), and the page's part is made again from them
(:class:`~mr_dashboard.panels.shared.late_section.LateSection`). Every
answer, late or not, is remembered as the Stacks page's are (a timeout
quiets the region).
"""

from collections.abc import Collection
from collections.abc import Iterable
from dataclasses import dataclass

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api import handover
from mr_dashboard.api import parallel
from mr_dashboard.api import region_state
from mr_dashboard.api.contract import ApiRequest


@dataclass(frozen=True)
class Listed:
    """Each region's result, a late one as "answering slowly", and the
    key of the follow-up that gives them ("" when none is late)."""

    results: dict[str, parallel.RegionResult]
    late_key: str = ""
    #: The regions late when the page was made whose results came since
    #: (answered or failed; :func:`collect`).
    arrived: tuple[str, ...] = ()

    @property
    def late(self) -> tuple[str, ...]:
        return tuple(
            region for region, result in self.results.items()
            if not result.ok and result.error.kind == constants.KIND_LATE)


@dataclass(frozen=True)
class _Page:
    """What a page was made of: its regions, and those that answered."""

    regions: tuple[str, ...]
    answered: dict[str, parallel.RegionResult]


def _remember(request: ApiRequest, region: str,
              result: parallel.RegionResult) -> None:
    region_state.remember(request, {region: result})


def fan_out(request: ApiRequest, call: parallel.RegionCall,
            regions: Iterable[str], what: str,
            waited: Collection[str] = ()) -> Listed:
    """``call(request, region)`` for each of ``regions``, within the
    page's budget (each region's pace learned as ``what``); the
    ``waited`` regions are waited for, never late (a page that cannot be
    made without them)."""
    regions = list(regions)
    waits = {region: seconds for region, seconds in (
        region_state.allowances(request, regions, what)
        if len(regions) > 1 else {}).items() if region not in waited}
    results, running = parallel.fan_out_paced(request, call, regions, waits)
    region_state.remember(request, results)
    region_state.learn(request, results, what)
    key = handover.hand_over(
        request, _Page(tuple(regions), results), running,
        conf.fan_out_deadline(), mark=what,
        on_result=lambda region, result: _remember(request, region, result)
    ) if running else ""
    return Listed({region: results.get(region) or parallel.slow_result(
        region) for region in regions}, key)


def collect(request: ApiRequest, key: str, what: str,
            wait: float) -> Listed | None:
    """Every region's result of the page ``key`` once its late regions
    answered or were given up (waited for ``wait`` seconds at most):
    still "answering slowly" while some are out, with the same key; None
    when ``key`` is unknown, too old, another user's or project's, or
    not a page of ``what``."""
    found = handover.collect(
        request, key, wait, mark=what, on_given_up=lambda region, result:
            _remember(request, region, result))
    if found is None or not isinstance(found.kept.base, _Page):
        return None
    page = found.kept.base
    results = {**page.answered, **found.results}
    return Listed({region: results.get(region) or parallel.slow_result(
        region) for region in page.regions}, key if found.waiting else "",
        tuple(region for region in page.regions if region in found.results))
