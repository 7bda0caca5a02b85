"""Tests of the Credentials panel's registration with Horizon."""

import horizon

from mr_dashboard import constants
from mr_dashboard.panels.credentials.panel import Credentials
from tests.unit import base


class CredentialsPanelTests(base.TestCase):

    def test_in_the_multi_region_group_of_project(self):
        dashboard = horizon.get_dashboard(constants.DASHBOARD)
        panel = dashboard.get_panel(constants.CREDENTIALS_PANEL)
        self.assertIsInstance(panel, Credentials)
        self.assertIn(panel, list(dashboard.get_panel_group(constants.PANEL_GROUP)))

    def test_needs_a_key_manager(self):
        self.assertEqual(Credentials.permissions,
                         ("openstack.services.key-manager",))
        self.assertEqual(Credentials.policy_rules,
                         (("key-manager", "secrets:get"),))
