"""Base classes of the tests that render the plugin's pages.

Horizon's own ``TestCase`` (a logged-in test user, Horizon's test data,
and a failure on any network call that was not mocked), with Heat and
Barbican added to the user's catalog in ``heat_regions``; a user of given
roles (:class:`PermissionTestCase`) under Heat's real policy
(:func:`heat_policy`).
"""

import contextlib
import os

from django.test import override_settings
from openstack_auth import policy
from openstack_auth import utils as auth_utils
from openstack_dashboard.test import helpers

import mr_dashboard
from tests.unit import fakes


class TestCase(helpers.TestCase):
    """Horizon's TestCase with Heat in ``heat_regions``."""

    heat_regions: tuple[str, ...] = ("RegionOne", "RegionTwo")

    def setUp(self) -> None:
        super().setUp()
        # What openstack_auth's middleware does when Django first loads it
        # (at a process's first page): without it, a test that renders
        # with ``self.request`` before any page was asked sees an
        # anonymous user, and passes or fails by the tests run before it.
        auth_utils.patch_middleware_get_user()

    def _setup_test_data(self) -> None:
        super()._setup_test_data()
        self.service_catalog = (self.service_catalog
                                + fakes.heat_services(self.heat_regions))


POLICY = os.path.join(os.path.dirname(mr_dashboard.__file__), "policy")


@contextlib.contextmanager
def heat_policy(check=None):
    """Heat's policy for the orchestration rules, as a deployment has it,
    and Horizon's ``POLICY_CHECK_FUNCTION`` set to ``check``."""
    from django.conf import settings
    with override_settings(
            POLICY_CHECK_FUNCTION=check,
            POLICY_FILES={**settings.POLICY_FILES, "orchestration": os.path.join(
                POLICY, "heat_policy.yaml")},
            DEFAULT_POLICY_FILES={**settings.DEFAULT_POLICY_FILES, "orchestration": (
                os.path.join(POLICY, "heat.yaml"))}):
        policy.reset()
        try:
            yield
        finally:
            policy.reset()


class PermissionTestCase(TestCase):
    """Horizon's TestCase whose user has the roles of :meth:`as_user`."""

    def as_user(self, *roles: str) -> None:
        self.setActiveUser(id=self.user.id, token=self.token, username=self.user.name,
                           tenant_id=self.tenant.id, tenant_name=self.tenant.name,
                           service_catalog=self.service_catalog,
                           roles=[{"name": role} for role in roles],
                           authorized_tenants=[self.tenant])
