"""Views of the Credentials panel.

The index lists every Barbican's opaque secrets with their metadata;
create checks then stores; the check view answers the create form's Check
button with an HTML fragment; verify checks a stored credential (its
payload read here, on the server, and never sent anywhere but to the
Keystone it names); delete first shows the stacks whose templates use the
secret.
"""

from django.shortcuts import render
from django.urls import reverse
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from horizon import exceptions
from horizon import forms
from horizon import messages
from horizon import tables
from horizon.utils.memoized import memoized_method

from mr_dashboard import constants
from mr_dashboard.api import barbican
from mr_dashboard.api.other_cloud import check
from mr_dashboard.credentials import store
from mr_dashboard.credentials import usage
from mr_dashboard.panels.credentials import forms as credential_forms
from mr_dashboard.panels.credentials.tables import CredentialsTable

INDEX_URL = reverse_lazy(constants.CREDENTIALS_INDEX_URL)
RESULT_TEMPLATE = "project/mr_credentials/_check_result.html"


class IndexView(tables.DataTableView):
    table_class = CredentialsTable
    template_name = "project/mr_credentials/index.html"
    page_title = gettext_lazy("Credentials")

    def get_data(self):
        try:
            listing = store.credentials_list(self.request)
        except Exception:
            exceptions.handle(self.request,
                              _("Unable to list the credentials."))
            return []
        for where, error in listing.errors.items():
            messages.warning(self.request, _("%(where)s: %(why)s")
                             % {"where": where, "why": error.message})
        return listing.secrets


@method_decorator(sensitive_post_parameters(), name="dispatch")
class CreateView(forms.ModalFormView):
    form_class = credential_forms.CreateForm
    template_name = "project/mr_credentials/create.html"
    modal_id = "mr-credential-create"
    form_id = "mr-credential-create-form"
    page_title = gettext_lazy("Create Credential")
    submit_label = gettext_lazy("Check and Store")
    submit_url = reverse_lazy(constants.CREDENTIAL_CREATE_URL)
    success_url = INDEX_URL

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["check_url"] = reverse(constants.CREDENTIAL_CHECK_URL)
        return context


@method_decorator(sensitive_post_parameters(), name="dispatch")
@method_decorator(never_cache, name="dispatch")
class CheckView(generic.View):
    """POST of the create form's fields: the check's outcome, as HTML."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = credential_forms.CheckForm(request, data=request.POST,
                                          files=request.FILES)
        context = {"form": form}
        if form.is_valid():
            try:
                context["report"] = form.handle(request, form.cleaned_data)
            except check.CheckFailed as failure:
                context["failure"] = failure
        return render(request, RESULT_TEMPLATE, context)


@method_decorator(never_cache, name="dispatch")
class VerifyView(forms.ModalFormMixin, generic.TemplateView):
    """A stored credential, checked the way Heat will use it."""

    template_name = "project/mr_credentials/verify.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(page_title=_("Check Credential"),
                       cancel_url=INDEX_URL)
        try:
            context["report"] = store.credential_check(
                self.request, kwargs["region"], kwargs["secret_id"])
        except check.CheckFailed as failure:
            context["failure"] = failure
        return context


class DeleteView(forms.ModalFormView):
    form_class = credential_forms.DeleteForm
    template_name = "project/mr_credentials/delete.html"
    modal_id = "mr-credential-delete"
    form_id = "mr-credential-delete-form"
    page_title = gettext_lazy("Delete Credential")
    submit_label = gettext_lazy("Delete Credential")
    success_url = INDEX_URL

    @memoized_method
    def get_object(self):
        try:
            return barbican.secret_show(
                self.request, self.kwargs["region"], self.kwargs["secret_id"])
        except Exception:
            exceptions.handle(self.request, _("Unable to read the "
                                              "credential."),
                              redirect=INDEX_URL)

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "region": self.kwargs["region"],
                "secret_id": self.kwargs["secret_id"]}

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["secret"] = self.get_object()
        context["usage"] = usage.stacks_using(self.request,
                                              context["secret"].id)
        context["submit_url"] = reverse(constants.CREDENTIAL_DELETE_URL,
                                        args=(self.kwargs["region"],
                                              self.kwargs["secret_id"]))
        return context
