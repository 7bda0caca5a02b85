"""One sorted page of stacks from several regions, and the cursors around it.

Every region's Heat pages its own stacks with a marker. A page of all
regions asks each region for one page from where it left off and merges
them: each row of the page is the best of the regions' next stacks, so each
region gives a prefix of what it returned and its place in the whole list
moves by exactly the stacks shown, whatever order the regions use. Nothing
is skipped or repeated from page to page.

A :class:`~mr_dashboard.api.stacks.cursor.Cursor` holds that place per
region as a :class:`~mr_dashboard.api.stacks.cursor.Gap`. Heat is asked
with the id just before the gap (forward) or just after it (back). For the
updated time Heat's marker is wrong: never-updated stacks sort as NULL,
which oslo.db's marker filter drops. For that key the region is listed
from its start instead and the stacks before the gap, counted in the gap,
are dropped here; :func:`plan` says which way to ask.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from mr_dashboard.api.heat import Stack
from mr_dashboard.api.merging import merge_heads
from mr_dashboard.api.stacks.cursor import SORT_KEYS, Cursor, Gap


@dataclass(frozen=True)
class Plan:
    """How to ask one region for its part of a page."""

    sort_keys: tuple[str, ...]
    sort_dir: str
    limit: int
    marker: str | None = None
    #: Listed from the start: keep the stacks around ``gap`` only.
    gap: Gap | None = None
    backward: bool = False

    def take(self, answer: list[Stack], size: int) -> list[Stack]:
        """The region's stacks in the page's direction, at most size + 1."""
        if self.gap is None:
            return answer[:size + 1]
        ids = [stack.id for stack in answer]
        if self.backward:
            end = (ids.index(self.gap.after) if self.gap.after in ids
                   else self.gap.count)
            return answer[max(0, end - size - 1):end][::-1]
        start = (ids.index(self.gap.before) + 1 if self.gap.before in ids
                 else self.gap.count)
        return answer[start:start + size + 1]


def plan(cursor: Cursor, region: str, size: int) -> Plan | None:
    """How to ask ``region`` for the page; None when it has nothing there."""
    key, gap = SORT_KEYS[cursor.sort], cursor.gap(region)
    if cursor.backward and gap.count == 0:
        return None
    forward_dir = "desc" if cursor.descending else "asc"
    if not key.marker_safe:
        # From the start in sort order, enough to reach past the gap.
        limit = gap.count + 1 if cursor.backward else gap.count + size + 1
        return Plan(key.heat_keys, forward_dir, limit, gap=gap,
                    backward=cursor.backward)
    if cursor.backward:
        reverse_dir = "asc" if cursor.descending else "desc"
        return Plan(key.heat_keys, reverse_dir, size + 1, marker=gap.after)
    return Plan(key.heat_keys, forward_dir, size + 1, marker=gap.before)


@dataclass(frozen=True)
class MergedPage:
    """A page's stacks in sort order, and cursors to the pages around it."""

    rows: list[Stack]
    next: Cursor | None = None
    prev: Cursor | None = None


def _moved(gap: Gap, taken: list[Stack], rest: list[Stack],
           backward: bool) -> Gap:
    """The gap after ``taken`` went by; ``rest`` were seen beyond them."""
    if backward:
        count = gap.count - len(taken) if rest else 0
        return Gap(max(0, count), rest[0].id if rest else None,
                   taken[-1].id if taken else gap.after)
    return Gap(gap.count + len(taken), taken[-1].id if taken else gap.before,
               rest[0].id if rest else None)


def _turned(gap: Gap, first: Stack | None, backward: bool) -> Gap:
    """The page's starting gap, seen from the other direction."""
    if backward:
        return replace(gap, before=first.id if first else None)
    return replace(gap, after=first.id if first else None)


def _order(cursor: Cursor) -> tuple[Callable[[str, Stack], tuple], bool]:
    """The merge's key of a region's stack, and whether it runs down."""
    key = SORT_KEYS[cursor.sort].value
    # Ties go by region, never by id: within one region Heat's own order
    # stands (it sorts on times finer than the seconds it shows), so the
    # key must agree with it both ways, and the region is constant there.
    return ((lambda region, stack: (key(stack), stack.region)),
            cursor.descending != cursor.backward)


def merge(cursor: Cursor, lists: Mapping[str, list[Stack]],
          size: int) -> MergedPage:
    """Merge the regions' ``lists`` (from :meth:`Plan.take`) into a page.

    Regions of the cursor missing from ``lists`` (they did not answer) keep
    their place for the next pages.
    """
    page, queues = merge_heads(lists, size, *_order(cursor))
    taken: dict[str, list[Stack]] = {region: [] for region in lists}
    for region, stack in page:
        taken[region].append(stack)
    rows = [stack for _region, stack in page]
    onward, back = dict(cursor.gaps), dict(cursor.gaps)
    for region, stacks in lists.items():
        gap, done = cursor.gap(region), taken[region]
        onward[region] = _moved(gap, done, queues[region], cursor.backward)
        back[region] = _turned(gap, (done or stacks or [None])[0],
                               cursor.backward)
    more = any(queues.values())
    if cursor.backward:
        earlier = more
        later = any(gap.after for gap in back.values())
        rows.reverse()
    else:
        earlier = any(gap.count for gap in back.values())
        later = more
    ahead = replace(cursor, gaps=onward)
    behind = replace(cursor, backward=not cursor.backward, gaps=back)
    if cursor.backward:
        ahead, behind = behind, ahead
    return MergedPage(rows, next=ahead if later else None,
                      prev=behind if earlier else None)


def merge_late(cursor: Cursor, answered: Mapping[str, list[Stack]],
               late: Mapping[str, list[Stack]], size: int) -> MergedPage:
    """The page :func:`merge` made of the ``answered`` regions, with the
    rows of the ``late`` regions that belong on it put in their places.

    The page then holds every row before the first one the answered
    regions left for the next page (when they left none, before the end),
    except where a late region's part ran out first: it gave ``size`` rows
    and one more, and what it holds beyond is not known. The page ends
    there, and the rows already shown beyond move to the next page. The
    cursors count the rows taken from every region, so no row is shown
    twice or skipped on the pages around; a page holds at most ``size``
    rows more per late region.
    """
    shown = merge(cursor, answered, size)
    everything = {**answered, **late}
    order, _ = merge_heads(everything,
                           sum(len(rows) for rows in everything.values()),
                           *_order(cursor))
    on_page = {(stack.region, stack.id) for stack in shown.rows}
    taken = dict.fromkeys(late, 0)
    count = 0
    for region, stack in order:
        if region in late:
            taken[region] += 1
            if taken[region] > size:
                break  # the part's last row only says it holds more
        elif (region, stack.id) not in on_page:
            break
        count += 1
    return merge(cursor, everything, count)
