"""The two steps every launch, update and stack-set form goes through, as
view bases the panels build their steps on.

Step one (:class:`TemplateStepView`: where the template comes from) makes
a :class:`~.draft.Draft`, hands it over (:meth:`~.draft.Draft.hand_over`)
and redirects to the step named by ``next_view`` with its key
(:data:`HANDED`); step two (:class:`ParametersStepView`: parameters,
checklist, preview, then the action) takes it back and carries it on,
sealed, in its form.
"""

from urllib.parse import urlencode


from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from horizon import exceptions
from horizon import forms

from mr_dashboard import constants
from mr_dashboard import tokens
from mr_dashboard.hot import params
from mr_dashboard.panels.shared.draft import Draft
from mr_dashboard.panels.shared.source import SelectTemplateForm

INDEX_URL = constants.STACKS_INDEX_URL
#: The query parameter naming the draft handed from step one to step two.
HANDED = "handed"


def stack_args(kwargs: dict) -> tuple[str, ...]:
    """The (region, stack id) of an update's URL; none for a launch."""
    return tuple(kwargs[key] for key in ("region", "stack_id")
                 if key in kwargs)


class TemplateStepView(forms.ModalFormView):
    """Step one: the template, its folder and environment files.
    Subclasses name the step after it (``next_view``) and their URL
    (``submit_url``)."""

    form_class = SelectTemplateForm
    template_name = "mr_dashboard/launch/select.html"
    form_id = "mr-select-template"
    submit_label = _("Next")
    next_view: type[forms.ModalFormView]

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), **self.region_kwargs()}

    def region_kwargs(self) -> dict:
        """The region the template is read in, when the step fixes it."""
        return {}

    def submit_args(self) -> tuple[str, ...]:
        """The arguments of :attr:`submit_url`."""
        return stack_args(self.kwargs)

    def cancel_url(self) -> str:
        return reverse(INDEX_URL)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["submit_url"] = reverse(self.submit_url,
                                        args=self.submit_args())
        context["cancel_url"] = self.cancel_url()
        return context

    def form_valid(self, form):
        url = reverse(self.next_view.submit_url, args=self.submit_args())
        return redirect(f"{url}?{urlencode({HANDED: form.draft.hand_over()})}")


@method_decorator(sensitive_post_parameters(), name="dispatch")
class ParametersStepView(forms.ModalFormView):
    """Step two: parameters, checklist, preview."""

    form_id = "mr-stack-form"

    def handed(self) -> bool:
        """Whether the request is step one's hand-over (a GET)."""
        return HANDED in self.request.GET

    def get_draft(self) -> Draft:
        try:
            if self.handed():
                return Draft.handed(self.request.GET[HANDED], self.request)
            return Draft.loads(self.request.POST.get("draft", ""),
                               self.request)
        except tokens.BadToken:
            exceptions.handle(self.request, _(
                "The form is too old, was changed, or was made for another "
                "user or project: start again."), redirect=reverse(INDEX_URL))

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "draft": self.get_draft()}

    def form_invalid(self, form):
        """The page again with ``form`` (Horizon's makes the context with a
        new form, which would run the checklist a second time)."""
        return self.render_to_response(self.get_context_data(form=form))

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
