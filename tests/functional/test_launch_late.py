"""The Launch form within its budget: a frozen region's checks and pickers
come after the page.

A launch into RegionTwo whose child runs in RegionOne is checked once (each
region's usual time learned), then again with RegionTwo's Heat API frozen
(SIGSTOP): the checklist page comes within the budget with RegionOne's
checks and RegionTwo's as checking…, a launch is refused, and once the
region is thawed the page's follow-up gives RegionTwo's checks. Likewise
with RegionTwo's Nova frozen: the parameters step comes within the budget,
RegionTwo's flavor a text field for now, and once Nova is thawed the
form's follow-up lists its flavors.
"""
import re
import signal
import time
from html import unescape

import pytest
from django.core.cache import cache
from django.urls import reverse

from mr_dashboard import constants

from tests.cloud import stopped
from tests.functional import launch_helpers as lh
from tests.functional import resource_stacks

TIMEOUT, MARGIN = 5.0, 0.5


@pytest.fixture
def client(settings, demo_client):
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": TIMEOUT, "DEADLINE_MARGIN": MARGIN,
                             "PAGE_BUDGET_CEILING": 1.5}
    # Late answers and paces live in Django's cache: a roomy one, as the
    # demo's memcached (Horizon's test cache holds 300 entries).
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "mr-dashboard-launch-late", "OPTIONS": {"MAX_ENTRIES": 100000}}}
    cache.clear()
    yield demo_client
    cache.clear()


def check(client, draft: str, action: str = "check", **fields):
    """Post the parameters step (its ``fields`` as they are named)."""
    started = time.monotonic()
    response = client.post(reverse(constants.STACK_LAUNCH_STACK_URL), {
        "draft": draft, "action": action, "timeout_mins": 10,
        "stack_name": lh.unique_name("late"), "param__child_region": "RegionOne", **fields})
    assert response.status_code == 200, response.content[:3000]
    return response, time.monotonic() - started


def test_a_frozen_region_s_checks_come_after_the_page(cloud, client):
    step = lh.select_folder(client, "update", region="RegionTwo", template_path="parent.yaml")
    draft = lh.draft_of(step)
    checked, usual = check(client, draft)  # each region's usual time, learned
    assert checked.context["form"].checklist.passed
    cloud.signal_heat_api("RegionTwo", signal.SIGSTOP)
    try:
        checked, took = check(client, draft)
        checklist = checked.context["form"].checklist
        page = checked.content.decode()
        assert checklist.pending == ("RegionTwo",)
        assert {c.region for c in checklist.checks} == {"RegionOne", "RegionTwo"}
        assert not checklist.failures(), checklist.failures()
        assert "is answering slowly" in page and "mr-check-pending" in page
        url = unescape(re.search(r'data-mr-pending-url="([^"]+)"', page).group(1))

        refused, _took = check(client, draft, "go", checks=checklist.key)
        assert "have not answered yet" in unescape(refused.content.decode())
    finally:
        cloud.signal_heat_api("RegionTwo", signal.SIGCONT)
    thawed = time.monotonic()
    while (answer := client.get(url).json())["state"] != "done":
        assert time.monotonic() - thawed < 3 * (TIMEOUT + MARGIN)
    [region] = answer["regions"]
    assert region["region"] == "RegionTwo"
    assert {c["name"]: c["status"] for c in region["checks"]}["Heat answers"] == "passed"
    assert answer["passed"], answer


def test_a_frozen_region_s_pickers_come_after_the_page(cloud, client):
    lh.select_folder(client, "pickers")  # each region's usual time, learned
    with stopped(cloud, "nova", "RegionTwo"):
        step = lh.select_folder(client, "pickers")
        page = step.content.decode()
        assert lh.options(page, "flavor_two") is None  # a text field, for now
        assert lh.options(page, "flavor")  # RegionOne's listed
        assert 'data-mr-field="param__flavor_two"' in page
        url = unescape(re.search(
            r'id="mr-picker-notes" data-mr-pending-url="([^"]+)"', page).group(1))
        assert client.get(url).json()["state"] == "waiting"
    thawed = time.monotonic()
    while (answer := client.get(url).json())["state"] != "done":
        assert time.monotonic() - thawed < 3 * (TIMEOUT + MARGIN)
    fields = {field["name"]: field for field in answer["fields"]}
    assert "param__flavor_two" in fields, answer
    flavors = {flavor.id: flavor.name for flavor in
               resource_stacks.connection(cloud, "RegionTwo").compute.flavors()}
    assert dict(fields["param__flavor_two"]["choices"]) == flavors
    assert not fields["param__flavor_two"]["problem"]
