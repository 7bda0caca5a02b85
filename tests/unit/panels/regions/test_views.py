"""Tests of the Regions panel's views, through Django's test client."""

import json
from unittest import mock

from django.urls import reverse
from heatclient import exc as heat_exc

from mr_dashboard import constants
from mr_dashboard.api import heat
from tests.unit import base

INDEX_URL = reverse(constants.REGIONS_INDEX_URL)
HEALTH_URL = reverse(constants.REGIONS_HEALTH_URL)
SELECT_URL = reverse(constants.REGION_SELECT_URL)


class IndexViewTests(base.TestCase):

    def test_lists_every_heat_region_without_calling_them(self):
        response = self.client.get(INDEX_URL)

        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "project/mr_regions/index.html")
        table = response.context["regions_table"]
        self.assertEqual([row.name for row in table.data],
                         ["RegionOne", "RegionTwo"])
        self.assertContains(response, 'id="regions__row__RegionTwo"')
        self.assertContains(
            response, 'data-mr-health-region="RegionOne"', count=1)
        self.assertContains(response, str(constants.HEALTH_CHECKING),
                            count=2)
        self.assertContains(response,
                            f'data-mr-health-url="{HEALTH_URL}"')
        self.assertContains(response, 'data-mr-health-refresh="10"')
        self.assertContains(
            response, "orchestration: http://heat.regiontwo.example.com")
        self.assertContains(response, 'id="mr-region-select"')
        # Horizon's TestCase fails any test that reached the network.

    def test_shows_only_the_chosen_region(self):
        self.client.post(SELECT_URL, {"region": "RegionTwo",
                                      "next": INDEX_URL})
        response = self.client.get(INDEX_URL)

        table = response.context["regions_table"]
        self.assertEqual([row.name for row in table.data], ["RegionTwo"])
        self.assertContains(
            response, '<option value="RegionTwo" selected>RegionTwo</option>',
            html=True)


class HealthViewTests(base.TestCase):

    @staticmethod
    def _build_info(request, region):
        if region == "RegionTwo":
            # A careless server repeating the user's token.
            raise heat_exc.HTTPServiceUnavailable(json.dumps({"error": {
                "message": f"engine gone, token {request.user.token.id}"}}))
        return heat.BuildInfo(region, "1", "2")

    @mock.patch.object(heat, "build_info")
    def test_reports_each_region(self, build_info):
        build_info.side_effect = self._build_info

        response = self.client.get(HEALTH_URL)

        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
        health = response.json()
        self.assertEqual(sorted(health), ["RegionOne", "RegionTwo"])
        one, two = health["RegionOne"], health["RegionTwo"]
        self.assertEqual((one["ok"], one["kind"], one["label"],
                          one["message"]), (True, None, "OK", ""))
        self.assertIsInstance(one["elapsed_ms"], int)
        self.assertTrue(one["summary"].startswith("OK, "))
        self.assertEqual((two["ok"], two["kind"], two["label"]),
                         (False, constants.KIND_SERVER_ERROR, "Server error"))
        self.assertEqual(two["message"],
                         "HTTPServiceUnavailable (HTTP 503): engine gone, "
                         "token ***")
        self.assertNotIn(self.token.id, response.content.decode())
        self.assertEqual(two["summary"], "Server error: " + two["message"])

    @mock.patch.object(heat, "build_info")
    def test_asks_only_the_chosen_region(self, build_info):
        build_info.side_effect = self._build_info
        self.client.post(SELECT_URL, {"region": "RegionOne"})

        health = self.client.get(HEALTH_URL).json()

        self.assertEqual(list(health), ["RegionOne"])
        self.assertEqual([call.args[1] for call in build_info.call_args_list],
                         ["RegionOne"])
