"""The Stack Sets page within its budget: late regions handed over to its
follow-up.

The page lists every region's stacks at once (:func:`listed`); once the
others have answered, a region past its allowance
(:func:`~mr_dashboard.api.region_state.allowances` of :data:`PACE`) is
late: the page shows the sets without its members, says it is answering
slowly, and its listing runs on, handed over with the regions that
answered (:mod:`~mr_dashboard.api.handover`). The page's follow-up, served
by any worker, reads every region's listing back with :func:`collect` once
the late ones came (or were given up at their deadline), and the page's
sets are made again from them. Every answer, late or not, is remembered
as the Stacks page's are (a timeout quiets the region).
"""

from dataclasses import dataclass

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api import handover
from mr_dashboard.api import parallel
from mr_dashboard.api import region_state
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.regions import heat_region_names
from mr_dashboard.api.stack_sets import members

#: What the listings' answer times are learned as.
PACE = "sets"


@dataclass(frozen=True)
class Listed:
    """Each region's listing, a late one as "answering slowly", and the
    key of the follow-up that gives them ("" when none was late)."""

    results: dict[str, parallel.RegionResult]
    late_key: str = ""

    @property
    def late(self) -> tuple[str, ...]:
        return tuple(
            region for region, result in self.results.items()
            if not result.ok and result.error.kind == constants.KIND_LATE)


def _remember(request: ApiRequest, region: str,
              result: parallel.RegionResult) -> None:
    region_state.remember(request, {region: result})


def listed(request: ApiRequest) -> Listed:
    """Every Heat region's stacks, within the page's budget."""
    regions = heat_region_names(request)
    waits = (region_state.allowances(request, regions, PACE)
             if len(regions) > 1 else {})
    results, running = parallel.fan_out_paced(
        request, members.listed, regions, waits)
    region_state.remember(request, results)
    region_state.learn(request, results, PACE)
    key = handover.hand_over(
        request, results, running, conf.fan_out_deadline(),
        on_result=lambda region, result: _remember(request, region, result)
    ) if running else ""
    return Listed({region: results.get(region) or parallel.slow_result(
        region) for region in regions}, key)


def collect(request: ApiRequest, key: str, wait: float) -> Listed | None:
    """Every region's listing of the page ``key`` once its late regions
    answered or were given up (waited for ``wait`` seconds at most):
    still "answering slowly" while some are out, with the same key; None
    when ``key`` is unknown, too old, or another user's or project's."""
    found = handover.collect(
        request, key, wait, on_given_up=lambda region, result:
            _remember(request, region, result))
    if found is None or not isinstance(found.kept.base, dict):
        return None
    results = {**found.kept.base, **found.results}
    results.update((region, parallel.slow_result(region))
                   for region in found.waiting)
    return Listed(results, key if found.waiting else "")
