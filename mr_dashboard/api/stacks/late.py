"""The late regions of a page of stacks, handed over to its follow-up.

A page of stacks renders once every region has answered or each one still
running is late (:func:`~mr_dashboard.api.parallel.fan_out_paced`). The
late regions' calls run on: :func:`hand_over` keeps what the page was made
of (its cursor, size and the answered regions' parts) and each late answer
as soon as it comes (:mod:`~mr_dashboard.api.handover`). The page's
follow-up (:mod:`~mr_dashboard.panels.stacks.late_rows`), served by any
Horizon worker, reads them with :func:`collect` and merges them into the
page (:func:`~mr_dashboard.api.stacks.merge.merge_late`). A region that
never answers is given up at its deadline, as a fan-out gives it up; every
late answer, and every region given up, is remembered
(:mod:`~mr_dashboard.api.region_state`: a timeout quiets the region, an
answer brings it back).
"""

import logging
from collections.abc import Mapping
from concurrent import futures
from dataclasses import dataclass, field
from functools import partial

from mr_dashboard import conf
from mr_dashboard.api import handover
from mr_dashboard.api import region_state
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.heat import Stack
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.api.stacks.cursor import Cursor

LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class LatePage:
    """What a page of stacks was made of."""

    cursor: Cursor
    size: int
    #: The parts of the regions that answered in time.
    answered: dict[str, list[Stack]]
    #: Heat's query parameters the page listed with.
    filters: dict = field(default_factory=dict)


def hand_over(request: ApiRequest, cursor: Cursor, size: int,
              answered: Mapping[str, list[Stack]],
              late: Mapping[str, futures.Future],
              filters: dict | None = None) -> str:
    """Keep the page and each late answer when it comes; the page's key."""
    page = LatePage(cursor=cursor, size=size, answered=dict(answered),
                    filters=dict(filters or {}))
    return handover.hand_over(request, page, late, conf.fan_out_deadline(),
                              on_result=partial(_answered, request))


def _answered(request: ApiRequest, region: str,
              result: RegionResult) -> None:
    region_state.remember(request, {region: result})
    LOG.info("Region %s answered late after %.1f s: %s", region,
             result.elapsed, "rows" if result.ok else result.error.kind)


def collect(request: ApiRequest, key: str,
            wait: float) -> handover.Collected | None:
    """The page ``key`` (``kept.base``: a :class:`LatePage`) and its late
    answers that came within ``wait`` seconds (see
    :func:`~mr_dashboard.api.handover.collect`)."""
    collected = handover.collect(
        request, key, wait, on_given_up=lambda region, result:
            region_state.remember(request, {region: result}))
    if collected is None or not isinstance(collected.kept.base, LatePage):
        return None
    return collected
