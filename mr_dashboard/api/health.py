"""Each region's health for the Regions page, within a page's budget.

:func:`region_health` asks every region's Heat for its build info at once
(:func:`~mr_dashboard.api.heat.build_info`), and waits for each region
only its allowance once the others have answered
(:func:`~mr_dashboard.api.region_state.allowances`, learned apart from the
Stacks page's listings). A region still answering then is reported late
(``KIND_LATE``). Its call runs on: while it runs, the page's next polls
report the region late again without asking it a second time; once it has
ended, the next poll reports how it ended (an answer, an error, or a
timeout at its deadline) and asks the region afresh after that. The
outcome is kept in the cache every Horizon worker shares, per region and
project; it holds no token.
"""

import time
from collections.abc import Iterable
from concurrent import futures

from django.core.cache import cache
from django.utils.translation import gettext

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api import region_state
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.api.parallel import fan_out_paced
from mr_dashboard.api.parallel import late_result
from mr_dashboard.api.regions import heat_region_names

#: The calls whose usual time the allowances of this page learn from.
WHAT = "health"


def _running(request: ApiRequest, region: str) -> str:
    return region_state.project_key(request, region, "health-running")


def _ended(request: ApiRequest, region: str) -> str:
    return region_state.project_key(request, region, "health-ended")


def late(region: str, since: float) -> RegionResult:
    """The result of a region still answering after ``since`` seconds."""
    return RegionResult(region, error=RegionError(
        constants.KIND_LATE,
        gettext("Still answering after %(seconds).1f seconds.")
        % {"seconds": since}), elapsed=since)


def region_health(request: ApiRequest, regions: Iterable[str] | None = None
                  ) -> dict[str, RegionResult]:
    """Whether each of ``regions`` (default: all) answers, and how fast;
    late ones as the module says. In the order of ``regions``."""
    names = list(heat_region_names(request) if regions is None else regions)
    keys = {key: region for region in names
            for key in (_running(request, region), _ended(request, region))}
    found = cache.get_many(list(keys))
    now = time.time()
    kept: dict[str, RegionResult] = {}
    for region in names:
        ended = found.get(_ended(request, region))
        started = found.get(_running(request, region))
        if ended is not None:
            kept[region] = ended
        elif started is not None:
            kept[region] = (late(region, now - started)
                            if now < started + conf.fan_out_deadline()
                            else late_result(region, conf.fan_out_deadline()))
    if kept:
        cache.delete_many([_ended(request, region) for region in kept])
    ask = [region for region in names if region not in kept]
    waits = (region_state.allowances(request, ask, WHAT)
             if len(ask) > 1 else {})
    results, running = fan_out_paced(request, heat.build_info, ask, waits)
    region_state.learn(request, results, WHAT)
    for region, future in running.items():
        _hand_over(request, region, future, now)
        results[region] = late(region, waits[region])
    return {region: kept.get(region) or results[region] for region in names}


def _hand_over(request: ApiRequest, region: str, future: futures.Future,
               started: float) -> None:
    """Mark the region's call running; keep its outcome when it ends."""
    keep = conf.fan_out_deadline() + 60
    cache.set(_running(request, region), started, timeout=keep)

    def ended(done: futures.Future) -> None:
        if not done.cancelled():
            cache.set(_ended(request, region), done.result(), timeout=keep)
        cache.delete(_running(request, region))

    future.add_done_callback(ended)
