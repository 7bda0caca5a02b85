"""Tests of the launch checks and pickers within a page's budget: a slow
region's checks are pending (mr_dashboard.checks.checklist with
mr_dashboard.api.handover), its pickers text fields until the form's
follow-up makes them (mr_dashboard.api.iaas.pickers, the view
launch/pickers/). Heat's and Nova's answers are mocked; one region's are
held until the test lets them go, so that no test depends on how fast
the machine is."""

import threading
import time
import warnings
from unittest import mock

from django.core.cache import cache
from django.core.cache.backends.base import CacheKeyWarning
from django.test import override_settings
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api import handover
from mr_dashboard.api import parallel

from mr_dashboard.api import region_state
from mr_dashboard.api.iaas import compute
from mr_dashboard.api.iaas import pickers
from mr_dashboard.api.iaas import sdk
from mr_dashboard.api.iaas.sdk import Named
from mr_dashboard.checks import checklist
from mr_dashboard.hot import children
from mr_dashboard.hot import resolve
from tests.unit import base
from tests.unit import fakes
from tests.unit.checks import heat_stand_ins
from tests.unit.checks.heat_stand_ins import versions_of

MAIN = b"""heat_template_version: 2021-04-16
parameters:
  a: {type: string, default: x}
resources:
  far:
    type: OS::Heat::Stack
    properties:
      context: {region_name: RegionTwo}
      template: {get_file: far.yaml}
"""
FAR = b"""heat_template_version: 2021-04-16
resources:
  value: {type: OS::Heat::Value, properties: {value: 1}}
"""
#: How long a test waits at most for what a released answer brings.
HOLD = fakes.HOLD_SECONDS
#: A budget that calls a region late after 0.3 s (none is learned yet).
BUDGET = {"PAGE_BUDGET_CEILING": 0.3, "REGION_TIMEOUT": 3.0,
          "DEADLINE_MARGIN": 0.1}


class Held:
    """A mocked call whose answers in ``region`` wait at a gate until the
    test lets them go (:meth:`release`; at its end at the latest), then
    answer ``then(region)``."""

    def __init__(self, case, region: str, then=None):
        self.region, self.then = region, then
        self.gate = fakes.Gate()
        case.addCleanup(self.gate.open)

    def __call__(self, request, where, *args, **kwargs):
        if where == self.region:
            self.gate.hold()
        return self.then(where) if self.then else None

    def release(self) -> None:
        self.gate.open()


@override_settings(MR_DASHBOARD=BUDGET)
class LateChecksTests(base.TestCase):

    def setUp(self):
        super().setUp()
        cache.clear()
        self.addCleanup(cache.clear)
        self.held = Held(self, "RegionTwo", versions_of)
        self.heat = heat_stand_ins.stand_in(self, self.held)
        self.launchable = resolve.resolve("main.yaml", MAIN, {"far.yaml": FAR})
        self.request = self.client.get("/").wsgi_request
        self.placements = children.placements(self.launchable, "RegionOne", {})

    def run_checks(self, values=None):
        return checklist.run_checks(self.request, self.launchable, self.placements,
                                    values or {"a": "1"}, paced=True)

    def kept(self, key, values=None, wait=0.0):
        return checklist.kept_checks(self.request, key, wait, self.launchable,
                                     self.placements, values or {"a": "1"})

    def test_a_slow_region_s_checks_are_pending_then_kept_for_the_launch(self):
        found = self.run_checks()

        # The page did not wait for RegionTwo: its answer is still held.
        self.assertEqual(found.pending, ("RegionTwo",))
        self.assertFalse(found.passed)
        self.assertTrue(found.key)
        # RegionOne's checks are all there; RegionTwo's first rows only.
        names = {region: [c.name for c in checks] for region, checks in found.by_region()}
        self.assertIn("Heat's preview there", names["RegionOne"])
        self.assertEqual(names["RegionTwo"], ["Region resolved", "Region offers Heat"])
        self.assertEqual(self.kept(found.key).pending, ("RegionTwo",))

        self.held.release()
        done = self.kept(found.key, wait=HOLD)
        self.assertEqual(done.pending, ())
        self.assertEqual(done.late, ("RegionTwo",))
        self.assertTrue(done.passed, done.failures())
        self.assertIn("Template validates there",
                      [c.name for c in done.checks if c.region == "RegionTwo"])
        # Another launch's values, an unknown key, another project: nothing.
        self.assertIsNone(self.kept(found.key, values={"a": "2"}))
        self.assertIsNone(self.kept("nope"))
        with mock.patch.object(self.request.user, "project_id", "another"):
            self.assertIsNone(self.kept(found.key))
        # Late answers are not learned: the region is still waited for
        # the ceiling only (RegionOne's usual time is learned).
        allowed = region_state.allowances(self.request, ["RegionOne", "RegionTwo"],
                                          checklist.PACE)
        self.assertEqual(allowed["RegionTwo"], BUDGET["PAGE_BUDGET_CEILING"])
        self.assertEqual(len(cache.get(region_state.project_key(
            self.request, "RegionOne", "pace" + checklist.PACE))), 1)

    def test_a_region_that_never_answers_fails_at_its_deadline(self):
        # It answers once the test is over: no call of it is left running
        # for the next tests (they count the calls still hanging).
        over = threading.Event()
        self.addCleanup(over.set)

        def never(request, where, *args, **kwargs):
            if where == "RegionTwo":
                over.wait(60)

        with override_settings(MR_DASHBOARD={**BUDGET, "REGION_TIMEOUT": 0.4,
                                             "DEADLINE_MARGIN": 0.0}):
            self.heat["template_versions"].side_effect = never
            found = self.run_checks()
            self.assertEqual(found.pending, ("RegionTwo",))
            # Given up at the job's deadline (its calls', a chain's worth).
            done = self.kept(found.key, wait=checklist.CHAIN * 0.4 + 1)
        self.assertEqual(done.pending, ())
        failed = {(c.region, c.name): c.reason for c in done.failures()}
        self.assertIn("No answer within", failed["RegionTwo", "Heat answers"])
        self.assertFalse(done.passed)

    def test_without_a_budget_every_region_is_waited_for(self):
        let_go = threading.Timer(0.5, self.held.release)
        let_go.start()
        self.addCleanup(let_go.cancel)
        with override_settings(MR_DASHBOARD={**BUDGET, "PAGE_BUDGET_CEILING": 0}):
            found = self.run_checks()
        # RegionTwo's held answer was waited for: its checks are all there.
        self.assertEqual(self.held.gate.passed, 1)
        self.assertIn("Template validates there",
                      [c.name for c in found.checks if c.region == "RegionTwo"])
        self.assertEqual((found.pending, found.key), ((), ""))
        self.assertTrue(found.passed, found.failures())


@override_settings(MR_DASHBOARD=BUDGET)
class LatePickersTests(base.TestCase):

    def test_a_slow_region_s_picker_is_a_text_field_for_now(self):
        cache.clear()
        self.addCleanup(cache.clear)
        flavors = Held(self, "RegionTwo", lambda region: [Named(region, "1", "m1.tiny")])
        request = self.client.get("/").wsgi_request
        with mock.patch.object(compute, "flavor_list", side_effect=flavors), \
                mock.patch.dict(pickers.PICKERS, {"nova.flavor": pickers.Picker(
                    compute.SERVICE_TYPE, compute.flavor_list)}), \
                mock.patch.object(sdk, "region_offers", return_value=True):
            found = pickers.list_choices(request, [("nova.flavor", "RegionOne"),
                                                   ("nova.flavor", "RegionTwo")])
        # RegionTwo's listing is still held: the picker did not wait for it.
        self.assertEqual(found["nova.flavor", "RegionOne"].choices, (("1", "m1.tiny"),))
        late = found["nova.flavor", "RegionTwo"]
        self.assertIsNone(late.choices)
        self.assertEqual(late.problem, "The choices of nova.flavor could not be listed in "
                                       "RegionTwo (RegionTwo is answering slowly…): "
                                       "enter the value.")
        # Merged with an answered region, the picker is a text field saying so.
        merged = pickers.in_every_region(list(found.values()))
        self.assertEqual(merged.problem, late.problem)
        # The late listing ran on: once it answered, the form's next
        # rendering offers its choices without asking it again, once.
        flavors.release()
        kept = pickers.kept_key(parallel.late_owner(request), ("nova.flavor", "RegionTwo"))
        until = time.monotonic() + HOLD
        while cache.get(kept) is None and time.monotonic() < until:
            time.sleep(0.05)
        with mock.patch.object(compute, "flavor_list", side_effect=flavors) as listed, \
                mock.patch.dict(pickers.PICKERS, {"nova.flavor": pickers.Picker(
                    compute.SERVICE_TYPE, compute.flavor_list)}), \
                mock.patch.object(sdk, "region_offers", return_value=True):
            again = pickers.list_choices(request, [("nova.flavor", "RegionTwo")])
            self.assertEqual(again["nova.flavor", "RegionTwo"].choices, (("1", "m1.tiny"),))
            self.assertEqual(listed.call_count, 0)
            pickers.list_choices(request, [("nova.flavor", "RegionTwo")])
            self.assertEqual(listed.call_count, 1)

    def test_a_late_picker_is_made_by_the_form_s_follow_up(self):
        cache.clear()
        self.addCleanup(cache.clear)
        flavors = Held(self, "RegionTwo", lambda region: [
            Named(region, f"{region}-1", "m1.tiny"), Named(region, "2", f"only-{region}")])
        request = self.client.get("/").wsgi_request
        late = {}
        with mock.patch.object(compute, "flavor_list", side_effect=flavors), \
                mock.patch.dict(pickers.PICKERS, {"nova.flavor": pickers.Picker(
                    compute.SERVICE_TYPE, compute.flavor_list)}), \
                mock.patch.object(sdk, "region_offers", return_value=True):
            found = pickers.list_choices(request, [("nova.flavor", "RegionOne"),
                                                   ("nova.flavor", "RegionTwo")], late)
            self.assertEqual(set(late), {("nova.flavor", "RegionTwo")})
            both = pickers.LateField("param__flavor", "nova.flavor", ("RegionOne", "RegionTwo"),
                                     blank="(default)", label="flavor", kind="stack")
            far = pickers.LateField("param__far", "nova.flavor", ("RegionTwo",), multiple=True)
            key = pickers.hand_over(request, [both, far], found, late)
            self.assertEqual(pickers.collect(request, key, wait=0).waiting, ("RegionTwo",))
            # Let go, the late answer comes to the view (which waits up to
            # a second a request, as the form's script asks again).
            flavors.release()
            url = reverse(constants.STACK_LAUNCH_PICKERS_URL)
            until = time.monotonic() + HOLD
            answer = self.client.get(url, {"key": key}).json()
            while answer["state"] != "done" and time.monotonic() < until:
                answer = self.client.get(url, {"key": key}).json()
        self.assertEqual(answer["state"], "done")
        # Merged by name: the name both hold first, then each one's own.
        self.assertEqual(answer["fields"], [
            {"name": "param__flavor", "multiple": False, "blank": "(default)", "problem": "",
             "label": "flavor", "note": "", "choices": [
                ["m1.tiny", "m1.tiny"],
                ["only-RegionOne", "only-RegionOne (only in RegionOne)"],
                ["only-RegionTwo", "only-RegionTwo (only in RegionTwo)"]]},
            {"name": "param__far", "multiple": True, "blank": None, "problem": "",
             "label": "", "note": "", "choices": [
                ["RegionTwo-1", "m1.tiny"], ["2", "only-RegionTwo"]]}])
        # No page, or another page's key (the launch checks'): refused.
        self.assertEqual(self.client.get(url, {"key": "nope"}).status_code, 400)
        other = handover.hand_over(request, {"a": "page"}, {}, 1.0)
        self.assertEqual(self.client.get(url, {"key": other}).status_code, 400)
        # A key no page has the form of never reaches the cache (memcached
        # raises on a long one, or one with spaces): 400 too.
        with warnings.catch_warnings():
            warnings.simplefilter("error", CacheKeyWarning)
            for hostile in ("k" * 300, "a b\n", "../x"):
                self.assertEqual(self.client.get(url, {"key": hostile}).status_code, 400)

    def test_a_late_region_given_up_leaves_its_field_text_saying_why(self):
        cache.clear()
        self.addCleanup(cache.clear)
        release = threading.Event()
        self.addCleanup(release.set)

        def flavors(request, region):
            if region == "RegionTwo":
                release.wait(10)
            return [Named(region, "1", "m1.tiny")]
        request = self.client.get("/").wsgi_request
        late = {}
        with override_settings(MR_DASHBOARD={**BUDGET, "REGION_TIMEOUT": 0.5,
                                             "DEADLINE_MARGIN": 0.0}), \
                mock.patch.object(compute, "flavor_list", side_effect=flavors), \
                mock.patch.dict(pickers.PICKERS, {"nova.flavor": pickers.Picker(
                    compute.SERVICE_TYPE, compute.flavor_list)}), \
                mock.patch.object(sdk, "region_offers", return_value=True):
            found = pickers.list_choices(request, [("nova.flavor", "RegionOne"),
                                                   ("nova.flavor", "RegionTwo")], late)
            key = pickers.hand_over(request, [pickers.LateField(
                "param__flavor", "nova.flavor", ("RegionOne", "RegionTwo"))], found, late)
            done = pickers.collect(request, key, wait=2)
        [(field, picked)] = done.fields
        self.assertIsNone(picked.choices)
        self.assertIn("could not be listed in RegionTwo", picked.problem)
