"""What the Stacks page's view tests share: canned stacks of two regions,
a Heat that answers ``stacks_sorted`` like Heat, and the test case that
puts it in place of the API."""

from datetime import datetime, timedelta, timezone
from unittest import mock

from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api import heat
from tests.unit import base

INDEX_URL = reverse(constants.STACKS_INDEX_URL)
T0 = datetime(2026, 11, 21, 10, 0, tzinfo=timezone.utc)


def stack(region, number, status="CREATE_COMPLETE", **fields):
    return heat.Stack(region=region, id=f"{region.lower()}-{number:04d}",
                      name=f"{region.lower()}-s{number}", status=status,
                      created=T0 + timedelta(minutes=number), **fields)


class FakeHeat:
    """Stacks per region, answering ``stacks_sorted`` like Heat (created
    time and name, both directions, markers, the id filter)."""

    def __init__(self, regions):
        self.regions = regions
        self.calls = []
        self.failures = {}

    def stacks_sorted(self, request, region, *, sort_keys, sort_dir, limit,
                      marker=None, filters=None):
        self.calls.append((region, sort_keys, sort_dir, limit, marker,
                           filters))
        if region in self.failures:
            raise self.failures[region]
        column = {"creation_time": lambda s: s.created,
                  "stack_name": lambda s: s.name}[sort_keys[0]]
        stacks = sorted(self.regions[region], reverse=sort_dir == "desc",
                        key=lambda s: (column(s), s.id))
        if filters and "id" in filters:
            stacks = [s for s in stacks if s.id in filters["id"]]
        if marker:
            ids = [s.id for s in stacks]
            stacks = stacks[ids.index(marker) + 1:]
        return stacks[:limit]

    def page_calls(self):
        return [call for call in self.calls if call[3] != 1]


# Rendering a page fills Horizon's test cache (300 entries at most) with
# django_compressor's entries, and culling it may drop the region memory. A
# cache of its own (another LOCATION: locmem caches share one per location)
# keeps the tests independent of what rendered before.
BIG_CACHE = {"default": {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "mr-dashboard-stacks-tests",
    "OPTIONS": {"MAX_ENTRIES": 100000}}}


@override_settings(CACHES=BIG_CACHE)
class StacksViewTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        cache.clear()
        self.heat = FakeHeat({
            "RegionOne": [stack("RegionOne", n) for n in (1, 4, 5)],
            "RegionTwo": [stack("RegionTwo", 2, "UPDATE_IN_PROGRESS",
                                status_reason="Stack UPDATE started",
                                tags=("web", "demo")),
                          stack("RegionTwo", 3, "CREATE_FAILED")]})
        for name, value in (("stacks_sorted", self.heat.stacks_sorted),
                            ("resources_list", lambda *args: [])):
            patcher = mock.patch.object(heat, name, side_effect=value)
            patcher.start()
            self.addCleanup(patcher.stop)

    def names(self, response):
        return [row.name for row in response.context["stacks_table"].data]
