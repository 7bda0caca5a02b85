"""Tests of mr_dashboard.api.stacks.merge: pages merged from several regions,
walked forward and back, for every sort key and direction.

Each region is a small stand-in for Heat's listing: PostgreSQL's order
(NULL after every value, the id as the last key) and a marker that starts
the page after the marker's row, as oslo.db's paginate_query does.
"""

import random
from datetime import datetime, timedelta, timezone

import pytest

from mr_dashboard.api.stacks import merge as stacks_merge
from mr_dashboard.api.heat import Stack
from mr_dashboard.api.stacks.cursor import SORT_KEYS, Cursor

START = datetime(2026, 11, 1, tzinfo=timezone.utc)
HEAT_COLUMNS = {
    "creation_time": lambda s: s.created,
    "updated_time": lambda s: s.updated,
    "stack_name": lambda s: s.name,
    "stack_status": lambda s: s.status.partition("_")[2],
}


def make_region(region: str, count: int, seed: int) -> list[Stack]:
    rng = random.Random(seed)
    stacks = []
    for i in range(count):
        created = START + timedelta(seconds=rng.randrange(20))  # ties
        updated = (None if rng.random() < 0.5
                   else created + timedelta(seconds=rng.randrange(5)))
        stacks.append(Stack(
            region=region, id=f"{rng.getrandbits(64):016x}",
            name=rng.choice(["app", "db", "web", "Web", "cache-1"]),
            status=rng.choice(["CREATE_COMPLETE", "UPDATE_FAILED",
                               "CHECK_IN_PROGRESS", "SUSPEND_COMPLETE"]),
            created=created, updated=updated))
    return stacks


def heat_order(stacks, plan):
    """The region's stacks the way Heat sorts them for ``plan``."""
    def column(stack, key):
        value = HEAT_COLUMNS[key](stack)
        return (value is None, value or "")
    keys = plan.sort_keys
    return sorted(stacks, reverse=plan.sort_dir == "desc",
                  key=lambda s: tuple(column(s, k) for k in keys) + (s.id,))


def after_marker(stack, marker, plan) -> bool:
    """oslo.db's marker filter: a key whose marker value is NULL is left
    out, and NULL compares false."""
    columns = [HEAT_COLUMNS[k] for k in plan.sort_keys] + [lambda s: s.id]
    for i, column in enumerate(columns):
        mine, theirs = column(stack), column(marker)
        if theirs is None:
            continue
        earlier_equal = all(
            columns[j](stack) == columns[j](marker) for j in range(i)
            if columns[j](marker) is not None)
        beyond = mine is not None and (
            mine < theirs if plan.sort_dir == "desc" else mine > theirs)
        if earlier_equal and beyond:
            return True
    return False


class Cloud:
    """Regions of stacks answering plans; counts the calls."""

    def __init__(self, regions: dict[str, list[Stack]]):
        self.regions = regions
        self.calls = 0
        self.down: set[str] = set()

    def answer(self, region: str, plan) -> list[Stack]:
        self.calls += 1
        ordered = heat_order(self.regions[region], plan)
        if plan.marker:
            marker = next(s for s in ordered if s.id == plan.marker)
            ordered = [s for s in ordered if after_marker(s, marker, plan)]
        return ordered[:plan.limit]

    def page(self, cursor: Cursor, size: int):
        lists = {}
        for region in self.regions:
            if region in self.down:
                continue
            plan = stacks_merge.plan(cursor, region, size)
            if plan is None:
                lists[region] = []
                continue
            if not SORT_KEYS[cursor.sort].marker_safe:
                assert plan.marker is None
            lists[region] = plan.take(self.answer(region, plan), size)
        return stacks_merge.merge(cursor, lists, size)


@pytest.fixture
def cloud():
    return Cloud({"RegionOne": make_region("RegionOne", 23, 1),
                  "RegionTwo": make_region("RegionTwo", 7, 2),
                  "RegionThree": make_region("RegionThree", 0, 3)})


def expected(cloud, sort, descending):
    value = SORT_KEYS[sort].value
    everything = [s for stacks in cloud.regions.values() for s in stacks]
    # Ties across regions go by region; within one, as its Heat gives them.
    return sorted(everything, reverse=descending,
                  key=lambda s: (value(s), s.region, s.id))


def walk_forward(cloud, cursor, size):
    pages = []
    while cursor is not None:
        page = cloud.page(cursor, size)
        pages.append(page)
        cursor = page.next
    return pages


def ids(rows):
    return [stack.id for stack in rows]


@pytest.mark.parametrize("sort", sorted(SORT_KEYS))
@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("size", [1, 4, 10])
def test_forward_then_back_shows_every_stack_once_in_order(
        cloud, sort, descending, size):
    pages = walk_forward(cloud, Cursor(sort, descending), size)
    shown = [stack for page in pages for stack in page.rows]
    assert ids(shown) == ids(expected(cloud, sort, descending))
    assert all(len(page.rows) == size for page in pages[:-1])
    assert pages[0].prev is None and pages[-1].next is None

    back, page = [], pages[-1]
    while page.prev is not None:
        page = cloud.page(page.prev, size)
        back.append(page)
    assert [ids(p.rows) for p in back] == [ids(p.rows)
                                           for p in pages[-2::-1]]


@pytest.mark.parametrize("sort", sorted(SORT_KEYS))
@pytest.mark.parametrize("descending", [True, False])
def test_back_and_forth_lands_on_the_same_pages(cloud, sort, descending):
    pages = walk_forward(cloud, Cursor(sort, descending), 5)
    third = pages[2]
    second = cloud.page(third.prev, 5)
    assert ids(second.rows) == ids(pages[1].rows)
    again = cloud.page(second.next, 5)
    assert ids(again.rows) == ids(third.rows)
    assert ids(cloud.page(again.next, 5).rows) == ids(pages[3].rows)


def test_one_call_per_region_per_page(cloud):
    cloud.page(Cursor("name", False), 4)
    assert cloud.calls == 3
    page = cloud.page(Cursor("name", False), 4)
    cloud.calls = 0
    cloud.page(page.next, 4)
    assert cloud.calls == 3


def test_a_region_that_fails_keeps_its_place(cloud):
    first = cloud.page(Cursor("created", True), 6)
    cloud.down = {"RegionTwo"}
    second = cloud.page(first.next, 6)
    assert {s.region for s in second.rows} == {"RegionOne"}
    cloud.down = set()
    shown = first.rows + second.rows
    for page in walk_forward(cloud, second.next, 6):
        shown += page.rows
    everything = expected(cloud, "created", True)
    assert sorted(ids(shown)) == sorted(ids(everything))


def test_updated_time_pages_from_the_start_of_each_region(cloud):
    first = cloud.page(Cursor("updated", True), 4)
    plan = stacks_merge.plan(first.next, "RegionOne", 4)
    gap = first.next.gap("RegionOne")
    assert plan.marker is None and plan.limit == gap.count + 5
    assert plan.sort_dir == "desc"


def late_page(cloud, cursor, size, late_region):
    """A page made without ``late_region``, then with its rows merged in
    (as the Stacks page's follow-up does); both pages."""
    lists = {}
    for region in cloud.regions:
        plan = stacks_merge.plan(cursor, region, size)
        lists[region] = ([] if plan is None
                         else plan.take(cloud.answer(region, plan), size))
    late = {late_region: lists.pop(late_region)}
    return (stacks_merge.merge(cursor, lists, size),
            stacks_merge.merge_late(cursor, lists, late, size))


@pytest.mark.parametrize("sort", sorted(SORT_KEYS))
@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("size", [1, 4, 10])
def test_late_rows_join_the_page_in_place_and_no_page_repeats_or_skips_one(
        cloud, sort, descending, size):
    regions = sorted(cloud.regions)
    cursor, shown, turn = Cursor(sort, descending), [], 0
    while cursor is not None:
        first, merged = late_page(cloud, cursor, size,
                                  regions[turn % len(regions)])
        turn += 1
        # Rows already on the page stay in their order, late rows come
        # between them; where the late region holds more than a page
        # before the page's end, the rows beyond it move to later pages
        # (the walk below finds each once).
        kept = [s.id for s in merged.rows if s.id in set(ids(first.rows))]
        assert kept == ids(first.rows)[:len(kept)]
        assert len(merged.rows) <= 2 * size
        shown += merged.rows
        cursor = merged.next
    assert ids(shown) == ids(expected(cloud, sort, descending))


def test_a_late_region_with_nothing_before_the_page_s_end_adds_no_row():
    early = [Stack(region="RegionOne", id=f"a{i}", name=f"n{i}", status="",
                   created=START + timedelta(seconds=100 - i))
             for i in range(8)]
    old = [Stack(region="RegionTwo", id="b0", name="old", status="",
                 created=START)]
    cloud = Cloud({"RegionOne": early, "RegionTwo": old})
    first, merged = late_page(cloud, Cursor("created", True), 4, "RegionTwo")
    assert ids(merged.rows) == ids(first.rows) == ["a0", "a1", "a2", "a3"]
    assert merged.next.gap("RegionTwo").count == 0
    rest = walk_forward(cloud, merged.next, 4)
    assert ids([s for page in rest for s in page.rows]) == [
        "a4", "a5", "a6", "a7", "b0"]
