"""The stack tree within its page budget on the real demo cloud: with
RegionThree's Heat API frozen (SIGSTOP) the tree answers without it, its
branch late, and fills that branch in once the region answers again; the
Events tab's pages, the Outputs tab, the timeline and the breadcrumb's
way up likewise."""
import html
import re
import signal
import time
from urllib.parse import unquote_plus, urlencode

import pytest
from django.core.cache import cache
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api.tree.walk import stack_tree
from tests.waiting import wait_until
from tests.waiting import whole_lineage

ONE, TWO, THREE = "RegionOne", "RegionTwo", "RegionThree"
TIMEOUT = 8.0
#: The tree of tree_stacks: 16 stacks, "west" and its 5 in RegionThree.
STACKS, WEST = 16, 6


@pytest.fixture
def client(settings, demo_client):
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": TIMEOUT, "DEADLINE_MARGIN": 0.5,
                             "PAGE_BUDGET_CEILING": 1.5}
    # Late answers live in Django's cache: roomier than Horizon's test one
    # (see test_stacks_faults).
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "mr-dashboard-tree-late",
        "OPTIONS": {"MAX_ENTRIES": 100000}}}
    cache.clear()
    yield demo_client
    cache.clear()


def tree(client, stack_id: str, name: str) -> tuple[dict, float]:
    started = time.monotonic()
    response = client.get(reverse(constants.STACK_TREE_URL, args=(ONE, stack_id)),
                          {"name": name})
    assert response.status_code == 200
    return response.json(), time.monotonic() - started


def late_regions(page: str) -> set[str]:
    return set(re.findall(r'data-mr-late-region="([^"]+)"', page))


def only_late(frozen: str, ask, late_of, tries: int = 4):
    """What ``ask`` answers, asked again (``frozen`` still frozen) while a
    region other than ``frozen`` is late too: on a busy machine a branch
    above the frozen region's may be (CI, stop 30: RegionOne's), and it
    holds the frozen region's stacks out of sight."""
    for _ in range(tries):
        found = ask()
        if set(late_of(found)) <= {frozen}:
            break
    return found


def test_a_frozen_region_s_branch_is_late_then_filled_in(cloud, client, stack_trees):
    stack_id, name = stack_trees["tree"]
    # Each region's pace learned (a busy machine may make a branch late
    # at first: the tree is asked again until it is whole).
    whole, usual = wait_until(lambda: tree(client, stack_id, name), 3 * TIMEOUT, 0.2,
                              what="the whole tree", done=lambda found: not found[0]["late"])
    assert whole["html"].count("data-mr-node=") == STACKS

    cloud.signal_heat_api(THREE, signal.SIGSTOP)
    try:
        answer, took = only_late(THREE, lambda: tree(client, stack_id, name),
                                 lambda found: late_regions(found[0]["html"]))
    finally:
        cloud.signal_heat_api(THREE, signal.SIGCONT)
        thawed = time.monotonic()

    # Came without the frozen region's answers (the walk did not wait).
    assert answer["late"] and answer["in_progress"]
    html = answer["html"]
    assert html.count("data-mr-node=") == STACKS - WEST + 1
    assert html.count('data-mr-state="late"') == 1
    assert f'data-mr-late-region="{THREE}"' in html
    assert f"{THREE} is answering slowly…" in html
    [late] = [stack for stack in answer["graph"]["stacks"] if stack["state"] == "late"]
    assert (late["region"], late["parent_resource"]) == (THREE, "west")

    filled = wait_until(lambda: tree(client, stack_id, name)[0], TIMEOUT, 0.2,
                        what="the late branch filled in",
                        done=lambda answer: not answer["late"])
    print(f"tree: {usual:.2f} s whole, {took:.2f} s with {THREE} frozen; "
          f"filled in {time.monotonic() - thawed:.2f} s after the thaw")
    assert filled["html"].count("data-mr-node=") == STACKS
    assert filled["html"].count('data-mr-state="complete"') == STACKS
    assert not filled["in_progress"]
    assert [stack["key"] for stack in filled["graph"]["stacks"]] == [
        stack["key"] for stack in whole["graph"]["stacks"]]


def events_tab(client, stack_id: str, tab: str = "events", **query) -> tuple[str, float]:
    started = time.monotonic()
    response = client.get(reverse(constants.STACK_DETAIL_URL, args=(ONE, stack_id)),
                          {**query, "tab": f"stack_details__{tab}"},
                          HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    return response.content.decode(), time.monotonic() - started


def whole_tab(client, stack_id: str, tab: str = "events", **query) -> tuple[str, float]:
    """The tab once no branch of it is late (a busy region may be, at
    times, with no freeze)."""
    return wait_until(lambda: events_tab(client, stack_id, tab, **query), 3 * TIMEOUT, 0.2,
                      what=f"the whole {tab} tab {query}",
                      done=lambda found: "data-mr-tab-late" not in found[0])


def rows(page: str) -> list[str]:
    return re.findall(r'<tr[^>]*data-object-id="([^"]+)"', page)


def events_of(page: str, region: str) -> int:
    return len(re.findall(rf'<td[^>]*mr-region-cell[^>]*>\s*{region}\s*</td>', page))


def test_the_events_outputs_and_timeline_come_without_a_frozen_region_s_branch(
        cloud, client, stack_trees):
    """The Events tab's pages (the first, an older one, a filtered one),
    the Outputs tab and the timeline walk the tree within the budget too:
    RegionThree's stacks are said to answer slowly (no other page of
    events is offered meanwhile), and each tab asked again, the same page,
    once RegionThree answers is whole."""
    stack_id, _ = stack_trees["tree"]
    client.cookies["API_RESULT_PAGE_SIZE"] = "3"
    first, _ = whole_tab(client, stack_id)
    marker = unquote_plus(html.unescape(re.search(r'events_marker=([^"&]+)', first).group(1)))
    older, _ = whole_tab(client, stack_id, events_marker=marker)
    client.cookies["API_RESULT_PAGE_SIZE"] = "1000"  # every event on one page
    whole, usual = whole_tab(client, stack_id)
    assert events_of(whole, THREE) and events_of(whole, ONE)
    mine = {"events_region": ONE}

    cloud.signal_heat_api(THREE, signal.SIGSTOP)
    try:
        page, took = only_late(THREE, lambda: events_tab(client, stack_id),
                               lambda found: late_regions(found[0]))
        filtered, _ = events_tab(client, stack_id, **mine)
        client.cookies["API_RESULT_PAGE_SIZE"] = "3"
        late_older, _ = events_tab(client, stack_id, events_marker=marker)
        client.cookies["API_RESULT_PAGE_SIZE"] = "1000"
        outputs, _ = only_late(THREE, lambda: events_tab(client, stack_id, "outputs"),
                               lambda found: late_regions(found[0]))
        drawn = only_late(THREE, lambda: timeline(client, stack_id),
                          lambda found: found["late"])
    finally:
        cloud.signal_heat_api(THREE, signal.SIGCONT)
        thawed = time.monotonic()
    assert "data-mr-live-tab data-mr-tab-late" in page
    assert f'data-mr-late-region="{THREE}"' in page
    assert events_of(page, THREE) == 0 and events_of(page, ONE) == events_of(whole, ONE)
    assert "events_marker=" not in page
    # An older page and a filtered one: late too, asked again as that same
    # page (not the first: data-mr-tab-query), no other page offered.
    # Late: RegionThree's branch, or on a busy machine a branch above it.
    for other, query in ((late_older, {"events_marker": marker}), (filtered, mine)):
        assert "data-mr-live-tab" not in other and "data-mr-tab-late" in other
        assert f'data-mr-tab-query="{html.escape(urlencode(query))}"' in other
        assert 'data-mr-late-region="' in other
        assert not re.search(r'href="[^"]*events_marker=', other)
    # An older page shows no events until whole (it cannot be placed without
    # every branch's); the first page filtered shows what came.
    assert rows(late_older) == [] and not events_of(filtered, THREE)
    assert 'class="mr-tree-outputs" data-mr-tab-late' in outputs
    # RegionThree's branch is one late stack (no more, unless on a busy
    # machine another branch was late too); whole once thawed, below.
    assert outputs.count(f'data-mr-late-region="{THREE}"') == 1
    assert outputs.count("mr-stack-outputs") <= STACKS - WEST + 1
    assert THREE in drawn["late"]
    # The late stack has its lane (its id is its parent's resource's), no more.
    assert [lane["region"] for lane in drawn["lanes"]].count(THREE) == 1

    filled, _ = whole_tab(client, stack_id)
    print(f"events tab: {usual:.2f} s whole, {took:.2f} s with {THREE} frozen; "
          f"whole again {time.monotonic() - thawed:.2f} s after the thaw")
    assert events_of(filled, THREE) == events_of(whole, THREE)
    client.cookies["API_RESULT_PAGE_SIZE"] = "3"
    again, _ = whole_tab(client, stack_id, events_marker=marker)
    assert rows(again) == rows(older) and len(rows(older)) == 3
    client.cookies["API_RESULT_PAGE_SIZE"] = "1000"
    outputs, _ = whole_tab(client, stack_id, "outputs")
    assert outputs.count("mr-stack-outputs") == STACKS
    drawn = wait_until(lambda: timeline(client, stack_id), TIMEOUT, 0.2,
                       what="the late branch's timeline", done=lambda found: not found["late"])
    assert len(drawn["lanes"]) == STACKS


def timeline(client, stack_id: str) -> dict:
    response = client.get(reverse(constants.STACK_TIMELINE_URL, args=(ONE, stack_id)))
    assert response.status_code == 200
    return response.json()


def test_the_way_up_comes_without_a_frozen_region_then_whole(cloud, client, demo_request,
                                                             stack_trees):
    """The breadcrumb's way up within the budget: with RegionTwo (which
    holds an ancestor) frozen, it names RegionTwo late and gives what the
    others hold; asked again by its late_url once thawed, it is whole."""
    stack_id, name = stack_trees["tree"]
    tree = stack_tree(demo_request, ONE, stack_id, name)
    east = next(n for n in tree.root.children if n.parent_resource == "east")
    back = next(n for n in east.children if n.parent_resource == "back")
    url = reverse(constants.STACK_LINEAGE_URL, args=(back.region, back.id))
    whole = whole_lineage(client, url, {"name": back.name})  # the regions' paces learned
    assert [a["name"] for a in whole["ancestors"]] == [name, east.name]

    cloud.signal_heat_api(TWO, signal.SIGSTOP)
    try:
        started = time.monotonic()
        late = only_late(TWO, lambda: client.get(url, {"name": back.name}).json(),
                         lambda found: found["late"])
        took = time.monotonic() - started
    finally:
        cloud.signal_heat_api(TWO, signal.SIGCONT)
        thawed = time.monotonic()
    assert late["late"] == [TWO] and late["errors"] == []
    # east, in RegionTwo, links back to the root: nothing above back yet.
    assert late["ancestors"] == []
    assert "late=" in late["late_url"]
    again = whole_lineage(client, url, {"name": back.name}, late["late_url"])
    print(f"way up: {took:.2f} s with {TWO} frozen; whole "
          f"{time.monotonic() - thawed:.2f} s after the thaw")
    assert again == whole
