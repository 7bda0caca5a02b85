"""Late regions' results handed over to a page's follow-up, through the cache.

A page that went on without its late regions (the Stacks page, the launch
checks: docs/architecture.md, "A page within its budget") keeps what it was
made of under a new random key (:func:`hand_over`), and each late region's
result there as soon as its call ends, from the thread that made the call.
The page's follow-up, served by any Horizon worker (the cache is shared),
reads them back (:func:`collect`); a region still out past its deadline is
given up then, as a timeout. The first result kept for a region stays: what
a follow-up has shown is what the next one shows.

An entry is read only by the user and project that left it
(:func:`~mr_dashboard.api.parallel.late_owner`) and, when it has a mark,
only for the same thing (a launch's checks: only for the launch that was
checked). Entries hold what the page shows, never a token.
"""

import re
import secrets
import time
from collections.abc import Callable
from collections.abc import Mapping
from concurrent import futures
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.api.parallel import late_keep_seconds
from mr_dashboard.api.parallel import late_owner
from mr_dashboard.api.parallel import late_result

PREFIX = "mr_dashboard:late:"
#: What a key of :func:`hand_over` looks like (a 16-byte token).
KEY = re.compile(r"[A-Za-z0-9_-]{1,32}")
#: Most seconds one request of a page's follow-up waits for late results.
FOLLOW_UP_WAIT = 1.0
#: Seconds between two looks for late results while a follow-up waits.
LOOK_EVERY = 0.05

#: Told of a late region's result: ``(region, result)``.
Listener = Callable[[str, RegionResult], None]


@dataclass(frozen=True)
class Kept:
    """What a page was made of, and when each late region is given up."""

    user: str
    project: str
    mark: str
    base: Any
    #: Epoch seconds at which each late region is given up.
    deadlines: dict[str, float]
    #: Seconds a late region is waited for in all.
    waited: float


@dataclass(frozen=True)
class Collected:
    """A page kept, the late regions' results that came (a region given
    up: a timeout) and the regions still out."""

    kept: Kept
    results: dict[str, RegionResult]
    waiting: tuple[str, ...]


def _result_key(key: str, region: str) -> str:
    return f"{PREFIX}{key}:{region.encode().hex()}"


def hand_over(request: ApiRequest, base: Any,
              late: Mapping[str, futures.Future], waited: float,
              mark: str = "", on_result: Listener | None = None) -> str:
    """Keep ``base`` and each late region's result when its call ends
    (``on_result`` told of it), the region given up ``waited`` seconds
    from now; the key."""
    key = secrets.token_urlsafe(16)
    user, project = late_owner(request)
    seconds = late_keep_seconds(waited)
    cache.set(PREFIX + key, Kept(
        user=user, project=project, mark=mark, base=base,
        deadlines=dict.fromkeys(late, time.time() + waited), waited=waited),
        timeout=seconds)
    for region, future in late.items():
        future.add_done_callback(
            lambda done, region=region: _keep(key, region, done, seconds,
                                              on_result))
    return key


def _keep(key: str, region: str, done: futures.Future, seconds: float,
          on_result: Listener | None) -> None:
    """Keep a late region's result (runs in the thread that made the
    call)."""
    if done.cancelled():
        return
    result = done.result()
    cache.add(_result_key(key, region), result, timeout=seconds)
    if on_result:
        on_result(region, result)


def collect(request: ApiRequest, key: str, wait: float,
            mark: str | None = None,
            on_given_up: Listener | None = None) -> Collected | None:
    """The page ``key`` and the late results that came within ``wait``
    seconds (less if all come sooner); a region past its deadline is given
    up then (``on_given_up`` told of it, once). None when the key is
    unknown, expired, another user's or project's, or (``mark``) made for
    something else."""
    # Only a key as hand_over makes it reaches the cache (memcached
    # refuses a long one, or one with spaces, with an error).
    kept = cache.get(PREFIX + key) if KEY.fullmatch(key) else None
    if not isinstance(kept, Kept) or (
            (kept.user, kept.project) != late_owner(request)
            or mark not in (None, kept.mark)):
        return None
    until = time.monotonic() + max(0.0, wait)
    while True:
        keys = {_result_key(key, region): region for region in kept.deadlines}
        results = {keys[found]: result
                   for found, result in cache.get_many(list(keys)).items()}
        for region, deadline in kept.deadlines.items():
            if region not in results and time.time() >= deadline:
                results[region] = _given_up(key, kept, region, on_given_up)
        waiting = tuple(region for region in kept.deadlines
                        if region not in results)
        if not waiting or time.monotonic() >= until:
            return Collected(kept, results, waiting)
        time.sleep(LOOK_EVERY)


def _given_up(key: str, kept: Kept, region: str,
              on_given_up: Listener | None) -> RegionResult:
    """A timeout for ``region``, kept unless its result came meanwhile."""
    given_up = late_result(region, kept.waited)
    if cache.add(_result_key(key, region), given_up,
                 timeout=late_keep_seconds(kept.waited)) and on_given_up:
        on_given_up(region, given_up)
    return cache.get(_result_key(key, region), given_up)
