"""Tests of mr_dashboard.checks: the per-region checklist and its cache."""

from django.core.cache import cache
from heatclient import exc as heat_exc

from mr_dashboard import constants
from mr_dashboard.checks import checklist
from mr_dashboard.checks import offers
from mr_dashboard.hot import children
from mr_dashboard.hot import resolve
from tests.unit import base
from tests.unit.checks import heat_stand_ins
from tests.unit.checks.heat_stand_ins import versions_of

MAIN = b"""heat_template_version: 2021-04-16
resources:
  near: {type: OS::Heat::Value, properties: {value: 1}}
  far:
    type: OS::Heat::Stack
    properties:
      context: {region_name: RegionTwo}
      template: {get_file: far.yaml}
  nowhere:
    type: OS::Heat::Stack
    properties:
      context: {region_name: RegionNine}
      template: {get_file: far.yaml}
"""
FAR = b"""heat_template_version: 2018-08-31
resources:
  net: {type: OS::Neutron::Net}
"""


class ChecklistTests(base.TestCase):

    def setUp(self):
        super().setUp()
        cache.clear()
        self.heat = heat_stand_ins.stand_in(self, lambda r, region: versions_of(region))

    def run_checks(self):
        launchable = resolve.resolve("main.yaml", MAIN, {"far.yaml": FAR})
        request = self.client.get("/").wsgi_request
        placements = children.placements(launchable, "RegionOne", {})
        return checklist.run_checks(request, launchable, placements, {"a": "1"})

    def test_each_failure_names_region_stack_and_reason(self):
        self.heat["template_validate"].side_effect = heat_exc.HTTPBadRequest(
            '{"error": {"message": "HEAT-E99001 Something is wrong"}}')

        result = self.run_checks()

        self.assertFalse(result.passed)
        failed = {(c.region, c.stack, c.name): c.reason for c in result.failures()}
        self.assertEqual(failed[("RegionOne", "(the stack itself)",
                                 "Template validates there")], "Something is wrong")
        self.assertEqual(failed[("RegionTwo", "far", "Resource types available")],
                         "Not available in RegionTwo: OS::Neutron::Net.")
        self.assertIn("not accepted in RegionTwo",
                      failed[("RegionTwo", "far", "Template version supported")])
        self.assertIn("No region named RegionNine",
                      failed[("RegionNine", "nowhere", "Region offers Heat")])
        skipped = [c for c in result.checks if c.status == constants.CHECK_SKIPPED]
        self.assertIn(("RegionTwo", "Template validates there"),
                      [(c.region, c.name) for c in skipped])
        self.assertEqual([region for region, _ in result.by_region()],
                         ["RegionOne", "RegionTwo", "RegionNine"])
        # Only the root was validated: the others stopped before.
        self.assertEqual(self.heat["template_validate"].call_count, 1)
        self.assertEqual(self.heat["template_validate"].call_args.kwargs["parameters"],
                         {"a": "1"})

    def test_offers_are_cached_per_region(self):
        self.run_checks()
        self.run_checks()
        self.assertEqual(self.heat["resource_types_list"].call_count, 2)  # 2 regions

    def test_an_alias_is_an_accepted_version(self):
        offer = offers.RegionOffer("RegionOne", tuple(versions_of("RegionOne")), frozenset())
        self.assertTrue(offer.accepts("heat_template_version.wallaby"))
        self.assertFalse(offer.accepts("heat_template_version.2018-08-31"))

    def test_a_preview_refusal_names_the_stack_region_and_reason(self):
        self.heat["stack_preview"].side_effect = heat_exc.HTTPBadRequest(
            '{"error": {"message": "Parameter \'a\' is invalid: too short"}}')
        self.heat["resource_types_list"].return_value = [
            "OS::Heat::Value", "OS::Heat::Stack", "OS::Neutron::Net"]

        result = self.run_checks()

        failed = {(c.region, c.stack, c.name): c.reason for c in result.failures()}
        self.assertEqual(failed[("RegionOne", "(the stack itself)", "Heat's preview there")],
                         "Heat's preview of (the stack itself) in RegionOne refuses it: "
                         "Parameter 'a' is invalid: too short")
        # The root with the values entered (the previews run in parallel).
        self.assertIn({"a": "1"}, [call.kwargs["parameters"] for call
                                   in self.heat["stack_preview"].call_args_list])
        far = [c for c in result.checks if c.stack == "far"
               and c.name == "Heat's preview there"]
        self.assertEqual(far[0].status, constants.CHECK_SKIPPED)

    def test_an_update_asks_no_create_preview(self):
        launchable = resolve.resolve("main.yaml", MAIN, {"far.yaml": FAR})
        request = self.client.get("/").wsgi_request
        result = checklist.run_checks(
            request, launchable, children.placements(launchable, "RegionOne", {}),
            {"a": "1"}, count_quotas=False)
        self.heat["stack_preview"].assert_not_called()
        self.assertNotIn("Heat's preview there", [c.name for c in result.checks])
