"""Tests of mr_dashboard.permission: the plugin's one policy check, on
Heat's real policy files (the plugin's own, as its settings snippet names
them) and openstack_auth's real enforcer; only the logged-in user is
Horizon's test double (its roles)."""

import contextlib
import os

from django.test import override_settings
from openstack_auth import policy

import mr_dashboard
from mr_dashboard import constants
from mr_dashboard import permission
from tests.unit import base

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


class PermissionTestCase(base.TestCase):
    """Horizon's TestCase whose user has the roles of :meth:`as_user`."""

    def as_user(self, *roles: str) -> None:
        self.setActiveUser(id=self.user.id, token=self.token, username=self.user.name,
                           tenant_id=self.tenant.id, tenant_name=self.tenant.name,
                           service_catalog=self.service_catalog,
                           roles=[{"name": role} for role in roles],
                           authorized_tenants=[self.tenant])


class AllowsTests(PermissionTestCase):

    def test_without_a_policy_function_heats_policy_still_decides(self):
        with heat_policy(check=None):
            self.as_user("reader")
            self.assertFalse(permission.allows(self.request,
                                               constants.SNAPSHOT_CREATE_POLICY))
            self.assertFalse(permission.allows(self.request, constants.STACK_DELETE_POLICY))
            self.assertTrue(permission.allows(self.request, constants.SNAPSHOT_LIST_POLICY))
            self.as_user("member", "reader")
            self.assertTrue(permission.allows(self.request, constants.SNAPSHOT_CREATE_POLICY))
            self.assertTrue(permission.allows(self.request,
                                              constants.SNAPSHOT_RESTORE_POLICY))

    def test_the_policy_function_horizon_is_set_to_is_the_one_asked(self):
        asked = []

        def check(rules, request, target=None):
            asked.append(rules)
            return rules != constants.SNAPSHOT_RESTORE_POLICY

        with heat_policy(check=check):
            self.as_user("reader")
            self.assertTrue(permission.allows(self.request, constants.SNAPSHOT_CREATE_POLICY))
            self.assertFalse(permission.allows(self.request,
                                               constants.SNAPSHOT_RESTORE_POLICY))
        self.assertEqual(asked, [constants.SNAPSHOT_CREATE_POLICY,
                                 constants.SNAPSHOT_RESTORE_POLICY])
