"""The checks a launch passes before anything is created, per region.

For every stack a launch creates (the root and each ``OS::Heat::Stack``,
found by :mod:`mr_dashboard.hot.children`): its region is resolved and is
in the catalog with Heat, then Heat's checks there
(:mod:`~mr_dashboard.checks.stack_checks`); a failure names the region,
the stack and the reason. A stack in another cloud (credentials) is
checked in that cloud, and so is what that cloud's region holds.

Then what each region holds (:mod:`~mr_dashboard.checks.holdings`): every
value naming a cloud object, checked where it lands, and the quotas; and
Heat's previews of every stack in its region
(:mod:`~mr_dashboard.checks.previews`): Heat's own verdict on the values.

One job per region of the user's cloud (and one per stack of another
cloud) runs all of that region's checks on a scheduler of its own; the
jobs run at once, on one scheduler. With ``paced``, the checklist comes
within the page's budget as the Stacks page does: once the others have
answered, a region's job past its allowance
(:func:`~mr_dashboard.api.region_state.allowances` of :data:`PACE`) is
late; its checks are pending (the page says "checking…") and come by the
follow-up (:func:`kept_checks`): their results are kept in the cache
(:mod:`~mr_dashboard.api.handover`) for the user, the project and this
launch only (:func:`_mark`: a keyed digest of the template, the values and
where each stack runs, so neither the values nor a hidden one's digest can
be read back), as check rows, never a token.

A stack set checks each member's launch apart (one checklist per region);
:func:`merged` makes them one, and while some are late keeps them together
under one key (marked :data:`SET_MARK`), which :func:`kept_checks` takes
as it takes one launch's.
"""

import json
import time
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace

from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api import handover
from mr_dashboard.api import other_cloud
from mr_dashboard.api import parallel
from mr_dashboard.api import region_state
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.api.regions import heat_region_names
from mr_dashboard.checks.holdings import Holdings
from mr_dashboard.checks.previews import PREVIEW
from mr_dashboard.checks.previews import Previews
from mr_dashboard.checks.rows import Check
from mr_dashboard.checks.rows import stack_label
from mr_dashboard.checks.stack_checks import HEAT_ANSWERS
from mr_dashboard.checks.stack_checks import OTHER_CLOUD
from mr_dashboard.checks.stack_checks import REGION_HAS_HEAT
from mr_dashboard.checks.stack_checks import REGION_RESOLVED
from mr_dashboard.checks.stack_checks import TYPES
from mr_dashboard.checks.stack_checks import VALIDATES
from mr_dashboard.checks.stack_checks import VERSION
from mr_dashboard.checks.stack_checks import StackRows
from mr_dashboard.checks.stack_checks import cloud_access
from mr_dashboard.checks.stack_checks import check_cloud
from mr_dashboard.checks.stack_checks import check_region
from mr_dashboard.checks.stack_checks import check_secret
from mr_dashboard.hot import values
from mr_dashboard.hot.children import Placement
from mr_dashboard.hot.resolve import Launchable

#: A job's calls wait for each other at most this many times (a resource
#: type's schema, then a finder, then a listing): its call is given up
#: after that many deadlines.
CHAIN = 3
#: What the checks' answer times are learned as (``region_state.learn``).
PACE = "checks"
#: The mark of a stack set's checklists kept together (:func:`merged`).
SET_MARK = "set-checks"


@dataclass(frozen=True)
class Checklist:
    """Every check of a launch, in the order of the stacks."""

    checks: tuple[Check, ...]
    #: Regions whose checks are still running (late: not on the page yet).
    pending: tuple[str, ...] = ()
    #: The key of the late regions' checks (:mod:`~mr_dashboard.api.
    #: handover`), or "".
    key: str = ""
    #: The regions that were late when the page was made.
    late: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        """True when every check has answered, and nothing failed or was
        skipped."""
        return not self.pending and all(
            check.status in (constants.CHECK_PASSED,
                             constants.CHECK_NOT_HERE)
            for check in self.checks)

    def failures(self) -> list[Check]:
        return [check for check in self.checks
                if check.status == constants.CHECK_FAILED]

    def by_region(self) -> list[tuple[str, list[Check]]]:
        """The checks grouped by region, regions in first-seen order."""
        groups: dict[str, list[Check]] = {}
        for check in self.checks:
            groups.setdefault(check.region, []).append(check)
        return list(groups.items())


@dataclass(frozen=True)
class Part:
    """What one job of the checklist found: the rows of each of its
    stacks (by the stack's index), then what its regions hold."""

    stacks: dict[int, tuple[Check, ...]]
    held: tuple[Check, ...] = ()


@dataclass(frozen=True)
class Job:
    """One call of the checklist: every check of the stacks of one region
    of the user's cloud, or of one stack in another cloud (``region``:
    that cloud's region as rows name it; never late, see :func:`_late`)."""

    region: str
    indexes: tuple[int, ...]
    #: The names of its stacks (``Placement.name``), in that order.
    names: tuple[str, ...]
    cloud: bool = False


@dataclass(frozen=True)
class _Launch:
    """What every job of one checklist reads (never changes)."""

    launchable: Launchable
    placements: list[Placement]
    root_values: dict
    creating: bool
    landing: values.Landing

    def preview_row(self, previews: Previews, index: int,
                    rows: list[Check], region: str = "") -> list[Check]:
        """The stack's preview row after its ``rows`` (none for an
        update)."""
        if not self.creating:
            return []
        return [previews.row(self.placements[index], any(
            check.status != constants.CHECK_PASSED for check in rows),
            region)]


def _unanswered(job: Job, creating: bool, result: RegionResult) -> Part:
    """The part of a job that failed or never answered: its stacks'
    Heat checks failed with the reason (another cloud's: not run)."""
    def rows(name: str) -> tuple[Check, ...]:
        def row(check, status=constants.CHECK_SKIPPED, reason=""):
            return Check(job.region, stack_label(name), str(check), status,
                         reason)
        if job.cloud:
            return (row(OTHER_CLOUD, reason=_(
                "Could not check in the other cloud: %(why)s")
                % {"why": result.error.message}),)
        return (row(HEAT_ANSWERS, constants.CHECK_FAILED,
                    result.error.message),
                row(VERSION), row(TYPES), row(VALIDATES)) + (
            (row(PREVIEW, reason=_("Fix the checks above first.")),)
            if creating else ())
    return Part({index: rows(name)
                 for index, name in zip(job.indexes, job.names)})


def _part(job: Job, creating: bool, result: RegionResult) -> Part:
    """The part a job's call gave."""
    return result.value if result.ok else _unanswered(job, creating, result)


def _region_part(request, region: str, launch: _Launch, job: Job) -> Part:
    """Every check of the stacks of ``job`` in ``region``: Heat's, the
    previews, what the region holds (one scheduler, all at once)."""
    scheduler = parallel.CallScheduler(
        request, conf.max_parallel(), conf.fan_out_deadline(), queued=True)
    placements = [launch.placements[index] for index in job.indexes]
    # The previews first: Heat's preview is the longest call of a region.
    previews = Previews(request, launch.launchable, launch.root_values,
                        launch.landing)
    if launch.creating:
        previews.start(scheduler, placements)
    found: list[RegionResult] = []
    scheduler.call(found.append, parallel.Call(
        region, check_region,
        (placements, launch.launchable, launch.root_values)))
    holdings = Holdings(request, launch.landing,
                        {placement.path for placement in placements},
                        launch.creating)
    holdings.start(scheduler)
    scheduler.run()
    [result] = found
    if not result.ok:
        return Part(_unanswered(job, launch.creating, result).stacks,
                    tuple(holdings.checks()))
    return Part({index: tuple(
        result.value[position].checks + launch.preview_row(
            previews, index, result.value[position].checks))
        for position, index in enumerate(job.indexes)},
        tuple(holdings.checks()))


def _cloud_part(request, _label: str, launch: _Launch, job: Job) -> Part:
    """Every check of the stack of ``job`` in its other cloud: Heat's and
    its preview there (one call: log in, then check), then what that
    cloud's region holds, on the request into it."""
    [index] = job.indexes
    placement = launch.placements[index]
    previews = Previews(request, launch.launchable, launch.root_values,
                        launch.landing)
    scheduler = parallel.CallScheduler(
        request, conf.max_parallel(), conf.fan_out_deadline(), queued=True)
    found: list[RegionResult] = []
    held: list[Holdings] = []

    def checked(result: RegionResult) -> None:
        found.append(result)
        if result.ok and result.value[2] is not None:
            held.append(Holdings(result.value[2], launch.landing,
                                 {placement.path}, launch.creating,
                                 other_cloud.region_label))
            held[-1].start(scheduler)

    scheduler.call(checked, parallel.Call(placement.region, check_cloud, (
        placement, cloud_access(launch.placements, placement),
        launch.launchable, launch.root_values,
        previews.fields(placement) if launch.creating else None)))
    scheduler.run()
    [result] = found
    if not result.ok:
        return _unanswered(job, launch.creating, result)
    rows, previews.results[placement.path], _there = result.value
    return Part({index: tuple(rows + launch.preview_row(
        previews, index, rows, rows[-1].region))},
        tuple(check for there in held for check in there.checks()))


def _plan(request, placements: list[Placement]
          ) -> tuple[list[list[Check]], list[Job]]:
    """The rows each stack has before any call to its region, and the
    jobs the others need."""
    known = set(heat_region_names(request))
    regions: dict[str, list[int]] = {}
    clouds: list[Job] = []
    first: list[list[Check]] = []
    for index, placement in enumerate(placements):
        stack = StackRows(placement, placement.region or _("(unknown)"))
        if placement.credential_secret_id and not placement.problem:
            stack = check_secret(request, placement)
            if stack.checks[-1].status == constants.CHECK_PASSED:
                clouds.append(Job(other_cloud.region_label(placement.region),
                                  (index,), (placement.name,), cloud=True))
        elif not stack.add(REGION_RESOLVED, not placement.problem,
                           placement.problem):
            stack.skip(REGION_HAS_HEAT, HEAT_ANSWERS, VERSION, TYPES,
                       VALIDATES)
        elif not stack.add(REGION_HAS_HEAT, placement.region in known, _(
                "No region named %(region)s offers Heat in your catalog.")
                % {"region": placement.region}):
            stack.skip(HEAT_ANSWERS, VERSION, TYPES, VALIDATES)
        else:
            regions.setdefault(placement.region, []).append(index)
        first.append(stack.checks)
    return first, [Job(region, tuple(indexes), tuple(
        placements[index].name for index in indexes))
        for region, indexes in regions.items()] + clouds


def _assemble(first: list[list[Check]], jobs: list[Job],
              parts: Mapping[str, Part]) -> tuple[Check, ...]:
    """Every row: each stack's in the order of the stacks, then what
    each job's regions hold (a job without a part yet adds nothing)."""
    rows = [list(checks) for checks in first]
    held: list[Check] = []
    for number, job in enumerate(jobs):
        part = parts.get(str(number))
        if part is not None:
            for index, checks in part.stacks.items():
                rows[index] += checks
            held += part.held
    return tuple(check for checks in rows for check in checks) + tuple(held)


def _late(request, jobs: list[Job]) -> dict[str, float] | None:
    """The seconds each region's checks are waited for once the others
    have answered (another cloud's: up to the deadline); None when the
    page budget is off."""
    allowed = region_state.allowances(
        request, [job.region for job in jobs if not job.cloud], PACE)
    return allowed or None


def run_checks(request: HttpRequest, launchable: Launchable,
               placements: list[Placement], root_values: dict[str, str],
               count_quotas: bool = True, paced: bool = False) -> Checklist:
    """Run every check of a launch; ``root_values`` are the parameters
    entered for the root, as Heat takes them. An update passes
    ``count_quotas=False``: what its stack holds already counts in the
    quotas' usage, and Heat's create preview does not apply (the values
    entered are only the changed ones; the update's own Preview asks
    Heat's update preview). ``paced``: within the page's budget, the
    late regions' checks pending (their follow-up: :func:`kept_checks`)."""
    first, jobs = _plan(request, placements)
    launch = _Launch(launchable, placements, root_values, count_quotas,
                     values.landing(launchable, placements))
    scheduler = parallel.CallScheduler(
        request, max(1, len(jobs)), CHAIN * conf.fan_out_deadline(),
        queued=True)
    results: dict[str, RegionResult] = {}
    for number, job in enumerate(jobs):
        scheduler.call(
            lambda result, number=number: results.__setitem__(
                str(number), result),
            parallel.Call(job.region, _cloud_part if job.cloud
                          else _region_part, (launch, job)))
    late = scheduler.run(_late(request, jobs) if paced else None)
    region_state.learn(request, {job.region: results[str(number)]
                                 for number, job in enumerate(jobs)
                                 if str(number) in results and not job.cloud},
                       PACE)
    parts = {number: _part(jobs[int(number)], count_quotas, result)
             for number, result in results.items()}
    if not late:
        return Checklist(_assemble(first, jobs, parts))
    key = handover.hand_over(
        request, _Kept(parts, first, jobs, count_quotas), late,
        CHAIN * conf.fan_out_deadline(),
        mark=_mark(launchable, placements, root_values, count_quotas))
    return Checklist(_assemble(first, jobs, parts), pending=tuple(late),
                     key=key, late=tuple(late))


@dataclass(frozen=True)
class _Kept:
    """What a checklist with late regions was made of."""

    answered: dict[str, Part]
    first: list[list[Check]]
    jobs: list[Job]
    creating: bool


def _mark(launchable: Launchable, placements: list[Placement],
          root_values: dict, creating: bool) -> str:
    """A keyed digest of what a checklist checks."""
    text = json.dumps([launchable.heat_fields(), root_values,
                       [(placement.path, placement.region,
                         placement.credential_secret_id)
                        for placement in placements], creating],
                      sort_keys=True, default=str)
    return salted_hmac("mr_dashboard.checks.checklist", text).hexdigest()


@dataclass(frozen=True)
class _Members:
    """A stack set's checklists, one per member: while a member's has
    late regions, its ``key`` leads to them."""

    parts: tuple[Checklist, ...]


def _combined(parts: Sequence[Checklist]) -> Checklist:
    def every(regions):
        return tuple(dict.fromkeys(regions))
    return Checklist(
        checks=tuple(check for part in parts for check in part.checks),
        pending=every(region for part in parts for region in part.pending),
        late=every(region for part in parts for region in part.late))


def merged(request: HttpRequest, parts: Sequence[Checklist]) -> Checklist:
    """The checklists of a stack set's members as one: their rows in turn,
    the regions still checking in any of them; while some are, kept
    together under one key (the follow-up's, :func:`kept_checks`)."""
    combined = _combined(parts)
    if not combined.pending:
        return combined
    return replace(combined, key=handover.hand_over(
        request, _Members(tuple(parts)), {}, CHAIN * conf.fan_out_deadline(),
        mark=SET_MARK))


def _members_kept(request: HttpRequest, members: _Members, key: str,
                  wait: float) -> Checklist | None:
    """The set's checklist ``key`` again, each member's late regions'
    checks that came within ``wait`` seconds in place."""
    until = time.monotonic() + wait
    parts = [kept_checks(request, part.key, max(0.0, until - time.monotonic()))
             if part.pending else part for part in members.parts]
    if None in parts:
        return None
    return replace(_combined(parts), key=key)


def kept_checks(request: HttpRequest, key: str, wait: float = 0.0,
                launchable: Launchable | None = None,
                placements: list[Placement] | None = None,
                root_values: dict | None = None,
                count_quotas: bool = True) -> Checklist | None:
    """The checklist ``key`` (one launch's, or a stack set's: :func:`merged`)
    with the late regions' checks that came within ``wait`` seconds (those
    still out: ``pending``); with ``launchable``, only if it checked that
    launch. None when the key is unknown, too old, another user's or
    project's, or another launch's."""
    drafted = None if launchable is None else _mark(
        launchable, placements or [], root_values or {}, count_quotas)
    collected = handover.collect(request, key, wait, drafted)
    if collected is not None and launchable is None \
            and isinstance(collected.kept.base, _Members):
        return _members_kept(request, collected.kept.base, key, wait)
    if collected is None or not isinstance(collected.kept.base, _Kept):
        return None
    kept = collected.kept.base
    numbers = {job.region: str(number)
               for number, job in enumerate(kept.jobs) if not job.cloud}
    parts = {**kept.answered, **{
        numbers[region]: _part(kept.jobs[int(numbers[region])],
                               kept.creating, result)
        for region, result in collected.results.items()}}
    return Checklist(_assemble(kept.first, kept.jobs, parts),
                     pending=collected.waiting, key=key,
                     late=tuple(collected.kept.deadlines))
