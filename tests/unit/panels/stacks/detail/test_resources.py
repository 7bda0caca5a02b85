"""Tests of opening a resource of a stack's tree (Horizon's page through
the region switch, with a way back); the VPN details read Neutron and are
tested on the demo cloud (tests/functional/test_resource_pages.py)."""

from django.contrib.messages import get_messages
from django.urls import reverse

from mr_dashboard import constants
from tests.unit import base


def open_url(resource_region: str, resource_type: str) -> str:
    return reverse(constants.RESOURCE_OPEN_URL, args=(
        "RegionOne", "r00t", resource_region)) + (
        f"?type={resource_type}&id=5e7")


class OpenResourceTests(base.TestCase):

    def test_a_server_of_another_region_opens_through_the_switch(self):
        response = self.client.get(open_url("RegionTwo", "OS::Nova::Server"))
        self.assertRedirects(
            response, "/auth/switch_services_region/RegionTwo/"
            "?next=%2Fproject%2Finstances%2F5e7%2F",
            fetch_redirect_response=False)
        [message] = list(get_messages(response.wsgi_request))
        self.assertIn('href="/project/mr_stacks/RegionOne/r00t/"',
                      str(message))

    def test_unknown_regions_and_types_are_not_found(self):
        self.assertEqual(self.client.get(open_url(
            "Nowhere", "OS::Nova::Server")).status_code, 404)
        self.assertEqual(self.client.get(open_url(
            "RegionTwo", "OS::Heat::Value")).status_code, 404)
