"""The Credentials table: one row per opaque secret of each Barbican.

Auth type and auth URL come from the secret's metadata (recorded when the
dashboard stores a credential); no payload is ever read for the table.
"""

from django.template.defaultfilters import date
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from horizon import tables

from mr_dashboard import constants
from mr_dashboard.safe_reverse import safe_reverse
from mr_dashboard import untrusted
from mr_dashboard.api.barbican import SecretInfo
from mr_dashboard.api.other_cloud import plugins
from mr_dashboard.credentials import store

NOT_RECORDED = pgettext_lazy("Credential metadata", "Not recorded")
NEVER = pgettext_lazy("Credential expiration", "Never")


def _url(name: str, secret: SecretInfo) -> str | None:
    return safe_reverse(name, (secret.region, secret.id))


def auth_type_of(secret: SecretInfo) -> str:
    name = secret.metadata.get(store.AUTH_TYPE_KEY)
    return plugins.AUTH_TYPES.get(name, name) if name else NOT_RECORDED


def auth_url_of(secret: SecretInfo) -> str:
    return secret.metadata.get(store.AUTH_URL_KEY) or NOT_RECORDED


def _utc(when) -> str:
    return date(when, "Y-m-d H:i") + " UTC" if when else ""


def created_of(secret: SecretInfo) -> str:
    return _utc(secret.created)


def expires_of(secret: SecretInfo) -> str:
    return _utc(secret.expiration) or NEVER


class CreateCredential(tables.LinkAction):
    name = "create"
    verbose_name = _("Create Credential")
    url = constants.CREDENTIAL_CREATE_URL
    classes = ("ajax-modal",)
    icon = "plus"
    policy_rules = constants.SECRET_CREATE_POLICY


class CheckCredential(tables.LinkAction):
    name = "check"
    verbose_name = _("Check")
    classes = ("ajax-modal",)
    policy_rules = constants.SECRET_DECRYPT_POLICY

    def get_link_url(self, datum: SecretInfo) -> str:
        return _url(constants.CREDENTIAL_VERIFY_URL, datum)


class DeleteCredential(tables.LinkAction):
    name = "delete"
    verbose_name = _("Delete Credential")
    classes = ("ajax-modal", "btn-danger")
    icon = "trash"
    policy_rules = constants.SECRET_DELETE_POLICY

    def get_link_url(self, datum: SecretInfo) -> str:
        return _url(constants.CREDENTIAL_DELETE_URL, datum)


class CredentialsTable(tables.DataTable):
    name = tables.Column("name", verbose_name=_("Name"))
    auth_type = tables.Column(auth_type_of, verbose_name=_("Auth type"))
    auth_url = tables.Column(auth_url_of, verbose_name=_("Remote auth URL"))
    region = tables.Column("region", verbose_name=_("Key manager of"))
    created = tables.Column(created_of, verbose_name=_("Created"))
    expiration = tables.Column(expires_of, verbose_name=_("Expires"))
    status = tables.Column("status", verbose_name=_("Status"),
                           display_choices=tuple(
                               constants.SECRET_STATUS_LABELS.items()))

    def get_object_id(self, datum: SecretInfo) -> str:
        return datum.id

    def get_object_display(self, datum: SecretInfo) -> str:
        return datum.name or datum.id

    class Meta:
        name = "credentials"
        verbose_name = _("Credentials")
        row_class = untrusted.Row
        table_actions = (CreateCredential,)
        row_actions = (CheckCredential, DeleteCredential)
