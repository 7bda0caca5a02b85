"""Regions that have just timed out, remembered in Django's cache.

A page that waited the whole timeout for a region should not make the next
page wait again. :func:`remember` keeps each timed-out region in the cache
for ``REGION_QUIET_SECONDS``; pages leave such a region out and show it as
skipped (:func:`quiet_regions`), while :func:`retry_in_background` asks it
again off the page, once at a time. The first answer forgets the timeout,
so the region comes back by itself. With a shared cache (memcached) every
Horizon worker process sees the same state; entries are keyed by region and
Heat endpoint, so projects share them, and hold no token.
"""

import hashlib
import logging
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


def _key(request: ApiRequest, region: str) -> str:
    url = region_named(request, region).url_for(constants.ORCHESTRATION)
    place = f"{region}|{urlsplit(url).netloc}".encode()
    return PREFIX + hashlib.sha256(place).hexdigest()[:32]


def quiet_regions(request: ApiRequest,
                  regions: Iterable[str]) -> dict[str, QuietRegion]:
    """Those of ``regions`` that timed out less than the quiet period ago."""
    if not conf.region_quiet_seconds():
        return {}
    keys = {_key(request, region): region for region in regions}
    found = cache.get_many(list(keys))
    return {keys[key]: QuietRegion(
                region=keys[key],
                error=RegionError(constants.KIND_TIMEOUT, entry["message"]),
                elapsed=entry["elapsed"], since=entry["since"])
            for key, entry in found.items()}


def remember(request: ApiRequest,
             results: Mapping[str, RegionResult]) -> None:
    """Keep the regions that timed out; forget those that answered."""
    quiet = conf.region_quiet_seconds()
    if not quiet:
        return
    timed_out = {
        _key(request, region): {"message": result.error.message,
                                "elapsed": result.elapsed,
                                "since": time.time()}
        for region, result in results.items()
        if not result.ok and result.error.kind == constants.KIND_TIMEOUT}
    if timed_out:
        cache.set_many(timed_out, timeout=quiet)
    answered = [_key(request, region)
                for region, result in results.items() if result.ok]
    if answered:
        cache.delete_many(answered)


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
    page already runs one; returns the threads started."""
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
