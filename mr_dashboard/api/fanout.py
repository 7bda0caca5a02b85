"""Run one call in every region at once.

:func:`fan_out` asks each region in its own worker thread (at most
``MAX_PARALLEL`` at a time) and always comes back within the plugin's
deadline (``REGION_TIMEOUT`` plus a small margin), whatever a region does:
a region that fails or hangs only spoils its own :class:`RegionResult`.
"""

import logging
import time
from collections.abc import Callable, Iterable
from concurrent import futures
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.regions import heat_region_names

LOG = logging.getLogger(__name__)

#: A call made in one region: ``call(request, region_name)``.
RegionCall = Callable[[HttpRequest, str], Any]


@dataclass(frozen=True)
class RegionResult:
    """What one region answered, or why it did not, and how long it took."""

    region: str
    value: Any = None
    error: RegionError | None = None
    elapsed: float = 0.0  # seconds

    @property
    def ok(self) -> bool:
        """True when the region answered."""
        return self.error is None


def timed_call(call: RegionCall, request: HttpRequest,
               region: str) -> RegionResult:
    """Run ``call(request, region)``; any failure becomes the result's
    error."""
    started = time.monotonic()
    try:
        value = call(request, region)
    except Exception as exc:  # noqa: BLE001 - any failure is this region's
        error = RegionError.from_exception(exc, (request.user.token.id,))
        LOG.info("Region %s: %s (%s)", region, error.message, error.kind)
        return RegionResult(region, error=error,
                            elapsed=time.monotonic() - started)
    return RegionResult(region, value=value,
                        elapsed=time.monotonic() - started)


def late_result(region: str, deadline: float) -> RegionResult:
    """The result of a call given up after ``deadline`` seconds."""
    LOG.info("Region %s: no answer within %.1f s", region, deadline)
    message = gettext("No answer within %(seconds).1f seconds.") % {
        "seconds": deadline}
    return RegionResult(region,
                        error=RegionError(constants.TIMEOUT, message),
                        elapsed=deadline)


def fan_out(request: HttpRequest, call: RegionCall,
            regions: Iterable[str] | None = None) -> dict[str, RegionResult]:
    """Run ``call(request, name)`` for each region name, in parallel.

    ``regions`` defaults to every Heat region of the user's catalog. The
    result maps each name, in the order given, to its
    :class:`RegionResult`.
    """
    names = list(heat_region_names(request) if regions is None else regions)
    if not names:
        return {}
    deadline = conf.fan_out_deadline()
    pool = futures.ThreadPoolExecutor(
        max_workers=min(conf.max_parallel(), len(names)),
        thread_name_prefix="mr-fan-out")
    try:
        pending = {name: pool.submit(timed_call, call, request, name)
                   for name in names}
        done, _ = futures.wait(pending.values(), timeout=deadline)
    finally:
        # Do not wait for a hung region: its thread ends by itself once its
        # own socket timeout fires.
        pool.shutdown(wait=False, cancel_futures=True)
    return {name: future.result() if future in done
            else late_result(name, deadline)
            for name, future in pending.items()}
