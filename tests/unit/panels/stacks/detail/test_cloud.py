"""Tests of the pages of a stack of another cloud when that cloud or its
gateway cannot be reached: told like a region that is down, never a 5xx
(the pages that work are tested on the real clouds: functional and
browser tests of test_cloud_stacks / test_cloud_stack_page)."""

from unittest import mock

from django.urls import reverse
from keystoneauth1 import exceptions as ksa_exc

from mr_dashboard import constants
from mr_dashboard.api import other_cloud
from mr_dashboard.api import place
from mr_dashboard.panels.stacks.detail import places
from tests.unit import base
from tests.unit import fakes

ARGS = ("RegionOne", "p4rent", "remote", "RegionOne", "c4ild")


class CloudStackTests(base.TestCase):

    @mock.patch.object(places, "cloud_place", side_effect=other_cloud.CloudUnavailable(
        "The Keystone at https://keystone.example.com/v3 refused these credentials"))
    def test_a_cloud_that_refuses_is_a_banner_and_a_way_back(self, _):
        response = self.client.get(reverse(constants.STACK_DETAIL_URL, args=ARGS))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="mr-region-problems"')
        self.assertContains(response, "RegionOne of another cloud")
        self.assertContains(response, "refused these credentials")
        self.assertContains(response, 'href="/project/mr_stacks/RegionOne/p4rent/"')

    @mock.patch.object(places, "cloud_place", side_effect=other_cloud.NoGateway(
        "remote of top creates no stack in another cloud."))
    def test_the_tree_of_an_unreachable_gateway_keeps_the_reason(self, _):
        response = self.client.get(reverse(constants.STACK_TREE_URL, args=ARGS))

        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertIn('data-mr-state="unreachable"', body["html"])
        self.assertIn("creates no stack in another cloud", body["html"])
        self.assertFalse(body["in_progress"])

    @mock.patch.object(places, "cloud_place", side_effect=place.NotBound(
        "Stack c4ild of RegionOne of another cloud was not created by remote of top"))
    def test_a_stack_not_bound_to_its_parent_is_refused_back_to_the_parent(self, _):
        parent = reverse(constants.STACK_DETAIL_URL, args=ARGS[:2])
        for name in (constants.STACK_DETAIL_URL, constants.CLOUD_STACK_DELETE_URL,
                     constants.CLOUD_STACK_UPDATE_URL, constants.SNAPSHOT_CREATE_URL):
            self.assertRedirects(self.client.get(reverse(name, args=ARGS)), parent,
                                 fetch_redirect_response=False, msg_prefix=name)
        for name in (constants.CLOUD_STACK_CHECK_URL, constants.CLOUD_STACK_DELETE_URL):
            self.assertRedirects(self.client.post(reverse(name, args=ARGS)), parent,
                                 fetch_redirect_response=False, msg_prefix=name)
        self.assertMessageCount(error=6)
        tree = self.client.get(reverse(constants.STACK_TREE_URL, args=ARGS)).json()
        self.assertIn("was not created by remote of top", tree["html"])

    def test_a_certificate_refused_after_the_login_says_so(self):
        request = fakes.api_request(fakes.catalog())
        error = places.error_of(ksa_exc.SSLError("CERTIFICATE_VERIFY_FAILED"), request)
        self.assertEqual(error.kind, constants.KIND_UNREACHABLE)
        self.assertIn("The certificate of the other cloud is not trusted", error.message)
