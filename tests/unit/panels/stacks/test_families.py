"""Tests of the Stacks page's follow-up: the page renders without a family
look-up, lists the rows to search in signed batches, and the follow-up
answers each batch with the rows' marks and delete warnings."""

import re
from collections import defaultdict
from unittest import mock

from django.core import signing
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard import tokens
from mr_dashboard.api import heat
from mr_dashboard.api.stacks import family as stack_family
from mr_dashboard.panels.stacks import families
from tests.unit.panels.stacks.view_cases import INDEX_URL
from tests.unit.panels.stacks.view_cases import StacksViewTestCase

FAMILIES_URL = reverse(constants.STACK_FAMILIES_URL)
CHILD = stack_family.Relative("RegionTwo", "regiontwo-0002",
                              "regionone-s1-app-<b>x</b>")


class FollowUpTests(StacksViewTestCase):

    def batches(self, response) -> list[str]:
        found = re.search(r'data-mr-families-batches="([^"]*)"',
                          response.content.decode())
        return found.group(1).split() if found else []

    def test_the_page_calls_nothing_but_the_stack_lists(self):
        with mock.patch.object(stack_family, "Search") as search:
            response = self.client.get(INDEX_URL)

        search.assert_not_called()
        self.assertEqual(heat.resources_list.call_count, 0)
        self.assertEqual(len(self.heat.calls), 2)
        self.assertContains(response, 'data-mr-family="pending"', count=5)
        self.assertContains(response, f'data-mr-families-url="{FAMILIES_URL}"')
        self.assertEqual(len(self.batches(response)), 1)

    def test_batches_of_ten_rows(self):
        self.heat.regions["RegionOne"] = [
            heat.Stack("RegionOne", f"one-{n:02d}", f"one-{n}",
                       "CREATE_COMPLETE") for n in range(23)]
        response = self.client.get(INDEX_URL, {"sort": "name"})

        self.assertEqual(len(self.heat.page_calls()), 2)
        batches = self.batches(response)
        self.assertEqual(len(batches), 2)  # the page shows 20 rows
        self.assertTrue(all(len(batch) < 1500 for batch in batches))

    def test_the_follow_up_answers_every_row_and_the_next_page_knows(self):
        [batch] = self.batches(self.client.get(INDEX_URL))

        answer = self.client.get(FAMILIES_URL, {"batch": batch}).json()

        self.assertEqual(heat.resources_list.call_count, 5)
        self.assertEqual(len(answer["rows"]), 5)
        self.assertEqual(answer["rows"]["RegionTwo:regiontwo-0003"], {
            "state": "found", "marks": [], "warning": ""})
        again = self.client.get(INDEX_URL)
        self.assertEqual(self.batches(again), [])
        self.assertNotContains(again, 'data-mr-family="pending"')
        self.assertContains(again, 'data-mr-family="known"', count=5)
        self.assertEqual(heat.resources_list.call_count, 5)

    def test_a_parent_s_marks_and_warning_as_plain_text(self):
        [batch] = self.batches(self.client.get(INDEX_URL))
        found = defaultdict(stack_family.Family, {
            "regionone-0001": stack_family.Family(children=(CHILD,))})

        with mock.patch.object(stack_family, "families",
                               return_value=found):
            with mock.patch.object(stack_family, "cached_families",
                                   return_value=({}, [])):
                answer = self.client.get(FAMILIES_URL,
                                         {"batch": batch}).json()

        entry = answer["rows"]["RegionOne:regionone-0001"]
        self.assertEqual(entry["marks"], [{
            "css_class": "mr-parent-of", "label": "Parent of",
            "links": [{"text": "regionone-s1-app-<b>x</b>",
                       "url": "/project/mr_stacks/RegionTwo/regiontwo-0002/",
                       "region": "RegionTwo"}]}])
        # The script sets the warning as the row's data-display, which
        # Horizon's dialog writes as HTML: escaped for it, so the dialog
        # shows the name as text (a plain "<b>" here was markup there).
        self.assertEqual(entry["warning"], (
            "regionone-s1 (RegionOne), whose child stacks are "
            "deleted with it: regionone-s1-app-&lt;b&gt;x&lt;/b&gt; "
            "(RegionTwo)"))

    def test_a_failed_search_is_unknown(self):
        [batch] = self.batches(self.client.get(INDEX_URL))
        heat.resources_list.side_effect = RuntimeError("engine gone")

        answer = self.client.get(FAMILIES_URL, {"batch": batch}).json()

        self.assertEqual({row["state"] for row in answer["rows"].values()},
                         {"unknown"})

    def test_a_changed_or_foreign_batch_is_refused(self):
        [batch] = self.batches(self.client.get(INDEX_URL))
        stacks = tokens.loads(batch, families._PURPOSE, self.client.get(
            INDEX_URL).wsgi_request.user.project_id)
        foreign = signing.dumps(stacks, compress=True,
                                salt="mr_dashboard.stack_families:other")

        for token in (batch[:-2] + "xx", foreign, ""):
            response = self.client.get(FAMILIES_URL, {"batch": token})
            self.assertEqual(response.status_code, 400)
            self.assertIn("reload it", response.json()["error"])
        self.assertEqual(heat.resources_list.call_count, 0)
