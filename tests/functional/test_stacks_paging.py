"""Pages of two stacks across the three regions of the real cloud, for every
sort key and direction: walked forward then back, they show every stack
once, in the order of one long page.

Six stacks of a tag of their own (two per region, two of them updated so
that the updated time has values and NULLs), deleted at the end.
"""
import uuid

import pytest
from django.test import override_settings
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.stacks.cursor import SORT_KEYS
from tests.functional.conftest import login
from tests.functional.stacks_helpers import NONE
from tests.functional.stacks_helpers import wait_for

INDEX_URL = reverse(constants.STACKS_INDEX_URL)


@pytest.fixture(scope="module")
def tagged(cloud):
    """Six stacks, two per region, two of them updated; their tag."""
    # Room for a busy shared cloud: these tests check order, not speed.
    patient = override_settings(MR_DASHBOARD={"REGION_TIMEOUT": 30.0})
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
