"""A stopped or hung region leaves the Stacks page fast and honest.

The page is served in-process against the real cloud while one region's
Heat API is stopped (its port refused) or frozen with SIGSTOP (connections
accepted, never answered); the region is restored in a ``finally`` at once.
"""
import re
import signal
from html import unescape

import pytest
from django.core.cache import cache
from django.urls import reverse

from mr_dashboard import constants
from tests.cloud import democloud
from tests.waiting import follow_up_done
from tests.waiting import wait_until

INDEX_URL = reverse(constants.STACKS_INDEX_URL)
TIMEOUT, MARGIN = 5.0, 0.5


@pytest.fixture
def client(settings, demo_client):
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": TIMEOUT,
                             "DEADLINE_MARGIN": MARGIN,
                             "REGION_QUIET_SECONDS": 30}
    # The region memory lives in Django's cache. Horizon's test settings
    # give a 300-entry local cache that django_compressor fills on every
    # page (the demo's memcached and offline compression do not), culling
    # the memory: a roomier cache here.
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "mr-dashboard-stacks-faults",
        "OPTIONS": {"MAX_ENTRIES": 100000}}}
    demo_client.cookies["API_RESULT_PAGE_SIZE"] = "100"
    cache.clear()
    yield demo_client
    cache.clear()


def page(client):
    response = client.get(INDEX_URL)
    assert response.status_code == 200
    regions = {stack.region for stack in response.context["stacks_table"].data}
    problems = {p.region: p for p in response.context["region_problems"]}
    return regions, problems, response.content.decode()


def answered(cloud, regions: set, problems: dict) -> None:
    """Every region but the broken one is on the page, unless it failed
    too: on this shared cloud a frozen region can keep another region's
    two Heat API workers busy (a remote stack's call waiting on it), and
    the page must then say so rather than wait."""
    assert regions == set(cloud.regions) - set(problems), problems
    assert len(problems) < len(cloud.regions), problems


def row_update(client, stack):
    """A row's refresh, as Horizon's table script asks for it."""
    return client.get(INDEX_URL, {"action": "row_update", "table": "stacks",
                                  "obj_id": f"{stack.region}:{stack.id}"},
                      HTTP_X_REQUESTED_WITH="XMLHttpRequest")


def test_a_stopped_region_is_reported_at_once(cloud, client):
    # The families of the sample stacks looked up beforehand.
    shown = client.get(INDEX_URL).context["stacks_table"].data
    two = next(stack for stack in shown if stack.region == "RegionTwo")
    cloud.signal_heat_api("RegionTwo", signal.SIGTERM)
    try:
        wait_until(lambda: cloud.heat_api_pid("RegionTwo"), 15, 0.2,
                   what="RegionTwo's Heat API stopped", done=lambda pid: not pid, fail=False)
        regions, problems, html = page(client)
        assert problems["RegionTwo"].kind == constants.KIND_UNREACHABLE
        answered(cloud, regions, problems)
        assert 'data-mr-region-problem="RegionTwo"' in html
        # A RegionTwo row refreshing itself is told the region is
        # unavailable (503: its script asks again), not held (Horizon's 100).
        assert row_update(client, two).status_code == 503
    finally:
        democloud("up", "--no-horizon")
    refreshed = row_update(client, two)
    assert refreshed.status_code == 200 and two.id in refreshed.content.decode()


def test_a_hung_region_is_not_waited_for_then_comes_back(cloud, client):
    """The page comes within its budget with RegionThree answering slowly;
    the follow-up gives it up at its timeout; the next pages skip it."""
    page(client)  # each region's usual time, learned
    cloud.signal_heat_api("RegionThree", signal.SIGSTOP)
    try:
        regions, problems, html = page(client)
        # Late, not timed out: the page did not wait for its timeout.
        assert problems["RegionThree"].kind == constants.KIND_LATE
        answered(cloud, regions, problems)
        late_url = re.search(r'data-mr-late-url="([^"]+)"', html).group(1)
        answer = follow_up_done(client, unescape(late_url))
        assert 'data-mr-region-problem="RegionThree" data-mr-problem-kind=' \
               f'"{constants.KIND_TIMEOUT}"' in answer["html"]

        regions, problems, html = page(client)
        assert problems["RegionThree"].skipped
        assert "data-mr-problem-skipped" in html
    finally:
        cloud.signal_heat_api("RegionThree", signal.SIGCONT)
    # No reset needed: a background retry notices the region answers.
    wait_until(lambda: page(client)[:2], 30, what="every region back on the page",
               done=lambda seen: "RegionThree" in seen[0] and not seen[1])
