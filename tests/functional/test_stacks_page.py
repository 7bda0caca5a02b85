"""The Stacks page, served by Horizon in-process against the real cloud:
every region's stacks on one page from one Heat call per region, remote
families marked from the cache or by the page's follow-up requests."""
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api.stacks.cursor import SORT_KEYS
from tests.functional.conftest import login
from tests.functional.stacks_helpers import follow_up
from tests.functional.stacks_helpers import heat_through_proxies

INDEX_URL = reverse(constants.STACKS_INDEX_URL)


@pytest.fixture
def client(demo_client):
    """The demo user, with pages long enough to hold the sample stacks
    whatever other tests have created since (Horizon's per-user page
    size, read from a cookie)."""
    demo_client.cookies["API_RESULT_PAGE_SIZE"] = "500"
    return demo_client


def rows(response) -> dict[str, object]:
    table = response.context["stacks_table"]
    return {stack.name: stack for stack in table.data}


def test_every_region_s_stacks_on_one_page(cloud, client):
    response = client.get(INDEX_URL)
    assert response.status_code == 200
    shown = rows(response)
    assert shown["cross-region"].region == "RegionOne"
    assert shown["single-region"].region == "RegionTwo"
    assert shown["failing"].region == "RegionThree"
    children = {name: stack.region for name, stack in shown.items()
                if name.startswith("cross-region-")}
    assert sorted(children.values()) == ["RegionThree", "RegionTwo"]
    page = response.content.decode()
    assert 'id="mr-region-problems"' not in page
    assert cloud.demo_password not in page


@pytest.fixture
def counted(cloud, settings, monkeypatch):
    """A fresh login of the demo user whose Heat requests go through
    counting proxies (benchmarks.delay_proxy without delay, the benchmarks'
    catalog middleware), and the proxies by region."""
    with heat_through_proxies(cloud, settings, monkeypatch) as proxies:
        # Room for a busy shared cloud: a region missing from the page
        # would be a timeout, not a call too many.
        settings.MR_DASHBOARD = {"REGION_TIMEOUT": 30.0,
                                 "PAGE_BUDGET_CEILING": 0}
        client = login(cloud)
        client.cookies["API_RESULT_PAGE_SIZE"] = "500"
        yield client, proxies


def heat_requests(proxies) -> dict[str, int]:
    """Heat requests forwarded by each region's proxy since last asked."""
    counts = {}
    for region, proxy in proxies.items():
        with proxy.lock:
            counts[region], proxy.count = proxy.count, 0
    return counts


def family_cell(html: str, stack) -> str:
    """The opening tag and content of a row's Remote links cell."""
    row = re.search(rf'<tr[^>]*data-object-id="{stack.region}:{stack.id}"'
                    rf'.*?</tr>', html, re.S).group(0)
    return re.search(r"<td[^>]*data-mr-family=.*?</td>", row, re.S).group(0)


def test_one_heat_call_per_region_and_the_family_after(cloud, counted):
    client, proxies = counted
    cache.clear()  # the first sight: nothing known yet
    page = client.get(INDEX_URL)
    assert page.status_code == 200
    assert heat_requests(proxies) == {region: 1 for region in cloud.regions}
    shown = rows(page)
    parent = shown["cross-region"]
    children = [stack for name, stack in shown.items()
                if name.startswith("cross-region-")]
    html = page.content.decode()
    assert 'data-mr-family="pending"' in family_cell(html, parent)
    assert "Child of" not in html and "deleted with it" not in html

    found = follow_up(client, page)
    assert sum(heat_requests(proxies).values()) > len(cloud.regions)
    entry = found[f"RegionOne:{parent.id}"]
    assert entry["state"] == "found"
    [mark] = entry["marks"]
    assert mark["label"] == "Parent of"
    assert sorted(link["region"] for link in mark["links"]) == sorted(
        child.region for child in children)
    assert entry["warning"].startswith(
        "cross-region (RegionOne), whose child stacks are deleted with it: "
        "cross-region-")
    link = reverse(constants.STACK_DETAIL_URL, args=("RegionOne", parent.id))
    for child in children:
        [mark] = found[f"{child.region}:{child.id}"]["marks"]
        assert (mark["label"], mark["links"]) == ("Child of", [
            {"text": "cross-region", "url": link, "region": "RegionOne"}])

    again = client.get(INDEX_URL)  # what was found is cached
    assert heat_requests(proxies) == {region: 1 for region in cloud.regions}
    html = again.content.decode()
    assert 'data-mr-family="known"' in family_cell(html, parent)
    for child in children:
        assert re.search(rf'Child of <a href="{link}">cross-region</a> '
                         rf'\(RegionOne\)', family_cell(html, child))
    assert "whose child stacks are deleted with it" in html
    assert cloud.demo_password not in html


@pytest.mark.parametrize("order", ["asc", "desc"])
@pytest.mark.parametrize("sort", sorted(SORT_KEYS))
def test_every_sort_is_heat_s_own_order_across_regions(client, sort, order):
    response = client.get(INDEX_URL, {"sort": sort, "order": order})
    assert response.context["region_problems"] == []
    shown = response.context["stacks_table"].data
    assert {stack.region for stack in shown} == {
        "RegionOne", "RegionTwo", "RegionThree"}
    # Ties are in Heat's own order too, which is finer than what its API
    # shows (created_at has microseconds in the database, seconds in the
    # API), so the page is compared by the shown key only.
    keys = [SORT_KEYS[sort].value(stack) for stack in shown]
    assert keys == sorted(keys, reverse=order == "desc")
