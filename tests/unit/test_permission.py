"""Tests of mr_dashboard.permission: the plugin's one policy check, on
Heat's real policy files (the plugin's own, as its settings snippet names
them) and openstack_auth's real enforcer; only the logged-in user is
Horizon's test double (its roles)."""

from mr_dashboard import constants
from mr_dashboard import permission
from tests.unit.base import PermissionTestCase, heat_policy


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
