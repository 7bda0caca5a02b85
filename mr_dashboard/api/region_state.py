"""Regions that have just timed out, remembered in Django's cache.

A page that waited the whole timeout for a region should not make the next
page wait again. :func:`remember` keeps each timed-out region in the cache
for ``REGION_QUIET_SECONDS``; pages leave such a region out and show it as
skipped (:func:`quiet_regions`), while :func:`retry_in_background` asks it
again off the page, once at a time per project. The first answer forgets
the timeout, so the region comes back by itself. With a shared cache
(memcached) every Horizon worker process sees the same state; entries hold
no token.

A timeout quiets the region for the project that saw it only (entries are
keyed by region and the project's Heat endpoint, whose v1 URL names the
project): one project with thousands of stacks may list slowly where
others do not. Once :data:`SHARED_AFTER` projects have timed out in a
region within the quiet period, it is quiet for every project (keyed by
region and Heat's host), so a region that is down for everyone is learned
after that many pages; any project's answer brings it back for all.

Each region's usual answer time is learned the same way, per region and
project, from the last :data:`PACE_WINDOW` answers that came within a
page's budget (:func:`learn`). :func:`allowances` turns them into the
seconds a page waits for each region once the others have answered: their
median and four times their median deviation (at least
:data:`MIN_SPREAD`), capped by ``PAGE_BUDGET_CEILING``. Medians, not
means: one slow answer (Heat validating a new token) neither stretches the
allowance nor lingers in it. A region past its allowance is late, and the
page goes on without it (:mod:`~mr_dashboard.api.stacks.late`). Late
answers are not learned: a region that became slow stays late instead of
teaching every page to wait for it.
"""

import hashlib
import logging
import statistics
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.cache import cache

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.api.parallel import timed_call
from mr_dashboard.api.regions import region_named

LOG = logging.getLogger(__name__)
PREFIX = "mr_dashboard:quiet:"
#: Projects whose timeouts in one region make it quiet for every project.
SHARED_AFTER = 2
#: Answers of a region (per project) its usual time is learned from.
PACE_WINDOW = 8
#: Least seconds a region is waited for beyond its usual time. (A quarter
#: of a second was tried, so that a region a hair behind is not called
#: late: a page of regions answering in 0.3 s then took 1.85 times as
#: long as without the slow region, against the target of 1.2; its rows
#: come by the follow-up anyway.)
MIN_SPREAD = 0.05
#: Median deviations a region is waited for beyond its usual time. (Two
#: were tried: 3 of 24 pages with no region slowed called one late, none
#: with four, and the benchmark's ratios moved no more than its noise.)
SPREADS = 4


@dataclass(frozen=True)
class QuietRegion:
    """A region left out of pages since it timed out ``since`` (epoch)."""

    region: str
    error: RegionError
    elapsed: float
    since: float

    @property
    def age(self) -> float:
        """Seconds since the region timed out."""
        return max(0.0, time.time() - self.since)


def _digest(*parts: str) -> str:
    return PREFIX + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _key(request: ApiRequest, region: str) -> str:
    """The region's state for the request's project (its Heat endpoint)."""
    url = region_named(request, region).url_for(constants.ORCHESTRATION)
    return _digest("project", region, url)


def _shared_key(request: ApiRequest, region: str, what: str = "") -> str:
    """The region's state for every project (Heat's host); ``what``: one
    of its counters."""
    url = region_named(request, region).url_for(constants.ORCHESTRATION)
    return _digest("region" + what, region, urlsplit(url).netloc)


def quiet_regions(request: ApiRequest,
                  regions: Iterable[str]) -> dict[str, QuietRegion]:
    """Those of ``regions`` that timed out less than the quiet period ago,
    for this project or for every project."""
    if not conf.region_quiet_seconds():
        return {}
    keys = {}
    for region in regions:
        keys[_shared_key(request, region)] = region
        keys[_key(request, region)] = region  # its own first, if both
    found = cache.get_many(list(keys))
    return {keys[key]: QuietRegion(
                region=keys[key],
                error=RegionError(constants.KIND_TIMEOUT, entry["message"]),
                elapsed=entry["elapsed"], since=entry["since"])
            for key, entry in found.items()}


def _witnessed(request: ApiRequest, region: str, entry: dict,
               quiet: float) -> None:
    """Count the project's timeout in the region once per quiet period;
    from :data:`SHARED_AFTER` projects on, the region is quiet for all."""
    if not cache.add(_key(request, region) + ":counted", 1, timeout=quiet):
        return
    counter = _shared_key(request, region, ":projects")
    cache.add(counter, 0, timeout=quiet)
    try:
        projects = cache.incr(counter)
    except ValueError:  # expired between the two calls
        projects = 1
        cache.set(counter, projects, timeout=quiet)
    if projects >= SHARED_AFTER:
        cache.set(_shared_key(request, region), entry, timeout=quiet)


def remember(request: ApiRequest,
             results: Mapping[str, RegionResult]) -> None:
    """Keep the regions that timed out for this project (and for every
    project once enough have); forget those that answered."""
    quiet = conf.region_quiet_seconds()
    if not quiet:
        return
    timed_out = {
        region: {"message": result.error.message,
                 "elapsed": result.elapsed, "since": time.time()}
        for region, result in results.items()
        if not result.ok and result.error.kind == constants.KIND_TIMEOUT}
    if timed_out:
        cache.set_many({_key(request, region): entry
                        for region, entry in timed_out.items()},
                       timeout=quiet)
        for region, entry in timed_out.items():
            _witnessed(request, region, entry, quiet)
    # A project counted stays counted for the period: its own next answer
    # (the retry asks for one stack) does not make it a new witness.
    answered = [region for region, result in results.items() if result.ok]
    if answered:
        cache.delete_many([key for region in answered for key in (
            _key(request, region), _shared_key(request, region))])


def _probe(request: ApiRequest, region: str) -> None:
    """Ask a quiet region for one stack, and remember how that went."""
    result = timed_call(
        lambda request_, region_: heat.stacks_sorted(
            request_, region_, sort_keys=("creation_time",),
            sort_dir="desc", limit=1),
        request, region)
    LOG.info("Region %s retried in the background: %s", region,
             "answered" if result.ok else result.error.kind)
    remember(request, {region: result})


def retry_in_background(request: ApiRequest,
                        regions: Iterable[str]) -> list[threading.Thread]:
    """Start one background retry per region, unless another worker or
    page already runs one for this project; returns the threads started."""
    started = []
    for region in regions:
        lock = _key(request, region) + ":retry"
        if not cache.add(lock, 1, timeout=conf.fan_out_deadline()):
            continue
        thread = threading.Thread(target=_probe, args=(request, region),
                                  name=f"mr-retry-{region}", daemon=True)
        thread.start()
        started.append(thread)
    return started


def project_key(request: ApiRequest, region: str, what: str) -> str:
    """A cache key of ``what`` for the region and the request's project
    (entries of other modules beside the region's state)."""
    return f"{_key(request, region)}:{what}"


def _pace_key(request: ApiRequest, region: str, what: str) -> str:
    return project_key(request, region, "pace" + what)


def learn(request: ApiRequest, results: Mapping[str, RegionResult],
          what: str = "") -> None:
    """Add the answer times of ``results`` to each region's last ones
    (those of the calls ``what``: "" for the Stacks page's listings)."""
    answered = {region: result.elapsed for region, result in results.items()
                if result.ok}
    if not answered:
        return
    keys = {_pace_key(request, region, what): region for region in answered}
    known = cache.get_many(list(keys))
    cache.set_many(
        {key: [*known.get(key, []), answered[region]][-PACE_WINDOW:]
         for key, region in keys.items()},
        timeout=conf.region_pace_seconds())


def allowances(request: ApiRequest, regions: Iterable[str],
               what: str = "") -> dict[str, float]:
    """Seconds each of ``regions`` is waited for once the others have
    answered (see the module) by the calls ``what``, at most
    ``PAGE_BUDGET_CEILING``; the ceiling for a region not learned yet.
    Empty when the ceiling is 0: pages wait for every region."""
    ceiling = conf.page_budget_ceiling()
    if not ceiling:
        return {}
    keys = {region: _pace_key(request, region, what) for region in regions}
    known = cache.get_many(list(keys.values()))
    waits = {}
    for region, key in keys.items():
        times = known.get(key)
        if not times:
            waits[region] = ceiling
            continue
        usual = statistics.median(times)
        spread = statistics.median(abs(took - usual) for took in times)
        waits[region] = min(ceiling, usual + max(SPREADS * spread, MIN_SPREAD))
    return waits
