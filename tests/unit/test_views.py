"""Tests of mr_dashboard.views: the region dropdown's POST."""

from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard import selection
from tests.unit import base

SELECT_URL = reverse(constants.REGION_SELECT_URL)
INDEX_URL = reverse(constants.REGIONS_INDEX_URL)


class RegionSelectViewTests(base.TestCase):

    def _chosen(self):
        """The region the browser's cookie now names (None: no cookie)."""
        cookie = self.client.cookies.get(selection.REGION_COOKIE)
        return cookie.value or None if cookie else None

    def test_stores_the_region_and_goes_back(self):
        back = "/project/mr_regions/?page=2"
        response = self.client.post(SELECT_URL, {"region": "RegionTwo",
                                                 "next": back})
        self.assertRedirectsNoFollow(response, back)
        self.assertEqual(self._chosen(), "RegionTwo")

    def test_all_regions_clears_the_choice(self):
        self.client.post(SELECT_URL, {"region": "RegionTwo"})
        response = self.client.post(SELECT_URL, {"region": "",
                                                 "next": INDEX_URL})
        self.assertRedirectsNoFollow(response, INDEX_URL)
        self.assertIsNone(self._chosen())

    def test_refuses_to_send_the_user_elsewhere(self):
        for foreign in ("http://evil.example.com/", "//evil.example.com/",
                        "https:///evil.example.com", "javascript:alert(1)"):
            response = self.client.post(SELECT_URL, {"region": "RegionOne",
                                                     "next": foreign})
            self.assertRedirectsNoFollow(response, INDEX_URL)

    def test_an_unknown_region_is_not_stored(self):
        self.client.post(SELECT_URL, {"region": "RegionTwo"})
        response = self.client.post(SELECT_URL, {"region": "Atlantis",
                                                 "next": INDEX_URL},
                                    follow=True)
        self.assertEqual(response.redirect_chain, [(INDEX_URL, 302)])
        self.assertEqual(self._chosen(), "RegionTwo")
        self.assertEqual(
            [str(message) for message in response.context["messages"]],
            ["That region does not offer Heat to this project."])

    def test_only_post(self):
        self.assertEqual(self.client.get(SELECT_URL).status_code, 405)

    def test_needs_the_csrf_token(self):
        self.client.handler.enforce_csrf_checks = True
        response = self.client.post(SELECT_URL, {"region": "RegionTwo"})
        self.assertEqual(response.status_code, 403)
        self.assertIsNone(self._chosen())
