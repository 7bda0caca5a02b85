"""Launching a stack set: the launch flow's two steps
(:mod:`~mr_dashboard.panels.shared.launch_steps`) with several regions.
Step one picks the template and the regions; step two
(:class:`~.launch_forms.SetLaunchForm`) takes the values for every region
and each region's own, checks all regions at once and creates the
members, then lands on the set's page with what each region did."""

from django import forms as django_forms
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from horizon import forms

from mr_dashboard import constants
from mr_dashboard.api.regions import heat_region_names
from mr_dashboard.api.stack_sets.tags import TagError
from mr_dashboard.api.stack_sets.tags import check_region
from mr_dashboard.panels.shared.launch_steps import ParametersStepView
from mr_dashboard.panels.shared.launch_steps import TemplateStepView
from mr_dashboard.panels.shared.source import SelectTemplateForm
from mr_dashboard.panels.stack_sets import common
from mr_dashboard.panels.stack_sets import launch_forms
from mr_dashboard.selection import selected_region


class SetSelectTemplateForm(SelectTemplateForm):
    """Step one of a set: the template and the regions of its members."""

    def __init__(self, request, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        names = heat_region_names(request)
        del self.fields["region"]
        self.fields["regions"] = forms.MultipleChoiceField(
            label=_("Regions"), choices=[(name, name) for name in names],
            initial=[selected_region(request)] if selected_region(request)
            else names,
            widget=django_forms.CheckboxSelectMultiple,
            help_text=_("A member stack is created in each."))
        self.order_fields(["regions"])

    def clean(self):
        regions = self.cleaned_data.get("regions") or []
        for region in regions:
            try:
                check_region(region)
            except TagError as exc:
                self.add_error("regions", str(exc))
        self.cleaned_data["region"] = regions[0] if regions else ""
        cleaned = super().clean()
        if self.draft is not None:
            self.draft.regions = list(regions)
        return cleaned


class SetLaunchView(common.Allowed, ParametersStepView):
    form_class = launch_forms.SetLaunchForm
    template_name = "project/mr_stack_sets/launch.html"
    modal_header = page_title = _("Launch Stack Set")
    submit_label = _("Launch the set")
    submit_url = constants.STACK_SET_LAUNCH_STACK_URL
    policy_rules = constants.STACK_CREATE_POLICY

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        return {**kwargs, "regions": kwargs["draft"].regions}

    def form_valid(self, form):
        self.set_name = form.cleaned_data["stack_name"]
        return super().form_valid(form)

    def get_success_url_from_handled(self, handled) -> str:
        common.tell(self.request, gettext("Creating the set"), handled)
        return common.detail_url(self.set_name)


class SetSelectTemplateView(common.Allowed, TemplateStepView):
    form_class = SetSelectTemplateForm
    modal_header = page_title = _("Launch Stack Set")
    submit_url = constants.STACK_SET_LAUNCH_URL
    next_view = SetLaunchView
    policy_rules = constants.STACK_CREATE_POLICY

    def cancel_url(self) -> str:
        return reverse(constants.STACK_SETS_INDEX_URL)
