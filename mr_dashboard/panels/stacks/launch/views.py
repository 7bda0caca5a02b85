"""Views of launching, previewing and updating stacks, on the two steps of
:mod:`~mr_dashboard.panels.shared.launch_steps`.

Launch: :class:`SelectTemplateView` (where the template comes from) hands a
draft to :class:`LaunchView` (parameters, checklist, preview, launch),
which lands on the new stack's detail. Update: :class:`UpdateSelectView`
then :class:`UpdateView` (a new template), or :class:`PatchView` (new
parameter values only); both preview per resource before updating.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from horizon import exceptions
from horizon.utils.memoized import memoized_method

from mr_dashboard import constants
from mr_dashboard.panels.shared import current
from mr_dashboard.panels.shared.draft import Draft
from mr_dashboard.panels.shared.launch_steps import INDEX_URL
from mr_dashboard.panels.shared.launch_steps import ParametersStepView
from mr_dashboard.panels.shared.launch_steps import TemplateStepView
from mr_dashboard.panels.stacks.launch import forms as stack_forms
from mr_dashboard.panels.stacks.launch import update_forms

#: The parameters step's page of one stack.
STACK_STEP_TEMPLATE = "project/mr_stacks/launch/stack.html"


class LaunchView(ParametersStepView):
    form_class = stack_forms.LaunchForm
    template_name = STACK_STEP_TEMPLATE
    modal_header = page_title = _("Launch Stack")
    submit_label = _("Launch")
    submit_url = constants.STACK_LAUNCH_STACK_URL

    def get_success_url_from_handled(self, handled) -> str:
        return reverse(constants.STACK_DETAIL_URL,
                       args=(self.get_draft().region, handled))


class SelectTemplateView(TemplateStepView):
    modal_header = page_title = _("Launch Stack")
    submit_url = constants.STACK_LAUNCH_URL
    next_view = LaunchView


class UpdateView(ParametersStepView):
    form_class = update_forms.UpdateForm
    template_name = STACK_STEP_TEMPLATE
    modal_header = page_title = _("Update Stack")
    submit_label = _("Update")
    submit_url = constants.STACK_UPDATE_STACK_URL

    @memoized_method
    def current(self) -> current.CurrentStack:
        try:
            return current.load(self.request, self.kwargs["region"],
                                self.kwargs["stack_id"])
        except Exception:  # noqa: BLE001 - handle() sorts and re-raises
            exceptions.handle(self.request, _("Unable to read the stack."),
                              redirect=reverse(INDEX_URL))

    def get_form_kwargs(self) -> dict:
        stack = self.current()
        return {**super().get_form_kwargs(), "stack_id": stack.stack_id,
                "before": stack.placements(), "values": stack.values()}

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs),
                "stack": self.current()}

    def get_success_url_from_handled(self, handled) -> str:
        return reverse(constants.STACK_DETAIL_URL,
                       args=(self.kwargs["region"], self.current().stack_id))


class UpdateSelectView(TemplateStepView):
    modal_header = page_title = _("Update Stack: New Template")
    submit_url = constants.STACK_UPDATE_URL
    next_view = UpdateView

    def region_kwargs(self) -> dict:
        return {"region": self.kwargs["region"]}


class PatchView(UpdateView):
    form_class = update_forms.PatchForm
    modal_header = page_title = _("Change Stack Parameters")
    submit_url = constants.STACK_PATCH_URL

    def get_draft(self) -> Draft:
        return self.current().draft()
