"""Tests of the stack detail's views, through Django's test client; the
API layer is replaced by canned answers (Horizon's TestCase forbids the
network)."""

from unittest import mock

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from heatclient import exc as heat_exc

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.stacks import lineage
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.tree.events import EventsPage
from mr_dashboard.panels.stacks.detail import tabs
from mr_dashboard.panels.stacks.detail import views
from tests.unit import base
from tests.unit.panels.stacks.detail.sample_tree import walked_tree

ARGS = ("RegionOne", "r00t")
DETAIL_URL = reverse(constants.STACK_DETAIL_URL, args=ARGS)
STACK = heat.Stack("RegionOne", "r00t", "top", "CREATE_COMPLETE", "done")
DETAIL = heat.StackDetail(STACK, "A stack.", {"db_region": "RegionTwo"},
                          (heat.Output("address", "192.0.2.10"),), 30, True)


@mock.patch.object(heat, "stack_show", return_value=DETAIL)
class DetailViewTests(base.TestCase):

    def test_the_page_renders_without_walking_the_tree(self, stack_show):
        response = self.client.get(DETAIL_URL)

        self.assertEqual(response.status_code, 200)
        stack_show.assert_called_once_with(mock.ANY, "RegionOne", "r00t",
                                           resolve_outputs=False)
        self.assertContains(response, 'id="mr-stack-detail"')
        self.assertContains(
            response, 'data-mr-tree-url="/project/mr_stacks/RegionOne/r00t/'
            'tree/?name=top"')
        self.assertContains(response, 'data-mr-tree-refresh="5"')
        self.assertContains(response, 'id="mr-stack-tree"')
        self.assertContains(response, 'id="mr-stack-topology"')
        self.assertContains(response, 'data-mr-region="RegionOne"')
        for tab in ("overview", "resources", "events", "template",
                    "environment"):
            self.assertContains(response,
                                f'data-target="#stack_details__{tab}"')

    def test_the_overview_reads_outputs_only_when_shown(self, stack_show):
        response = self.client.get(
            DETAIL_URL + "?tab=stack_details__overview",
            HTTP_X_REQUESTED_WITH="XMLHttpRequest")

        self.assertEqual(response.status_code, 200)
        stack_show.assert_called_with(mock.ANY, "RegionOne", "top/r00t")
        self.assertContains(response, "192.0.2.10")
        self.assertContains(response, "db_region")
        self.assertContains(response, "30 minutes")

    @mock.patch.object(tabs, "stack_tree", return_value=walked_tree())
    def test_resources_link_remote_children_in_their_region(self, walk, _):
        response = self.client.get(
            DETAIL_URL + "?tab=stack_details__resources",
            HTTP_X_REQUESTED_WITH="XMLHttpRequest")

        walk.assert_called_once_with(mock.ANY, "RegionOne", "r00t", "top",
                                     remote_depth=0, gateway=None)
        self.assertContains(response,
                            'href="/project/mr_stacks/RegionTwo/d8/"')
        self.assertContains(response, "data-mr-live-tab")

    @mock.patch.object(tabs, "tree_events")
    @mock.patch.object(tabs, "stack_tree", return_value=walked_tree())
    def test_events_of_the_whole_tree_and_what_is_missing(self, walk, events,
                                                          _):
        events.return_value = EventsPage(
            (heat.Event("RegionTwo", "e1", "d8", "top-db-aaaaaaaaaaaa", "db",
                        "", "CREATE_COMPLETE", "done", timezone.now()),),
            "next-page", {})

        response = self.client.get(
            DETAIL_URL + "?tab=stack_details__events",
            HTTP_X_REQUESTED_WITH="XMLHttpRequest")

        self.assertContains(response, "top-db-aaaaaaaaaaaa")
        self.assertContains(response, "RegionTwo")
        self.assertContains(response, "refused")
        self.assertContains(
            response, "?tab=stack_details__events&amp;events_marker=next-page")
        self.assertContains(response, "data-mr-live-tab")
        response = self.client.get(
            DETAIL_URL + "?tab=stack_details__events&events_marker=next-page",
            HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        self.assertEqual(events.call_args.args[3], "next-page")
        self.assertNotContains(response, "data-mr-live-tab")

    @mock.patch.object(heat, "stack_template",
                       return_value={"heat_template_version": "2021-04-16"})
    def test_the_template_as_yaml(self, template, _):
        response = self.client.get(
            DETAIL_URL + "?tab=stack_details__template",
            HTTP_X_REQUESTED_WITH="XMLHttpRequest")

        self.assertContains(
            response, "heat_template_version: &#x27;2021-04-16&#x27;")

    @mock.patch.object(heat, "stack_files", return_value={
        "web.yaml": "heat_template_version: 2021-04-16\nresources: {}\n"})
    def test_the_files_as_yaml_each_file_as_written(self, files, _):
        response = self.client.get(
            DETAIL_URL + "?tab=stack_details__files",
            HTTP_X_REQUESTED_WITH="XMLHttpRequest")

        self.assertContains(response, "web.yaml: |\n  heat_template_version: "
                                      "2021-04-16\n  resources: {}")
        files.assert_called_once_with(mock.ANY, "RegionOne", mock.ANY)


class MissingStackTests(base.TestCase):

    @mock.patch.object(heat, "stack_show",
                       side_effect=heat_exc.HTTPNotFound("no such stack"))
    def test_redirects_to_the_stacks(self, _):
        response = self.client.get(DETAIL_URL)

        self.assertRedirectsNoFollow(
            response, reverse(constants.STACKS_INDEX_URL))


class TreeViewTests(base.TestCase):

    @mock.patch.object(views, "tree_templates", return_value={})
    @mock.patch.object(views, "stack_tree", return_value=walked_tree())
    def test_the_tree_as_html_and_picture(self, walk, templates):
        response = self.client.get(
            reverse(constants.STACK_TREE_URL, args=ARGS) + "?name=top")

        walk.assert_called_once_with(mock.ANY, "RegionOne", "r00t", "top", gateway=None,
                                     paced=True)
        templates.assert_called_once_with(mock.ANY, walk.return_value, {})
        self.assertIn("no-store", response["Cache-Control"])
        body = response.json()
        self.assertTrue(body["in_progress"])
        self.assertIn('data-mr-stack-id="d8"', body["html"])
        self.assertIn('href="/project/mr_stacks/RegionTwo/d8/"', body["html"])
        self.assertIn("Unreachable: refused", body["html"])
        self.assertEqual([lane["region"] for lane in body["graph"]["lanes"]],
                         ["RegionOne", "RegionTwo", "RegionThree"])


class LineageViewTests(base.TestCase):

    @mock.patch.object(views, "paced_lineage")
    @mock.patch.object(heat, "stack_get", return_value=STACK)
    def test_the_way_up(self, stack_get, paced_lineage):
        paced_lineage.return_value = lineage.Lineage(
            (heat.Stack("RegionTwo", "p4", "web", "CREATE_COMPLETE"),),
            {"RegionThree": RegionError(constants.KIND_TIMEOUT, "no answer")})

        response = self.client.get(
            reverse(constants.STACK_LINEAGE_URL, args=ARGS) + "?name=top")

        stack_get.assert_called_once_with(mock.ANY, "RegionOne", "top/r00t")
        self.assertEqual(response.json(), {
            "ancestors": [{"name": "web", "region": "RegionTwo",
                           "url": "/project/mr_stacks/RegionTwo/p4/", "cloud": False}],
            "errors": ["RegionThree: no answer"], "late": [], "late_url": ""})

    @mock.patch.object(views, "paced_lineage")
    @mock.patch.object(heat, "stack_get", return_value=STACK)
    def test_a_late_region_is_named_with_the_url_that_asks_again(self, _, paced_lineage):
        paced_lineage.return_value = lineage.Lineage(
            (), {"RegionThree": RegionError(constants.KIND_LATE, "answering slowly"),
                 "RegionFour": RegionError(constants.KIND_TIMEOUT, "no answer")}, "k3y")
        url = reverse(constants.STACK_LINEAGE_URL, args=ARGS)

        answer = self.client.get(url + "?name=top").json()

        # A late region is no error: it is named, and asked again.
        self.assertEqual(answer["errors"], ["RegionFour: no answer"])
        self.assertEqual(answer["late"], ["RegionThree"])
        self.assertEqual(answer["late_url"], url + "?name=top&late=k3y")
        paced_lineage.assert_called_once_with(mock.ANY, STACK, "")

    @mock.patch.object(views, "paced_lineage")
    @mock.patch.object(heat, "stack_get", return_value=STACK)
    def test_an_unknown_key_climbs_afresh(self, _, paced_lineage):
        paced_lineage.side_effect = [None, lineage.Lineage()]

        answer = self.client.get(
            reverse(constants.STACK_LINEAGE_URL, args=ARGS) + "?name=top&late=nope").json()

        self.assertEqual(answer, {"ancestors": [], "errors": [], "late": [], "late_url": ""})
        self.assertEqual(paced_lineage.call_args_list,
                         [mock.call(mock.ANY, STACK, "nope"), mock.call(mock.ANY, STACK)])

    @mock.patch.object(heat, "stack_get",
                       side_effect=heat_exc.HTTPNotFound("gone"))
    def test_a_stack_that_is_gone(self, _):
        response = self.client.get(
            reverse(constants.STACK_LINEAGE_URL, args=ARGS))

        self.assertEqual(response.json()["ancestors"], [])
        self.assertIn("HTTPNotFound", response.json()["errors"][0])


class EnabledFileTests(base.TestCase):

    def test_the_scripts_and_style_are_on_every_page(self):
        config = settings.HORIZON_CONFIG
        self.assertLess(
            config["js_files"].index(
                "mr_dashboard/js/mr_dashboard.stack_topology.js"),
            config["js_files"].index(
                "mr_dashboard/js/mr_dashboard.stack_tree.js"))
        self.assertIn("mr_dashboard/scss/stack_detail.scss",
                      config["scss_files"])
