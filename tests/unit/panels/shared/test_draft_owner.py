"""Tests of a launch draft's owner: sealed for the project and user that
made it, refused (a message and back to the Stacks page, not a 500) when
another user, or the same user in another project, posts it."""

from unittest import mock

from django.contrib.messages import get_messages
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard import tokens
from mr_dashboard.api.iaas import pickers
from mr_dashboard.panels.shared.draft import Draft
from tests.unit import base

TEMPLATE = """heat_template_version: 2021-04-16
resources:
  v: {type: OS::Heat::Value, properties: {value: 1}}
"""


class DraftOwnerTests(base.TestCase):

    def setUp(self):
        super().setUp()
        patch = mock.patch.object(pickers, "list_choices", return_value={})
        patch.start()
        self.addCleanup(patch.stop)

    def sealed(self):
        """The draft the parameters step carries, and the request that
        sealed it."""
        step = self.client.post(reverse(constants.STACK_LAUNCH_URL), {
            "region": "RegionOne", "template_source": "raw",
            "template_data": TEMPLATE}, follow=True)
        self.assertTemplateUsed(step, "project/mr_stacks/launch/stack.html")
        return step.context["form"].fields["draft"].initial, step.wsgi_request

    def test_the_owner_takes_the_draft_back(self):
        sealed, request = self.sealed()

        draft = Draft.loads(sealed, request)

        self.assertEqual(draft.template["resources"]["v"]["type"],
                         "OS::Heat::Value")
        self.assertIn(f"user={self.user.id}", draft.owner)
        self.assertIn(f"project={self.tenant.id}", draft.owner)

    def test_another_user_or_project_is_refused_with_a_message(self):
        sealed, request = self.sealed()
        for user in ({"id": "another-user"}, {"tenant_id": "another-project"}):
            with self.subTest(**user):
                # Horizon's _setup_user keeps openstack_auth's get_user
                # to put back after the test: keep the real one, not
                # setUp's stand-in (it stayed for every later test).
                real = self._real_get_user
                self._setup_user(**user)
                self._real_get_user = real

                response = self.client.post(
                    reverse(constants.STACK_LAUNCH_STACK_URL),
                    {"draft": sealed, "action": "check"})

                self.assertRedirects(
                    response, reverse(constants.STACKS_INDEX_URL),
                    fetch_redirect_response=False)
                self.assertIn("was made for another user or project",
                              " ".join(str(message) for message in
                                       get_messages(response.wsgi_request)))
                with self.assertRaises(tokens.BadToken):
                    Draft.loads(sealed, response.wsgi_request)

    def test_a_draft_without_an_owner_is_never_taken_back(self):
        _, request = self.sealed()
        unowned = Draft("RegionOne", "t", {"heat_template_version":
                                           "2021-04-16"}).dumps()

        with self.assertRaises(tokens.BadToken):
            Draft.loads(unowned, request)
