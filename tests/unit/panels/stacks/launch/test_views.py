"""Tests of the launch pages."""

from unittest import mock

from django import forms as django_forms
from django.core.cache import cache
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.iaas import pickers
from mr_dashboard.checks import holdings
from mr_dashboard.panels.shared.draft import Draft
from tests.unit import base

TEMPLATE = """heat_template_version: 2021-04-16
parameters:
  flavor:
    type: string
    constraints: [{custom_constraint: nova.flavor}]
  count: {type: number, default: 1, constraints: [{range: {min: 1, max: 3}}]}
resources:
  v: {type: OS::Heat::Value, properties: {value: {get_param: count}}}
"""


class LaunchViewTests(base.TestCase):

    def setUp(self):
        super().setUp()
        cache.clear()
        # Horizon's test catalog has Nova: pickers are tested on the demo
        # cloud (tests/functional/test_pickers.py).
        patch = mock.patch.object(pickers, "list_choices", return_value={})
        patch.start()
        self.addCleanup(patch.stop)
        # What each region holds is checked on the demo cloud
        # (tests/functional/test_region_values.py): none of it here.
        for name, value in (("start", None), ("checks", [])):
            patch = mock.patch.object(holdings.Holdings, name,
                                      return_value=value)
            patch.start()
            self.addCleanup(patch.stop)
        for name, value in (("template_versions", [heat.TemplateVersion(
                "RegionOne", "heat_template_version.2021-04-16", "hot")]),
                ("resource_types_list", ["OS::Heat::Value"]),
                ("template_validate", {}),
                ("resource_type_show", {"properties": {}}),
                ("stack_preview", {})):
            patch = mock.patch.object(heat, name, return_value=value)
            setattr(self, name, patch.start())
            self.addCleanup(patch.stop)

    def select(self, **data):
        return self.client.post(reverse(constants.STACK_LAUNCH_URL), {
            "region": "RegionTwo", "template_source": "raw",
            "template_data": TEMPLATE, **data}, follow=True)

    def test_the_first_step_leads_to_the_parameters(self):
        page = self.client.get(reverse(constants.STACK_LAUNCH_URL))
        self.assertContains(page, 'id="id_region"')
        self.assertContains(page, "webkitdirectory")

        step = self.select()

        self.assertTemplateUsed(step, "project/mr_stacks/launch/stack.html")
        form = step.context["form"]
        self.assertEqual(form.draft.region, "RegionTwo")
        self.assertIn("param__flavor", form.fields)
        self.assertContains(step, 'action="%s"' % reverse(
            constants.STACK_LAUNCH_STACK_URL))

    def test_launch_is_refused_while_a_check_fails_then_lands_on_the_stack(self):
        draft = self.select().context["form"].draft.dumps()
        data = {"draft": draft, "action": "go", "stack_name": "web",
                "timeout_mins": 5, "param__flavor": "m1.tiny",
                "param__count": "2"}
        url = reverse(constants.STACK_LAUNCH_STACK_URL)
        self.resource_types_list.return_value = []

        refused = self.client.post(url, data)

        self.assertContains(refused, "Refused: 1 check did not pass.")
        self.assertContains(refused, 'data-mr-passed="false"')
        cache.clear()
        self.resource_types_list.return_value = ["OS::Heat::Value"]
        with mock.patch.object(heat, "stack_create",
                               return_value="f00d") as create:
            launched = self.client.post(url, data)
        self.assertRedirects(launched, reverse(
            constants.STACK_DETAIL_URL, args=("RegionTwo", "f00d")),
            fetch_redirect_response=False)
        fields = create.call_args.kwargs
        self.assertEqual(fields["parameters"], {"flavor": "m1.tiny",
                                                "count": "2"})
        self.assertEqual((fields["stack_name"], fields["timeout_mins"],
                          fields["disable_rollback"]), ("web", 5, True))

    def test_the_clicked_buttons_action_wins_over_the_hidden_default(self):
        step = self.select()
        page = step.content.decode()
        # Horizon disables the buttons on submit (no always-enabled): the
        # script fills the hidden field, which comes before the buttons.
        self.assertNotIn("always-enabled", page)
        self.assertLess(page.index("data-mr-action"), page.index('id="mr-check"'))
        data = {"draft": step.context["form"].draft.dumps(),
                "stack_name": "web", "timeout_mins": 5,
                "param__flavor": "m1.tiny", "param__count": "1",
                "action": ["check", "preview"]}  # no script: both are sent
        with mock.patch.object(heat, "stack_preview", return_value=[
                heat.PlannedResource("RegionTwo", "v", "OS::Heat::Value")
                ]) as preview:
            previewed = self.client.post(
                reverse(constants.STACK_LAUNCH_STACK_URL), data)
        # The checks preview too (under names of their own).
        self.assertEqual([call.kwargs["stack_name"] for call in
                          preview.call_args_list].count("web"), 1)
        self.assertContains(previewed, 'data-mr-preview-resource="v"')

    def test_a_tampered_draft_is_refused(self):
        response = self.client.post(reverse(constants.STACK_LAUNCH_STACK_URL),
                                    {"draft": "x" + Draft("RegionOne", "t", {
                                        "heat_template_version": "2021-04-16"
                                    }).dumps(), "action": "check"})
        self.assertRedirects(response, reverse(constants.STACKS_INDEX_URL),
                             fetch_redirect_response=False)

    def test_pickers_come_from_each_parameters_target_region(self):
        template = """heat_template_version: 2021-04-16
parameters:
  flavor: {type: string, constraints: [{custom_constraint: nova.flavor}]}
  image_far: {type: string, default: cirros}
resources:
  far:
    type: OS::Heat::Stack
    properties:
      context: {region_name: RegionOne}
      template:
        heat_template_version: 2021-04-16
        parameters:
          image:
            type: string
            constraints: [{custom_constraint: glance.image}]
      parameters: {image: {get_param: image_far}}
"""
        pickers.list_choices.return_value = {
            ("glance.image", "RegionOne"): pickers.Picked(
                "glance.image", "RegionOne",
                choices=(("1d", "cirros"), ("2e", "<b>fedora</b>"))),
            ("nova.flavor", "RegionTwo"): pickers.Picked(
                "nova.flavor", "RegionTwo", problem="Nova <i>fails</i>")}

        step = self.select(template_data=template)

        wanted = pickers.list_choices.call_args.args[1]
        self.assertEqual(sorted(wanted), [("glance.image", "RegionOne"),
                                          ("nova.flavor", "RegionTwo")])
        form = step.context["form"]
        self.assertEqual(form.fields["param__image_far"].initial, "1d")
        self.assertContains(step, "&lt;b&gt;fedora&lt;/b&gt;")
        self.assertNotIsInstance(form.fields["param__flavor"],
                                 django_forms.ChoiceField)
        self.assertContains(
            step, "flavor: <span data-mr-picker-problem>Nova &lt;i&gt;fails&lt;/i&gt;</span>")

    def test_a_hidden_value_typed_at_check_is_kept_sealed_for_launch(self):
        template = TEMPLATE.replace("parameters:\n", (
            "parameters:\n  admin_pass: {type: string, hidden: true}\n"), 1)
        draft = self.select(template_data=template).context["form"].draft
        data = {"draft": draft.dumps(), "stack_name": "web",
                "timeout_mins": 5, "param__flavor": "m1.tiny",
                "param__count": "1", "param__admin_pass": "s3cr3t-typed"}
        url = reverse(constants.STACK_LAUNCH_STACK_URL)

        checked = self.client.post(url, {**data, "action": "check"})

        page = checked.content.decode()
        self.assertNotIn("s3cr3t-typed", page)  # not even sealed-readable
        self.assertIn("Kept, sealed", page)
        sealed = checked.context["form"]["draft"].value()
        self.assertNotEqual(sealed, data["draft"])
        self.assertEqual(Draft.loads(sealed, checked.wsgi_request).hidden,
                         {"admin_pass": "s3cr3t-typed"})
        with mock.patch.object(heat, "stack_create",
                               return_value="f00d") as create:
            launched = self.client.post(url, {
                **data, "draft": sealed, "param__admin_pass": "",
                "action": "go"})
        self.assertEqual(launched.status_code, 302)
        self.assertEqual(create.call_args.kwargs["parameters"]["admin_pass"],
                         "s3cr3t-typed")
