"""Views of launching, previewing and updating stacks.

Launch: :class:`SelectTemplateView` (where the template comes from) hands a
draft to :class:`LaunchView` (parameters, checklist, preview, launch),
which lands on the new stack's detail. Update: :class:`UpdateSelectView`
then :class:`UpdateView` (a new template), or :class:`PatchView` (new
parameter values only); both preview per resource before updating.
"""

from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from horizon import exceptions
from horizon import forms
from horizon.utils.memoized import memoized_method

from mr_dashboard import constants
from mr_dashboard import tokens
from mr_dashboard.hot import params
from mr_dashboard.panels.stacks.launch import current
from mr_dashboard.panels.stacks.launch import forms as stack_forms
from mr_dashboard.panels.stacks.launch import update_forms
from mr_dashboard.panels.stacks.launch.draft import Draft
from mr_dashboard.panels.stacks.launch.source import SelectTemplateForm

INDEX_URL = constants.STACKS_INDEX_URL


def stack_args(kwargs: dict) -> tuple[str, ...]:
    """The (region, stack id) of an update's URL; none for a launch."""
    return tuple(kwargs[key] for key in ("region", "stack_id")
                 if key in kwargs)


class SelectTemplateView(forms.ModalFormView):
    """Step one: the template, its folder and environment files."""

    form_class = SelectTemplateForm
    template_name = "project/mr_stacks/launch/select.html"
    form_id = "mr-select-template"
    modal_header = page_title = _("Launch Stack")
    submit_label = _("Next")
    submit_url = constants.STACK_LAUNCH_URL
    next_view = None  # set below: the parameters step

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), **self.region_kwargs()}

    def region_kwargs(self) -> dict:
        return {}

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["submit_url"] = reverse(self.submit_url,
                                        args=stack_args(self.kwargs))
        context["cancel_url"] = reverse(INDEX_URL)
        return context

    def form_valid(self, form):
        return self.next_view.as_view()(self.request, draft=form.draft,
                                        **self.kwargs)


@method_decorator(sensitive_post_parameters(), name="dispatch")
class StackFormView(forms.ModalFormView):
    """Step two: parameters, checklist, preview; the base of the others."""

    form_id = "mr-stack-form"
    template_name = "project/mr_stacks/launch/stack.html"
    submit_url = constants.STACK_LAUNCH_STACK_URL

    def post(self, request, *args, **kwargs):
        if "draft" in kwargs:  # handed over by the first step
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def get_draft(self) -> Draft:
        if "draft" in self.kwargs:
            return self.kwargs["draft"]
        try:
            return Draft.loads(self.request.POST.get("draft", ""),
                               self.request)
        except tokens.BadToken:
            exceptions.handle(self.request, _(
                "The form is too old, was changed, or was made for another "
                "user or project: start again."), redirect=reverse(INDEX_URL))

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        if "draft" in self.kwargs:
            kwargs.pop("data", None)
            kwargs.pop("files", None)
        return {**kwargs, "draft": self.get_draft()}

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            parameter_groups=[(group, [form[param.field_name]
                                       for param in group.parameters])
                              for group in form.groups],
            settings_fields=[form[name] for name in form.fields
                             if not name.startswith(params.FIELD_PREFIX)
                             and name != "draft"],
            draft=form.draft, cancel_url=reverse(INDEX_URL),
            submit_url=reverse(self.submit_url, args=self.submit_args()),
            remote=[placement for placement in form.placements
                    if placement.path])
        return context

    def submit_args(self) -> tuple[str, ...]:
        """The arguments of :attr:`submit_url`."""
        return stack_args(self.kwargs)

    def get_success_url_from_handled(self, handled) -> str:
        return reverse(constants.STACK_DETAIL_URL,
                       args=(self.get_draft().region, handled))


class LaunchView(StackFormView):
    form_class = stack_forms.LaunchForm
    modal_header = page_title = _("Launch Stack")
    submit_label = _("Launch")


SelectTemplateView.next_view = LaunchView


class UpdateSelectView(SelectTemplateView):
    modal_header = page_title = _("Update Stack: New Template")
    submit_url = constants.STACK_UPDATE_URL

    def region_kwargs(self) -> dict:
        return {"region": self.kwargs["region"]}


class UpdateView(StackFormView):
    form_class = update_forms.UpdateForm
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


UpdateSelectView.next_view = UpdateView


class PatchView(UpdateView):
    form_class = update_forms.PatchForm
    modal_header = page_title = _("Change Stack Parameters")
    submit_url = constants.STACK_PATCH_URL

    def get_draft(self) -> Draft:
        return self.current().draft()
