"""Tests of the Regions panel's registration with Horizon."""

import horizon

from mr_dashboard import constants
from mr_dashboard.panels.regions.panel import Regions
from tests.unit import base


class RegionsPanelTests(base.TestCase):

    def test_in_the_multi_region_group_of_project(self):
        dashboard = horizon.get_dashboard(constants.DASHBOARD)
        panel = dashboard.get_panel(constants.REGIONS_PANEL)
        self.assertIsInstance(panel, Regions)
        group = dashboard.get_panel_group(constants.PANEL_GROUP)
        self.assertEqual(str(group.name), "Multi-Region")
        self.assertIn(panel, list(group))

    def test_needs_heat(self):
        self.assertEqual(Regions.permissions,
                         ("openstack.services.orchestration",))
        self.assertEqual(Regions.policy_rules,
                         (("orchestration", "stacks:index"),))
