"""Pages of two stacks across the three regions of the real cloud, for every
sort key and direction: walked forward then back, they show every stack
once, in the order of one long page.

Six stacks of a tag of their own (two per region, two of them updated so
that the updated time has values and NULLs), deleted at the end.
"""
import html
import re
import time
import uuid

import pytest
from django.test import override_settings
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.stacks.cursor import SORT_KEYS
from tests.functional.conftest import login
from tests.functional.stacks_helpers import NONE
from tests.functional.stacks_helpers import heat_through_proxies
from tests.functional.stacks_helpers import wait_for

INDEX_URL = reverse(constants.STACKS_INDEX_URL)


@pytest.fixture(scope="module")
def tagged(cloud):
    """Six stacks, two per region, two of them updated; their tag."""
    # Room for a busy shared cloud: these tests check order, not speed.
    patient = override_settings(MR_DASHBOARD={"REGION_TIMEOUT": 30.0,
                                              "PAGE_BUDGET_CEILING": 0})
    patient.enable()
    client = login(cloud)
    request = client.get(INDEX_URL).wsgi_request
    tag = f"mrstk-{uuid.uuid4().hex[:8]}"
    made = []
    try:
        for number in range(6):
            region = cloud.regions[number % 3]
            made.append((region, heat.stack_create(
                request, region, stack_name=f"{tag}-{number}",
                template=NONE, tags=tag)))
        for region, stack_id in made:
            wait_for(request, {region: stack_id},
                     lambda s: s == "CREATE_COMPLETE")
        for region, stack_id in made[:2]:
            heat.heatclient(request, region).stacks.update(
                stack_id, template=NONE, tags=tag)
            wait_for(request, {region: stack_id},
                     lambda s: s == "UPDATE_COMPLETE")
        yield tag
    finally:
        for region, stack_id in made:
            heat.stack_delete(request, region, stack_id)
        patient.disable()


def names(response) -> list[str]:
    return [stack.name for stack in response.context["stacks_table"].data]


@pytest.mark.parametrize("order", ["asc", "desc"])
@pytest.mark.parametrize("sort", sorted(SORT_KEYS))
def test_pages_of_two_across_regions(demo_client, tagged, sort, order):
    demo_client.post(INDEX_URL, {"stacks__filter__q_field": "tag",
                                 "stacks__filter__q": tagged})
    everything = names(demo_client.get(INDEX_URL, {"sort": sort,
                                                   "order": order}))
    assert len(everything) == 6

    demo_client.cookies["API_RESULT_PAGE_SIZE"] = "2"
    response = demo_client.get(INDEX_URL, {"sort": sort, "order": order})
    pages = [names(response)]
    while response.context["stacks_table"].has_more_data():
        table = response.context["stacks_table"]
        response = demo_client.get(f"{INDEX_URL}?"
                                   f"{table.get_pagination_string()}")
        pages.append(names(response))
    assert [name for page in pages for name in page] == everything
    assert [len(page) for page in pages] == [2, 2, 2]

    back = []
    while response.context["stacks_table"].has_prev_data():
        table = response.context["stacks_table"]
        response = demo_client.get(f"{INDEX_URL}?"
                                   f"{table.get_prev_pagination_string()}")
        back.append(names(response))
    assert back == pages[-2::-1]


def late_follow_up(client, response) -> tuple[list[str], str | None, float]:
    """What the page's script does: ask the page's follow-up until it is
    done; the rows' ids it gives, in order, its next page's link, and how
    long it took."""
    found = re.search(r'data-mr-late-url="([^"]+)"', response.content.decode())
    assert found, "the page has no late region"
    started = time.monotonic()
    while True:
        answer = client.get(html.unescape(found.group(1)))
        assert answer.status_code == 200, answer.content[:500]
        if answer.json()["state"] == "done":
            break
    table = answer.json()["html"]
    # A row in progress updates itself from the Stacks page, not from here.
    assert {html.unescape(url).split("?")[0] for url in re.findall(
        r'data-update-url="([^"]+)"', table)} == {reverse(constants.STACKS_INDEX_URL)}
    later = re.search(r'href="\?(mr_next=[^"]+)"', table)
    return (re.findall(r'<tr[^>]*data-object-id="([^"]+)"', table),
            later and html.unescape(later.group(1)), time.monotonic() - started)


def row_ids(response) -> list[str]:
    return [f"{stack.region}:{stack.id}"
            for stack in response.context["stacks_table"].data]


def test_a_slow_region_s_rows_follow_each_page_in_place(
        cloud, tagged, settings, monkeypatch):
    """RegionTwo's Heat 3 s slower than usual: each page of three comes
    within the budget with the other regions' rows, RegionTwo's follow in
    their places, and the pages walked show every stack once, in order."""
    with heat_through_proxies(cloud, settings, monkeypatch) as proxies:
        settings.MR_DASHBOARD = {"REGION_TIMEOUT": 10.0,
                                 "PAGE_BUDGET_CEILING": 1.5}
        client = login(cloud)
        client.post(INDEX_URL, {"stacks__filter__q_field": "tag",
                                "stacks__filter__q": tagged})
        for _ in range(3):  # each region's usual time, learned
            client.get(INDEX_URL)
        # Every stack, in order: a page waiting for every region.
        settings.MR_DASHBOARD = {"REGION_TIMEOUT": 10.0, "PAGE_BUDGET_CEILING": 0}
        everything = row_ids(client.get(INDEX_URL))
        assert len(everything) == 6
        settings.MR_DASHBOARD = {"REGION_TIMEOUT": 10.0,
                                 "PAGE_BUDGET_CEILING": 1.5}

        proxies["RegionTwo"].delay = 3.0
        client.cookies["API_RESULT_PAGE_SIZE"] = "3"
        shown, query = [], ""
        while True:
            response = client.get(f"{INDEX_URL}?{query}")
            assert response.status_code == 200
            # Came without RegionTwo's part (and without another region's
            # that a busy machine made late too): their rows follow.
            late = [p.region for p in response.context["region_problems"]
                    if p.late]
            assert "RegionTwo" in late, late
            first = row_ids(response)
            assert not any(row.startswith("RegionTwo:") for row in first)
            rows, query, waited = late_follow_up(client, response)
            kept = [row for row in rows if row in first]
            assert kept == first[:len(kept)]  # the rest moved to later pages
            shown += rows
            if not query:
                break
        assert shown == everything
