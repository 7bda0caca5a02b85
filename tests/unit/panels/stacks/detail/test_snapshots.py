"""Tests of the Snapshots tab's dialogs, the Events tab's filters and the
Timeline's data, through Django's test client with canned API answers
(Horizon's TestCase forbids the network)."""

import datetime
from unittest import mock

from django.test import RequestFactory
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.tree.events import EventFilter
from mr_dashboard.panels.stacks.detail import event_filters
from mr_dashboard.panels.stacks.detail import snapshot_forms
from mr_dashboard.panels.stacks.detail import timeline
from tests.unit import base
from tests.unit.panels.stacks.detail.sample_tree import walked_tree
from tests.unit.base import PermissionTestCase
from tests.unit.base import heat_policy

STACK = heat.Stack("RegionOne", "r00t", "top", "CREATE_COMPLETE")
TAKE_URL = reverse(constants.SNAPSHOT_CREATE_URL, args=("RegionOne", "r00t"))
SNAPSHOT_ID = "5a9c0e1e-2f43-4a39-9a1e-1f3f0c6b7d21"
RESTORE_URL = reverse(constants.SNAPSHOT_RESTORE_URL,
                      args=("RegionOne", "r00t", SNAPSHOT_ID))
FAILED = heat.Snapshot("RegionOne", SNAPSHOT_ID, "<b>nightly</b>", "FAILED",
                       "CREATE", "Resource SNAPSHOT failed")


@mock.patch.object(snapshot_forms, "remote_children", return_value=[])
@mock.patch.object(heat, "stack_get", return_value=STACK)
class SnapshotDialogTests(base.TestCase):

    @mock.patch.object(heat, "snapshot_create")
    def test_a_name_is_required_and_bounded(self, create, *_):
        empty = self.client.post(TAKE_URL, {"name": "   "})
        long = self.client.post(TAKE_URL, {"name": "n" * 256})

        self.assertContains(empty, "Give the snapshot a name.")
        self.assertContains(long, "at most 255 characters")
        create.assert_not_called()

    @mock.patch.object(heat, "snapshot_create")
    def test_a_snapshot_is_taken_in_the_stacks_region(self, create, *_):
        response = self.client.post(TAKE_URL, {"name": " nightly "})

        self.assertEqual(response.status_code, 302)
        create.assert_called_once_with(mock.ANY, "RegionOne", "top/r00t",
                                       "nightly")

    @mock.patch.object(heat, "snapshot_restore")
    @mock.patch.object(heat, "snapshot_show", return_value=FAILED)
    def test_a_failed_snapshot_is_not_restored(self, show, restore, *_):
        page = self.client.get(RESTORE_URL)
        response = self.client.post(RESTORE_URL, {"snapshot_id": SNAPSHOT_ID})

        self.assertContains(page, "mr-snapshot-not-complete")
        self.assertContains(page, "&lt;b&gt;nightly&lt;/b&gt;")
        self.assertNotContains(page, "<b>nightly</b>")
        self.assertContains(response, "Only a complete snapshot can be "
                                      "restored")
        restore.assert_not_called()

    @mock.patch.object(heat, "snapshot_create")
    def test_a_refused_policy_is_a_message_not_a_dialog(self, create, *_):
        def check(rules, request, target=None):
            return rules != constants.SNAPSHOT_CREATE_POLICY

        with self.settings(POLICY_CHECK_FUNCTION=check):
            response = self.client.post(TAKE_URL, {"name": "nightly"})

        self.assertRedirects(
            response, reverse(constants.STACK_DETAIL_URL,
                              args=("RegionOne", "r00t"))
            + "?tab=stack_details__snapshots", fetch_redirect_response=False)
        create.assert_not_called()


@mock.patch.object(snapshot_forms, "remote_children", return_value=[])
@mock.patch.object(heat, "stack_get", return_value=STACK)
class SnapshotPolicyTests(PermissionTestCase):
    """No POLICY_CHECK_FUNCTION: Heat's policy still decides (a reader may
    not take or restore a snapshot; a member may)."""

    @mock.patch.object(heat, "snapshot_restore")
    @mock.patch.object(heat, "snapshot_create")
    def test_without_a_policy_function_a_reader_is_refused(self, create, restore, *_):
        with heat_policy(check=None):
            self.as_user("reader")
            taken = self.client.post(TAKE_URL, {"name": "nightly"})
            restored = self.client.post(RESTORE_URL, {"snapshot_id": SNAPSHOT_ID})
            self.as_user("member", "reader")
            allowed = self.client.post(TAKE_URL, {"name": "nightly"})

        back = (reverse(constants.STACK_DETAIL_URL, args=("RegionOne", "r00t"))
                + "?tab=stack_details__snapshots")
        for refused in (taken, restored):
            self.assertRedirects(refused, back, fetch_redirect_response=False)
        restore.assert_not_called()
        create.assert_called_once_with(mock.ANY, "RegionOne", "top/r00t", "nightly")
        self.assertEqual(allowed.status_code, 302)

    @mock.patch.object(heat, "snapshot_show", return_value=FAILED)
    @mock.patch.object(heat, "snapshot_restore")
    def test_a_posted_snapshot_id_is_checked_too(self, restore, show, *_):
        response = self.client.post(RESTORE_URL, {"snapshot_id": "../../x"})

        self.assertContains(response, "This is not a snapshot.")
        restore.assert_not_called()
        self.assertNotIn("../../x", [call.args[-1] for call in show.call_args_list])

    def test_a_restore_url_without_a_snapshot_id_is_a_message(self, *_):
        response = self.client.get(reverse(constants.SNAPSHOT_RESTORE_URL,
                                           args=("RegionOne", "r00t", "..")))

        self.assertRedirects(response, reverse(
            constants.STACK_DETAIL_URL, args=("RegionOne", "r00t"))
            + "?tab=stack_details__snapshots", fetch_redirect_response=False)


class EventFilterTests(base.TestCase):

    def test_the_filter_from_the_url_and_back(self):
        request = RequestFactory().get("/", {
            event_filters.REGION_PARAM: " RegionTwo ", event_filters.RESOURCE_PARAM: "db"})
        where = event_filters.event_filter(request)

        self.assertEqual(where, EventFilter("RegionTwo", "db"))
        self.assertEqual(event_filters.filter_query(where),
                         "&events_region=RegionTwo&events_resource=db")
        self.assertEqual(event_filters.filter_query(EventFilter()), "")

    def test_choices_come_from_the_tree(self):
        self.assertEqual(event_filters.filter_choices(walked_tree()), {
            "regions": ["RegionOne", "RegionTwo"],
            "resources": ["db", "top", "top-db-aaaaaaaaaaaa"]})


class TimelineTests(base.TestCase):

    def test_one_lane_per_stack_and_events_on_their_lanes(self):
        tree = walked_tree()
        at = datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC)
        shown = [heat.Event("RegionTwo", "e1", "d8", "top-db-aaaaaaaaaaaa",
                            "db", "", "CREATE_FAILED", "<boom>", at),
                 heat.Event("RegionOne", "e2", "elsewhere", "x", "x", "",
                            "CREATE_COMPLETE", "", at)]

        data = timeline.timeline(tree, shown)

        self.assertEqual([lane["name"] for lane in data["lanes"]],
                         ["top", "top-db-aaaaaaaaaaaa", "app"])
        self.assertEqual(data["regions"],
                         ["RegionOne", "RegionThree", "RegionTwo"])
        self.assertEqual(data["events"], [{
            "lane": "/RegionTwo/d8", "time": at.isoformat(),
            "resource": "db", "status": "CREATE_FAILED", "state": "failed",
            "reason": "<boom>"}])
