"""Tests of the Stacks page through Django's test client, with Heat's
functions of mr_dashboard.api.heat replaced by small stand-ins."""

import re
from unittest import mock

from django.test import RequestFactory
from django.test import override_settings
from django.urls import reverse
from keystoneauth1 import exceptions as ksa_exc

from mr_dashboard import constants
from mr_dashboard.panels.stacks import views

from tests.unit.panels.stacks.view_cases import INDEX_URL
from tests.unit.panels.stacks.view_cases import StacksViewTestCase


class IndexViewTests(StacksViewTestCase):

    def test_every_region_on_one_page_newest_first(self):
        response = self.client.get(INDEX_URL)

        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "project/mr_stacks/index.html")
        self.assertEqual(self.names(response), [
            "regionone-s5", "regionone-s4", "regiontwo-s3", "regiontwo-s2",
            "regionone-s1"])
        self.assertEqual(sorted(self.heat.page_calls()), [
            ("RegionOne", ("creation_time",), "desc", 21, None, {}),
            ("RegionTwo", ("creation_time",), "desc", 21, None, {})])
        self.assertContains(response,
                            'id="stacks__row__RegionTwo:regiontwo-0002"')
        self.assertContains(response, "/project/mr_stacks/RegionTwo/"
                                      "regiontwo-0002/")
        self.assertContains(response, 'title="Stack UPDATE started"')
        self.assertContains(response, "Update In progress")
        self.assertContains(response, "web, demo")
        self.assertNotContains(response, 'id="mr-region-problems"')
        # The stack in progress refreshes itself; settled ones do not.
        page = response.content.decode()
        row = re.search(r'<tr[^>]*regiontwo-0002"[^>]*>', page).group(0)
        self.assertIn("ajax-update", row)
        self.assertIn("warning", row)

    def test_each_row_action_s_rules_are_asked_once_per_page(self):
        asked = []

        def check(rules, request, target=None):
            asked.append(tuple(rules))
            return rules != constants.STACK_SUSPEND_POLICY

        with override_settings(POLICY_CHECK_FUNCTION=check):
            response = self.client.get(INDEX_URL)
        self.assertEqual(len(self.names(response)), 5)
        row_rules = [tuple(rules) for rules in (
            constants.STACK_DELETE_POLICY, constants.STACK_CHECK_POLICY,
            constants.STACK_SUSPEND_POLICY, constants.STACK_RESUME_POLICY,
            constants.STACK_UPDATE_POLICY, constants.STACK_PATCH_POLICY)]
        for rules in row_rules:
            self.assertEqual(asked.count(rules), 1, rules)
        # The rules' answer still counts: no row offers to suspend.
        self.assertNotContains(response, "__action_suspend")
        self.assertContains(response, "__action_check")

    @override_settings(API_RESULT_PAGE_SIZE=2)
    def test_pages_follow_each_other_across_regions(self):
        shown, url = [], INDEX_URL
        for _page in range(3):
            response = self.client.get(url)
            shown += self.names(response)
            table = response.context["stacks_table"]
            if not table.has_more_data():
                break
            url = INDEX_URL + "?" + table.get_pagination_string()
        self.assertEqual(shown, ["regionone-s5", "regionone-s4",
                                 "regiontwo-s3", "regiontwo-s2",
                                 "regionone-s1"])
        self.assertFalse(table.has_more_data())
        back = self.client.get(
            INDEX_URL + "?" + table.get_prev_pagination_string())
        self.assertEqual(self.names(back), ["regiontwo-s3", "regiontwo-s2"])
        self.assertEqual(len(self.heat.page_calls()), 8)

    def test_sorted_by_name_ascending(self):
        response = self.client.get(INDEX_URL, {"sort": "name",
                                               "order": "asc"})

        self.assertEqual(self.names(response), [
            "regionone-s1", "regionone-s4", "regionone-s5", "regiontwo-s2",
            "regiontwo-s3"])
        self.assertEqual({call[1:3] for call in self.heat.page_calls()},
                         {(("stack_name",), "asc")})
        self.assertContains(response, '<option value="name" selected>',
                            html=False)

    def test_a_mangled_page_link_starts_over(self):
        response = self.client.get(INDEX_URL, {"mr_next": "not-a-cursor"})

        self.assertEqual(self.names(response)[0], "regionone-s5")

    def test_only_the_chosen_region(self):
        self.client.post(reverse(constants.REGION_SELECT_URL),
                         {"region": "RegionTwo"})
        response = self.client.get(INDEX_URL)

        self.assertEqual(self.names(response),
                         ["regiontwo-s3", "regiontwo-s2"])
        self.assertEqual({call[0] for call in self.heat.page_calls()},
                         {"RegionTwo"})

    def test_a_failed_region_is_a_banner_and_the_others_are_shown(self):
        self.heat.failures["RegionTwo"] = ksa_exc.ConnectFailure(
            f"refused, token {self.token.id}")

        response = self.client.get(INDEX_URL)

        self.assertEqual(self.names(response),
                         ["regionone-s5", "regionone-s4", "regionone-s1"])
        self.assertContains(response, 'data-mr-region-problem="RegionTwo"')
        self.assertContains(response,
                            'data-mr-problem-kind="unreachable"')
        self.assertContains(response, "Unreachable")
        self.assertContains(response, "after 0.0 s:")
        self.assertContains(response, "ConnectFailure")
        self.assertNotContains(response, self.token.id)

    @override_settings(MR_DASHBOARD={"REGION_QUIET_SECONDS": 60})
    def test_a_region_that_timed_out_is_skipped_on_the_next_page(self):
        self.heat.failures["RegionTwo"] = ksa_exc.ConnectTimeout("slow")
        first = self.client.get(INDEX_URL)
        self.assertContains(first, 'data-mr-problem-kind="timeout"')
        self.heat.calls.clear()

        with mock.patch("mr_dashboard.api.region_state."
                        "retry_in_background") as retry:
            second = self.client.get(INDEX_URL)

        self.assertEqual([call[0] for call in self.heat.page_calls()],
                         ["RegionOne"])
        self.assertContains(second, "data-mr-problem-skipped")
        self.assertContains(second, "retried in the background")
        self.assertEqual(list(retry.call_args.args[1]), ["RegionTwo"])


class FilterTests(StacksViewTestCase):

    def test_heat_filters(self):
        self.assertEqual(views.heat_filters("status", " create failed "),
                         {"action": "CREATE", "status": "FAILED"})
        self.assertEqual(views.heat_filters("status", "in_progress"),
                         {"status": "IN_PROGRESS"})
        self.assertEqual(views.heat_filters("tag", "web"), {"tags": "web"})
        self.assertEqual(views.heat_filters("name", "db"), {"name": "db"})
        self.assertEqual(views.heat_filters("name", "  "), {})

    def test_the_filter_goes_to_every_region(self):
        self.client.post(INDEX_URL, {
            "stacks__filter__q_field": "tag",
            "stacks__filter__q": "web"})

        self.client.get(INDEX_URL)

        self.assertEqual({call[5]["tags"] for call in self.heat.page_calls()
                          if call[5]}, {"web"})
        self.assertEqual({call[0] for call in self.heat.page_calls()
                          if call[5]}, {"RegionOne", "RegionTwo"})


class RowUpdateTests(StacksViewTestCase):

    def row_update(self, obj_id):
        return self.client.get(INDEX_URL, {
            "action": "row_update", "table": "stacks", "obj_id": obj_id},
            HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    def test_a_row_refreshes_from_its_own_region(self):
        response = self.row_update("RegionTwo:regiontwo-0002")

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "regiontwo-s2")
        self.assertEqual(self.heat.calls[0][0], "RegionTwo")
        self.assertEqual(self.heat.calls[0][5], {"id": ["regiontwo-0002"]})

    def test_a_deleted_stack_leaves_the_table(self):
        self.assertEqual(self.row_update("RegionTwo:gone").status_code, 404)

    def test_a_region_that_fails_for_a_while_is_answered_503_not_100(self):
        # Horizon's own answer would be 100 (Continue), no final answer:
        # the browser drops or holds it, and the row stops refreshing.
        for failure in (ksa_exc.ConnectTimeout("timed out"),
                        ksa_exc.ConnectFailure("refused")):
            self.heat.failures["RegionTwo"] = failure
            response = self.row_update("RegionTwo:regiontwo-0002")
            self.assertEqual(response.status_code, 503)
            self.assertEqual(response.content, b"")

        del self.heat.failures["RegionTwo"]
        response = self.row_update("RegionTwo:regiontwo-0002")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "regiontwo-s2")


class ActingTests(StacksViewTestCase):
    """An action on the table's stacks waits for every region; looking
    (and filtering) keeps the page's budget."""

    def test_only_an_action_on_stacks_waits_for_every_region(self):
        def acting(method, **data):
            request = getattr(RequestFactory(), method)(INDEX_URL, data)
            return views.acting(request, views.StacksTable(request))

        self.assertTrue(acting("post", action="stacks__delete__RegionOne:s1"))
        self.assertTrue(acting("post", action="stacks__check"))
        self.assertFalse(acting("post", action="stacks__filter__q"))
        self.assertFalse(acting("post"))
        self.assertFalse(acting("get", action="stacks__delete__RegionOne:s1"))
