"""The Stacks page, served by Horizon in-process against the real cloud:
every region's stacks on one page, remote families marked."""
import re

import pytest

from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api.stacks_cursor import SORT_KEYS

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


def test_remote_children_link_to_their_parent(cloud, client):
    client.get(INDEX_URL)  # the first sight looks the families up
    response = client.get(INDEX_URL)
    shown = rows(response)
    parent = shown["cross-region"]
    families = response.context["stacks_table"].families
    assert {child.region for child in families[parent.id].children} == {
        "RegionTwo", "RegionThree"}
    for name, stack in shown.items():
        if name.startswith("cross-region-"):
            assert families[stack.id].parent.id == parent.id
    page = response.content.decode()
    link = reverse(constants.STACK_DETAIL_URL, args=("RegionOne", parent.id))
    assert re.search(
        rf'Child of <a href="{link}">cross-region</a> \(RegionOne\)', page)
    assert "whose children in other regions are deleted with it" in page


@pytest.mark.parametrize("order", ["asc", "desc"])
@pytest.mark.parametrize("sort", sorted(SORT_KEYS))
def test_every_sort_is_heat_s_own_order_across_regions(client, sort, order):
    response = client.get(INDEX_URL, {"sort": sort, "order": order})
    assert response.context["region_problems"] == []
    shown = response.context["stacks_table"].data
    assert {stack.region for stack in shown} == {
        "RegionOne", "RegionTwo", "RegionThree"}
    key = SORT_KEYS[sort].value
    assert shown == sorted(shown, reverse=order == "desc",
                           key=lambda s: (key(s), s.id, s.region))
