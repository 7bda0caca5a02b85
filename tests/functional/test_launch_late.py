"""The Launch form within its budget: a frozen region's checks and pickers
come after the page.

A launch into RegionTwo whose child runs in RegionOne is checked once (each
region's usual time learned), then again with RegionTwo's Heat API frozen
(SIGSTOP): the checklist page comes within the budget with RegionOne's
checks and RegionTwo's as checking…, a launch is refused, and once the
region is thawed the page's follow-up gives RegionTwo's checks. Likewise
with RegionTwo's Nova frozen: the parameters step comes within the budget,
RegionTwo's flavor a text field for now, and once Nova is thawed the
form's follow-up lists its flavors; a stack set's form likewise, for its
RegionTwo member's field and the common one. A stack set's Check with
RegionTwo's Heat frozen: RegionOne's member checked, RegionTwo's checking…,
the follow-up gives every member's checks once RegionTwo answers.
"""
import re
import signal
from html import unescape

import pytest
from django.core.cache import cache
from django.urls import reverse

from mr_dashboard import constants

from tests.cloud import REPO
from tests.cloud import stopped
from tests.functional import launch_helpers as lh
from tests.functional import stack_sets_helpers as sets
from tests.functional import resource_stacks
from tests.waiting import follow_up_done
from tests.waiting import wait_until

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
    response = client.post(reverse(constants.STACK_LAUNCH_STACK_URL), {
        "draft": draft, "action": action, "timeout_mins": 10,
        "stack_name": lh.unique_name("late"), "param__child_region": "RegionOne", **fields})
    assert response.status_code == 200, response.content[:3000]
    return response


def test_a_frozen_region_s_checks_come_after_the_page(cloud, client):
    step = lh.select_folder(client, "update", region="RegionTwo", template_path="parent.yaml")
    draft = lh.draft_of(step)
    # Each region's usual time learned (checked again while a busy
    # machine makes a region late).
    checked = wait_until(lambda: check(client, draft), 60, 0.5, what="the checks in time",
                         done=lambda found: not found.context["form"].checklist.pending)
    assert checked.context["form"].checklist.passed
    cloud.signal_heat_api("RegionTwo", signal.SIGSTOP)
    try:
        checked = check(client, draft)
        checklist = checked.context["form"].checklist
        page = checked.content.decode()
        assert checklist.pending == ("RegionTwo",)
        assert {c.region for c in checklist.checks} == {"RegionOne", "RegionTwo"}
        assert not checklist.failures(), checklist.failures()
        assert "is answering slowly" in page and "mr-check-pending" in page
        url = unescape(re.search(r'data-mr-pending-url="([^"]+)"', page).group(1))

        refused = check(client, draft, "go", checks=checklist.key)
        assert "have not answered yet" in unescape(refused.content.decode())
    finally:
        cloud.signal_heat_api("RegionTwo", signal.SIGCONT)
    answer = follow_up_done(client, url)
    [region] = answer["regions"]
    assert region["region"] == "RegionTwo"
    assert {c["name"]: c["status"] for c in region["checks"]}["Heat answers"] == "passed"
    assert answer["passed"], answer


def test_a_frozen_region_s_pickers_come_after_the_page(cloud, client):
    # No answer an earlier late listing kept for the next rendering, no
    # pace learned: each region is waited for the ceiling.
    cache.clear()
    with stopped(cloud, "nova", "RegionTwo"):
        step = lh.select_folder(client, "pickers")
        page = step.content.decode()
        assert lh.options(page, "flavor_two") is None  # a text field, for now
        assert lh.options(page, "flavor")  # RegionOne's listed
        assert 'data-mr-field="param__flavor_two"' in page
        url = unescape(re.search(
            r'id="mr-picker-notes" data-mr-pending-url="([^"]+)"', page).group(1))
        assert client.get(url).json()["state"] == "waiting"
    answer = follow_up_done(client, url)
    fields = {field["name"]: field for field in answer["fields"]}
    assert "param__flavor_two" in fields, answer
    flavors = {flavor.id: flavor.name for flavor in
               resource_stacks.connection(cloud, "RegionTwo").compute.flavors()}
    assert dict(fields["param__flavor_two"]["choices"]) == flavors
    assert not fields["param__flavor_two"]["problem"]


SET_MEMBER = REPO / "tests" / "browser" / "templates" / "region_values" / "set_member.yaml"


def test_a_stack_set_s_late_pickers_come_after_the_page(cloud, client):
    def set_form() -> str:
        step = client.post(reverse(constants.STACK_SET_LAUNCH_URL), {
            "regions": ["RegionOne", "RegionTwo"], "template_source": "raw",
            "template_data": SET_MEMBER.read_text()}, follow=True)
        assert step.status_code == 200
        return step.content.decode()

    cache.clear()  # as above
    with stopped(cloud, "nova", "RegionTwo"):
        page = set_form()
        assert lh.options(page, "flavor__1") is None  # RegionTwo's, a text field for now
        assert lh.options(page, "flavor__0")  # RegionOne's listed
        assert 'data-mr-field="param__flavor__1"' in page
        url = unescape(re.search(
            r'id="mr-picker-notes" data-mr-pending-url="([^"]+)"', page).group(1))
    answer = follow_up_done(client, url)
    fields = {field["name"]: field for field in answer["fields"]}
    flavors = {flavor.id: flavor.name for flavor in
               resource_stacks.connection(cloud, "RegionTwo").compute.flavors()}
    assert dict(fields["param__flavor__1"]["choices"]) == flavors
    assert fields["param__flavor__1"]["blank"] == "(default)"
    # The common field: by name, the names both regions hold first.
    common = fields["param__flavor"]
    assert common["blank"] == "(each region's own value)"
    assert set(dict(common["choices"])) >= set(flavors.values())


def test_a_stack_set_s_late_checks_come_after_the_page(cloud, client):
    first = client.post(reverse(constants.STACK_SET_LAUNCH_URL), {
        "regions": ["RegionOne", "RegionTwo"], "template_source": "raw",
        "template_data": sets.light_text()}, follow=True)
    assert first.status_code == 200
    fields = {"draft": first.context["form"]["draft"].value(), "action": "check",
              "timeout_mins": 5, "stack_name": lh.unique_name("lateset"),
              "param__image": "img"}

    def checked():
        response = client.post(reverse(constants.STACK_SET_LAUNCH_STACK_URL), fields)
        assert response.status_code == 200, response.content[:3000]
        return response

    # Each region's usual time learned (checked again while a busy machine
    # makes a region late).
    whole = wait_until(checked, 60, 0.5, what="the set's checks in time",
                       done=lambda found: not found.context["form"].checklist.pending)
    assert whole.context["form"].checklist.passed
    cloud.signal_heat_api("RegionTwo", signal.SIGSTOP)
    try:
        late = checked()
        checks = late.context["form"].checklist
        page = late.content.decode()
        assert checks.pending == ("RegionTwo",) and checks.key
        assert {c.region for c in checks.checks if c.name == "Heat answers"} == {"RegionOne"}
        assert not checks.failures(), checks.failures()
        assert "mr-check-pending" in page
        url = unescape(re.search(r'data-mr-pending-url="([^"]+)"', page).group(1))
        assert client.get(url).json()["state"] == "waiting"
    finally:
        cloud.signal_heat_api("RegionTwo", signal.SIGCONT)
    answer = follow_up_done(client, url)
    assert answer["passed"], answer
    [region] = answer["regions"]
    assert region["region"] == "RegionTwo"
    assert {c["name"]: c["status"] for c in region["checks"]}["Heat answers"] == "passed"
    # Another page's key, or a set's key asked as one launch's, is refused.
    assert client.get(url.replace("key=", "key=x")).status_code == 400
