"""Tests of the Stacks table's actions: each stack's call goes to its own
region, and the page says per stack what happened."""

from types import SimpleNamespace
from unittest import mock

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.test import override_settings
from heatclient import exc as heat_exc

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api import region_state
from mr_dashboard.api.stacks import family as stack_family
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.panels.stacks import stack_actions
from mr_dashboard.panels.stacks.launch import launch_actions as launch_actions
from tests.unit.panels.stacks.view_cases import INDEX_URL
from tests.unit.panels.stacks.view_cases import StacksViewTestCase

ONE = "RegionOne:regionone-0001"
TWO = "RegionTwo:regiontwo-0003"


class BatchActionTests(StacksViewTestCase):

    def post(self, action, *object_ids):
        response = self.client.post(INDEX_URL, {
            "action": f"stacks__{action}", "object_ids": list(object_ids)})
        self.assertEqual(response.status_code, 302)
        return [(m.level_tag, str(m)) for m in
                get_messages(response.wsgi_request)]

    @mock.patch.object(heat, "stack_check")
    def test_a_batch_goes_to_each_stack_s_region(self, stack_check):
        said = self.post("check", ONE, TWO)

        sent = sorted(call.args[1:] for call in stack_check.call_args_list)
        self.assertEqual(sent, [("RegionOne", "regionone-s1/regionone-0001"),
                                ("RegionTwo", "regiontwo-s3/regiontwo-0003")])
        self.assertEqual(said, [(
            "success", "Started checking Stacks: regionone-s1 (RegionOne), "
                       "regiontwo-s3 (RegionTwo)")])

    @mock.patch.object(heat, "stack_suspend")
    def test_each_failure_is_told_with_its_region_and_reason(self, suspend):
        def answer(request, region, identity):
            if region == "RegionTwo":
                raise heat_exc.HTTPConflict(
                    f"engine busy, token {request.user.token.id}")
        suspend.side_effect = answer

        said = self.post("suspend", ONE, TWO)

        self.assertIn(("success",
                       "Started suspending Stack: regionone-s1 (RegionOne)"),
                      said)
        error = [text for level, text in said if level == "error"]
        self.assertEqual(len(error), 1)
        self.assertTrue(error[0].startswith(
            "Unable to suspend stack regiontwo-s3 (RegionTwo): Error, "
            "HTTPConflict (HTTP 409): engine busy, token ***"), error[0])

    @mock.patch.object(heat, "stack_resume")
    def test_a_stack_the_action_does_not_fit_is_not_sent(self, resume):
        said = self.post("resume", ONE)

        resume.assert_not_called()
        self.assertEqual(said, [
            ("error", "You may not resume stack regionone-s1 (RegionOne).")])

    @override_settings(MR_DASHBOARD={"REGION_QUIET_SECONDS": 60})
    @mock.patch.object(heat, "stack_check")
    def test_a_stack_of_a_region_that_just_timed_out_is_not_asked(
            self, stack_check):
        request = self.client.get(INDEX_URL).wsgi_request
        region_state.remember(request, {"RegionTwo": RegionResult(
            "RegionTwo", error=RegionError(constants.KIND_TIMEOUT, "slow"))})

        with mock.patch.object(region_state, "retry_in_background"):
            said = self.post("check", ONE, TWO)

        self.assertEqual([call.args[1] for call in stack_check.call_args_list],
                         ["RegionOne"])
        self.assertIn(("error", "Unable to check stack regiontwo-0003 "
                                "(RegionTwo): Timed out, slow"), said)

    @mock.patch.object(heat, "stack_delete")
    def test_deleting_a_parent_names_its_children(self, stack_delete):
        child = stack_family.Relative("RegionTwo", "regiontwo-0002",
                                      "regionone-s1-app-abcdefghijkl")
        families = {"regionone-0001": stack_family.Family(children=(child,))}
        with mock.patch.object(stack_family, "cached_families",
                               return_value=(families, [])):
            page = self.client.get(INDEX_URL)
        with mock.patch.object(stack_family, "families",
                               return_value=families):
            said = self.post("delete", ONE)

        self.assertContains(page, "whose child stacks are "
                                  "deleted with it: regionone-s1-app-"
                                  "abcdefghijkl (RegionTwo)")
        stack_delete.assert_called_once_with(
            mock.ANY, "RegionOne", "regionone-s1/regionone-0001")
        self.assertIn((
            "info", "regionone-s1 (RegionOne) takes its child stacks with "
                    "it: regionone-s1-app-abcdefghijkl (RegionTwo)"), said)

    @mock.patch.object(heat, "stack_delete")
    def test_a_delete_looks_up_children_the_page_did_not_know(
            self, stack_delete):
        child = stack_family.Relative("RegionTwo", "regiontwo-0002",
                                      "regionone-s1-app-abcdefghijkl")
        with mock.patch.object(stack_family, "families", return_value={
                "regionone-0001": stack_family.Family(children=(child,))}
                               ) as families:
            said = self.post("delete", ONE)

        [(_request, stacks)] = [call.args for call in families.call_args_list]
        self.assertEqual([stack.id for stack in stacks], ["regionone-0001"])
        self.assertIn((
            "info", "regionone-s1 (RegionOne) takes its child stacks with "
                    "it: regionone-s1-app-abcdefghijkl (RegionTwo)"), said)


class PolicyTests(StacksViewTestCase):

    def test_every_action_has_its_own_heat_rule(self):
        rules = {action.name: action.policy_rules for action in (
            stack_actions.DeleteStacks, stack_actions.CheckStacks, stack_actions.SuspendStacks,
            stack_actions.ResumeStacks, stack_actions.CancelStackUpdates)}
        self.assertEqual(rules, {
            "delete": constants.STACK_DELETE_POLICY,
            "check": constants.STACK_CHECK_POLICY,
            "suspend": constants.STACK_SUSPEND_POLICY,
            "resume": constants.STACK_RESUME_POLICY,
            "cancel_update": constants.STACK_CANCEL_UPDATE_POLICY})

    @mock.patch.object(heat, "stack_delete")
    def test_a_refused_policy_hides_and_refuses_the_action(self, delete):
        def check(rules, request, target=None):
            return rules != constants.STACK_DELETE_POLICY

        with override_settings(POLICY_CHECK_FUNCTION=check):
            page = self.client.get(INDEX_URL)
            response = self.client.post(INDEX_URL, {
                "action": "stacks__delete", "object_ids": [ONE]})

        self.assertNotContains(page, 'id="stacks__action_delete"')
        self.assertContains(page, "stacks__row_" + ONE + "__action_check")
        delete.assert_not_called()
        self.assertEqual(response.status_code, 302)
        cache.clear()


def test_an_update_link_from_an_id_no_url_can_carry_is_no_link():
    action = launch_actions.UpdateStack()
    fine = SimpleNamespace(region="RegionOne", id="f00d",
                           status="CREATE_COMPLETE")
    odd = SimpleNamespace(region="RegionOne", id="a/b",
                          status="CREATE_COMPLETE")
    assert action.get_link_url(fine).endswith("/f00d/")
    assert action.get_link_url(odd) is None
    assert action.allowed(None, fine) and not action.allowed(None, odd)
