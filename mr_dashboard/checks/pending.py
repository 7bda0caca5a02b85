"""The checks of late regions, handed over to the page's follow-up.

The Launch form's checklist renders once every region's checks have
answered or each one still running is late (``CallScheduler.run`` with
:func:`~mr_dashboard.api.region_state.allowances`), as the Stacks page
does (:mod:`mr_dashboard.api.stacks.late`). The late calls run on:
:func:`hand_over` keeps what the page was made of (the answered parts) in
Django's cache under a new random key, and each late part there as soon as
it comes (from the thread that made the call). :func:`collect`, from any
Horizon worker (the cache is shared), reads them back; a region past its
deadline is given up then, as a timeout.

An entry is bound to the user, the project and the draft's mark
(:func:`mark`: a keyed digest of the template, the values and where each
stack runs, so neither the values nor a hidden one's digest can be read
back): a launch reuses kept answers only for what was checked. Entries
hold check rows, never a token.
"""

import json
import secrets
import time
from collections.abc import Mapping
from concurrent import futures
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.utils.crypto import salted_hmac

from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.api.parallel import late_owner
from mr_dashboard.api.parallel import late_result

PREFIX = "mr_dashboard:checks:"
#: Seconds between two looks for late answers while a follow-up waits.
LOOK_EVERY = 0.05


@dataclass(frozen=True)
class Kept:
    """What a checklist was made of, and when each late region is given
    up."""

    user: str
    project: str
    mark: str
    #: The answered parts, and anything else the checklist needs back.
    answered: dict[str, Any]
    base: Any
    #: Epoch seconds at which each late region is given up, and the
    #: seconds it was waited for by then.
    deadlines: dict[str, float]
    waited: float


@dataclass(frozen=True)
class Collected:
    """A checklist kept, the late regions' results that came (a region
    given up: a timeout) and the regions still out."""

    kept: Kept
    late: dict[str, RegionResult]
    waiting: tuple[str, ...]


def mark(*what: Any) -> str:
    """A keyed digest of ``what`` (JSON; other objects by their text)."""
    text = json.dumps(what, sort_keys=True, default=str)
    return salted_hmac("mr_dashboard.checks.pending", text).hexdigest()


def _answer_key(key: str, region: str) -> str:
    return f"{PREFIX}{key}:{region.encode().hex()}"


def _keep_seconds(deadline: float) -> float:
    """How long entries stay: the late regions' deadline (a job's, longer
    than a call's: ``api.parallel.late_keep_seconds`` counts one call's),
    and a minute to read (and launch on) what came."""
    return deadline + 60


def hand_over(request: ApiRequest, drafted: str, base: Any,
              answered: Mapping[str, Any], late: Mapping[str, futures.Future],
              deadline: float) -> str:
    """Keep ``answered`` (and ``base``) for the draft marked ``drafted``,
    and each late region's result when its call ends (given up
    ``deadline`` seconds from now); the key."""
    key = secrets.token_urlsafe(16)
    user, project = late_owner(request)
    seconds = _keep_seconds(deadline)
    cache.set(PREFIX + key, Kept(
        user=user, project=project, mark=drafted, answered=dict(answered),
        base=base, deadlines=dict.fromkeys(late, time.time() + deadline),
        waited=deadline), timeout=seconds)
    for region, future in late.items():
        future.add_done_callback(
            lambda done, region=region: _keep(key, region, done, seconds))
    return key


def _keep(key: str, region: str, done: futures.Future,
          seconds: float) -> None:
    """Keep a late region's result (runs in the thread that made the
    call); the first result kept for a region stays."""
    if not done.cancelled():
        cache.add(_answer_key(key, region), done.result(), timeout=seconds)


def collect(request: ApiRequest, key: str, wait: float,
            drafted: str | None = None) -> Collected | None:
    """The checklist ``key`` and the late results that came within
    ``wait`` seconds (less if all come sooner); a late region past its
    deadline is given up then (a timeout). None when the key is unknown,
    expired, another user's or project's, or (``drafted``) another
    draft's."""
    kept = cache.get(PREFIX + key) if key else None
    if not isinstance(kept, Kept) or (kept.user, kept.project) != late_owner(
            request) or drafted not in (None, kept.mark):
        return None
    until = time.monotonic() + max(0.0, wait)
    while True:
        keys = {_answer_key(key, region): region for region in kept.deadlines}
        late = {keys[found]: result
                for found, result in cache.get_many(list(keys)).items()}
        for region, deadline in kept.deadlines.items():
            if region not in late and time.time() >= deadline:
                given_up = late_result(region, kept.waited)
                cache.add(_answer_key(key, region), given_up,
                          timeout=_keep_seconds(kept.waited))
                late[region] = cache.get(_answer_key(key, region), given_up)
        waiting = tuple(region for region in kept.deadlines
                        if region not in late)
        if not waiting or time.monotonic() >= until:
            return Collected(kept, late, waiting)
        time.sleep(LOOK_EVERY)
