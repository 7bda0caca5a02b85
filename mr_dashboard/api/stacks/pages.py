"""The project's stacks of many regions as one sorted, paged list.

:func:`stacks_page` asks every region at once, with one stack-list call
each whatever the number of stacks, and merges the answers
(:mod:`~mr_dashboard.api.stacks.merge`). A region that fails spoils only its
own part: the page carries what went wrong there and how long it took. A
region that has just timed out is not asked at all but reported as skipped
and retried in the background (:mod:`~mr_dashboard.api.region_state`).

The page does not wait for a region slower than usual: once the others
have answered and a region is past its allowance
(:func:`~mr_dashboard.api.region_state.allowances`), the page is made
without it and the region is ``late``; its answer is handed over to the
page's follow-up (:mod:`~mr_dashboard.api.stacks.late`), which
:func:`with_late` merges into the page.
"""

from dataclasses import dataclass, field
from typing import Any

from mr_dashboard.api import handover
from mr_dashboard.api import heat
from mr_dashboard.api import region_state
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.stacks import merge as stacks_merge
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.api.parallel import fan_out_paced
from mr_dashboard.api.stacks import late
from mr_dashboard.api.stacks.cursor import Cursor


@dataclass(frozen=True)
class StacksPage:
    """One page of stacks, its neighbours, and the regions missing from it."""

    rows: list[heat.Stack]
    next: Cursor | None = None
    prev: Cursor | None = None
    #: Regions asked that did not answer.
    failed: dict[str, RegionResult] = field(default_factory=dict)
    #: Regions not asked because they have just timed out.
    skipped: dict[str, region_state.QuietRegion] = field(
        default_factory=dict)
    #: Stack-list calls made for the page.
    calls: int = 0
    #: Regions still answering when the page was made, and the key of
    #: the page's follow-up that brings their rows.
    late: tuple[str, ...] = ()
    late_key: str = ""

    @property
    def errors(self) -> dict[str, RegionError]:
        """Why each region missing from the page is missing."""
        return {**{region: quiet.error
                   for region, quiet in self.skipped.items()},
                **{region: result.error
                   for region, result in self.failed.items()}}


def stacks_page(request: ApiRequest, regions: list[str], cursor: Cursor,
                size: int, filters: dict[str, Any] | None = None,
                paced: bool = True) -> StacksPage:
    """A page of ``size`` stacks of ``regions`` from ``cursor`` on.

    ``filters`` are Heat's stack-list query parameters, sent to every
    region. ``paced``: within the page's budget (else every region is
    waited for, up to the deadline).
    """
    skipped = region_state.quiet_regions(request, regions)
    region_state.retry_in_background(request, skipped)
    plans = {region: stacks_merge.plan(cursor, region, size)
             for region in regions if region not in skipped}

    def region_part(request: ApiRequest, region: str) -> list[heat.Stack]:
        plan = plans[region]
        answer = heat.stacks_sorted(
            request, region, sort_keys=plan.sort_keys,
            sort_dir=plan.sort_dir, limit=plan.limit, marker=plan.marker,
            filters=filters)
        return plan.take(answer, size)

    asked = [region for region, plan in plans.items() if plan is not None]
    waits = (region_state.allowances(request, asked)
             if paced and len(asked) > 1 else {})
    results, running = fan_out_paced(request, region_part, asked, waits)
    region_state.remember(request, results)
    region_state.learn(request, results)
    lists = {region: [] for region, plan in plans.items() if plan is None}
    lists.update({region: result.value
                  for region, result in results.items() if result.ok})
    merged = stacks_merge.merge(cursor, lists, size)
    return StacksPage(
        rows=merged.rows, next=merged.next, prev=merged.prev,
        failed={region: result for region, result in results.items()
                if not result.ok},
        skipped=skipped, calls=len(asked), late=tuple(running),
        late_key=late.hand_over(request, cursor, size, lists, running,
                                filters) if running else "")


def with_late(collected: handover.Collected) -> StacksPage:
    """The page of ``collected`` with its late regions' rows in their
    places (those that failed, or were given up, in ``failed``)."""
    page = collected.kept.base
    arrived = {region: result.value
               for region, result in collected.results.items() if result.ok}
    merged = stacks_merge.merge_late(page.cursor, page.answered, arrived,
                                     page.size)
    return StacksPage(
        rows=merged.rows, next=merged.next, prev=merged.prev,
        failed={region: result
                for region, result in collected.results.items()
                if not result.ok},
        late=collected.waiting)
