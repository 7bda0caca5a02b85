"""The late regions of a page of stacks, handed over to its follow-up.

A page of stacks renders once every region has answered or each one still
running is late (:func:`~mr_dashboard.api.parallel.fan_out_paced`). The
late regions' calls run on: :func:`hand_over` keeps what the page was made
of (its cursor, size and the answered regions' parts) in Django's cache
under a new random key, and each late answer there as soon as it comes.
The page's follow-up (:mod:`~mr_dashboard.panels.stacks.late_rows`), served
by any Horizon worker (the cache is shared), reads them with
:func:`collect` and merges them into the page
(:func:`~mr_dashboard.api.stacks.merge.merge_late`). A region that never
answers is given up at its deadline, as a fan-out gives it up, and
remembered as timed out (:mod:`~mr_dashboard.api.region_state`).

Entries hold listed stacks, never a token; a key is read only by the
user and project whose page made it.
"""

import logging
import secrets
import time
from collections.abc import Mapping
from concurrent import futures
from dataclasses import dataclass, field

from django.core.cache import cache

from mr_dashboard import conf
from mr_dashboard.api import region_state
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.heat import Stack
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.api.parallel import late_keep_seconds
from mr_dashboard.api.parallel import late_owner
from mr_dashboard.api.parallel import late_result
from mr_dashboard.api.stacks.cursor import Cursor

LOG = logging.getLogger(__name__)
PREFIX = "mr_dashboard:late:"
#: Seconds between two looks for late answers while a follow-up waits.
LOOK_EVERY = 0.05


@dataclass(frozen=True)
class LatePage:
    """What a page was made of, and when each late region is given up."""

    user: str
    project: str
    cursor: Cursor
    size: int
    #: The parts of the regions that answered in time.
    answered: dict[str, list[Stack]]
    #: Epoch seconds at which each late region is given up.
    deadlines: dict[str, float]
    #: Heat's query parameters the page listed with.
    filters: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Collected:
    """A page's late answers that have come, and the regions still out."""

    page: LatePage
    results: dict[str, RegionResult]
    waiting: tuple[str, ...]


def _answer_key(key: str, region: str) -> str:
    return f"{PREFIX}{key}:{region.encode().hex()}"


def hand_over(request: ApiRequest, cursor: Cursor, size: int,
              answered: Mapping[str, list[Stack]],
              late: Mapping[str, futures.Future],
              filters: dict | None = None) -> str:
    """Keep the page and each late answer when it comes; the page's key."""
    key = secrets.token_urlsafe(16)
    user, project = late_owner(request)
    deadline = time.time() + conf.fan_out_deadline()
    cache.set(PREFIX + key, LatePage(
        user=user, project=project, cursor=cursor, size=size,
        answered=dict(answered), deadlines=dict.fromkeys(late, deadline),
        filters=dict(filters or {})), timeout=late_keep_seconds())
    for region, future in late.items():
        future.add_done_callback(
            lambda done, region=region: _keep(request, key, region, done))
    return key


def _keep(request: ApiRequest, key: str, region: str,
          done: futures.Future) -> None:
    """Keep a late region's answer (runs in the thread that made the
    call)."""
    if done.cancelled():
        return
    result = done.result()
    cache.set(_answer_key(key, region), result, timeout=late_keep_seconds())
    region_state.remember(request, {region: result})
    LOG.info("Region %s answered late after %.1f s: %s", region,
             result.elapsed, "rows" if result.ok else result.error.kind)


def collect(request: ApiRequest, key: str, wait: float) -> Collected | None:
    """The late answers of the page ``key`` that have come within ``wait``
    seconds (less if all come sooner). A region past its deadline is
    given up then (a timeout, remembered). None when the key is unknown,
    expired or another user's or project's."""
    page = cache.get(PREFIX + key) if key else None
    if not isinstance(page, LatePage) or (
            (page.user, page.project) != late_owner(request)):
        return None
    until = time.monotonic() + max(0.0, wait)
    while True:
        found = cache.get_many([_answer_key(key, region)
                                for region in page.deadlines])
        results = {region: found[_answer_key(key, region)]
                   for region in page.deadlines
                   if _answer_key(key, region) in found}
        for region, deadline in page.deadlines.items():
            if region not in results and time.time() >= deadline:
                given_up = late_result(region, conf.fan_out_deadline())
                if cache.add(_answer_key(key, region), given_up,
                             timeout=late_keep_seconds()):
                    region_state.remember(request, {region: given_up})
                results[region] = cache.get(_answer_key(key, region),
                                            given_up)
        waiting = tuple(region for region in page.deadlines
                        if region not in results)
        if not waiting or time.monotonic() >= until:
            return Collected(page, results, waiting)
        time.sleep(LOOK_EVERY)
