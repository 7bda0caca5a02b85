"""Forms of the Credentials panel: check, create, delete.

:class:`CheckForm` holds what a check needs: the auth type, its options
(fields built from keystoneauth's loaders, see
:mod:`mr_dashboard.panels.credentials.auth_fields`) and the TLS options. Its
``clean`` builds the JSON Heat will read, so nobody types it.
:class:`CreateForm` adds the secret's name, key manager and expiration,
checks the credential and stores it only if the check passed (unless the
user says the dashboard cannot reach that cloud).
"""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from keystoneauth1 import exceptions as ksa_exc

from horizon import exceptions
from horizon import forms
from horizon import messages

from mr_dashboard import constants
from mr_dashboard.api import barbican
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.regions import heat_region_names
from mr_dashboard.api.other_cloud import auth
from mr_dashboard.api.other_cloud import check
from mr_dashboard.api.other_cloud import guard
from mr_dashboard.api.other_cloud import plugins
from mr_dashboard.credentials import store
from mr_dashboard.panels.credentials import auth_fields
from mr_dashboard.panels.shared import tls_fields


class CheckForm(forms.SelfHandlingForm):
    """An auth type, its options and the TLS options of a check."""

    no_autocomplete = True

    def __init__(self, request, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["auth_type"] = forms.ChoiceField(
            label=gettext_lazy("Auth type"), initial=plugins.DEFAULT_AUTH_TYPE,
            choices=[(name, plugins.AUTH_TYPES[name])
                     for name in plugins.auth_types()],
            widget=forms.Select(attrs={
                "class": "switchable", "data-slug": auth_fields.SWITCH}))
        self.fields.update(auth_fields.auth_fields())
        self.fields.update(tls_fields.tls_fields())
        self.payload: dict | None = None
        self.ca_cert: str | None = None

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        auth_type = cleaned["auth_type"]
        payload = plugins.payload_of(auth_type,
                                     auth_fields.auth_of(auth_type, cleaned))
        try:
            auth.origins_of(payload)  # http(s) URLs only
        except (guard.AddressRefused, auth.InvalidCredential) as exc:
            raise ValidationError(str(exc)) from None
        self.ca_cert = tls_fields.ca_cert_of(cleaned)
        self.payload = payload
        return cleaned

    def handle(self, request, data) -> check.CheckReport:
        """Check the cleaned credential; raises CheckFailed."""
        with tls_fields.verify_for(self.ca_cert, data["insecure"]) as verify:
            return check.check_credential(self.payload, verify,
                                          heat_region_names(self.request))


class CreateForm(CheckForm):
    """A credential to check and store in Barbican."""

    name = forms.CharField(max_length=255, label=gettext_lazy("Name"))
    region = forms.ChoiceField(label=gettext_lazy("Key manager of"))
    expiration = forms.DateTimeField(
        label=gettext_lazy("Expires (UTC)"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=gettext_lazy("Barbican deletes the secret then; stacks "
                               "using it can no longer be changed."))
    skip_check = forms.BooleanField(
        label=gettext_lazy("Store even if the check fails"), required=False,
        help_text=gettext_lazy("For a cloud Heat can reach but the "
                               "dashboard cannot."))

    def __init__(self, request, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["region"].choices = [
            (name, name) for name in barbican.key_manager_regions(request)]
        self.order_fields(["name", "region", "auth_type"] + [
            name for name in self.fields if name.startswith(
                auth_fields.FIELD_PREFIX)] + ["ca_cert", "insecure"])
        self.report: check.CheckReport | None = None

    def clean_expiration(self):
        when = self.cleaned_data["expiration"]
        if when is not None and when <= timezone.now():
            raise ValidationError(_("The expiration must be in the future."))
        return when

    def handle(self, request, data):
        try:
            self.report = super().handle(request, data)
        except check.CheckFailed as failure:
            if not data["skip_check"]:
                self.api_error(_("Not stored: the check failed. %(why)s")
                               % {"why": failure.message})
                return False
        try:
            store.credential_store(request, data["region"], data["name"],
                                   self.payload, data["expiration"])
        except ksa_exc.ClientException as exc:
            why = RegionError.from_exception(
                exc, plugins.secret_values(self.payload)).message
            self.api_error(_("Not stored: %(why)s") % {"why": why})
            return False
        messages.success(request, _('Credential "%(name)s" stored.')
                         % {"name": data["name"]})
        return True


class DeleteForm(forms.SelfHandlingForm):
    """Delete one credential secret (the view shows who uses it)."""

    def __init__(self, request, *args, region: str, secret_id: str,
                 **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        self.region, self.secret_id = region, secret_id

    def handle(self, request, data):
        try:
            barbican.secret_delete(request, self.region, self.secret_id)
        except Exception:
            exceptions.handle(request, _("Unable to delete the credential."),
                              redirect=reverse(
                                  constants.CREDENTIALS_INDEX_URL))
            return False
        messages.success(request, _("Credential deleted."))
        return True
