"""The auth types a credential can use, from keystoneauth's own loaders.

Heat builds the other cloud's auth plugin with
``keystoneauth1.loading.get_plugin_loader(auth_type).load_from_options(
**auth)``; the form offers the same loaders and their own options
(:func:`keystoneauth1.loading.get_plugin_options`), so what it stores is
what Heat loads. Each option is one form field shared by every auth type
that has it (Horizon's switchable fields show those of the type chosen);
secret options are password fields that are never rendered back.
"""

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from keystoneauth1 import exceptions as ksa_exc
from keystoneauth1 import loading

FIELD_PREFIX = "opt_"
SWITCH = "authtype"
#: Options holding a URL the check may call (the others are never called).
URL_OPTIONS = ("auth_url", "oauth2_endpoint", "access_token_endpoint",
               "discovery_endpoint")
_REQUIRED = '<span class="hz-icon-required fa fa-asterisk"></span>'
_WORDS = {"url": "URL", "id": "ID", "oauth2": "OAuth 2.0", "otp": "OTP",
          "idp": "IdP"}
_FIELDS = {str: forms.CharField, int: forms.IntegerField,
           float: forms.FloatField, bool: forms.BooleanField}

#: Auth types that work without a person at the keyboard, in the order
#: offered; those keystoneauth does not have here are left out.
AUTH_TYPES = {
    "v3applicationcredential": gettext_lazy("Application credential"),
    "password": gettext_lazy("Password"),
    "v3password": gettext_lazy("Password (Keystone v3 only)"),
    "v3oidcclientcredentials": gettext_lazy(
        "OpenID Connect client credentials"),
    "v3oidcpassword": gettext_lazy("OpenID Connect password"),
    "v3oidcaccesstoken": gettext_lazy("OpenID Connect access token"),
    "v3oauth2clientcredential": gettext_lazy("OAuth 2.0 client credentials"),
    "token": gettext_lazy("Token (expires with the token)"),
    "v3token": gettext_lazy("Token, Keystone v3 (expires with the token)"),
}
DEFAULT_AUTH_TYPE = "v3applicationcredential"


@lru_cache(maxsize=1)
def auth_types() -> tuple[str, ...]:
    """The auth types offered: :data:`AUTH_TYPES` keystoneauth loads."""
    available = set(loading.get_available_plugin_names())
    return tuple(name for name in AUTH_TYPES if name in available
                 and all(opt.type in _FIELDS for opt in options_of(name)))


def options_of(auth_type: str) -> list[loading.Opt]:
    """keystoneauth's options of ``auth_type``."""
    return loading.get_plugin_options(auth_type)


def label_of(option: loading.Opt) -> str:
    """A short label from the option's name (``auth-url``: Auth URL)."""
    words = [_WORDS.get(word, word)
             for word in option.name.replace("_", "-").split("-")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _widget(option: loading.Opt, attrs: dict) -> forms.Widget | None:
    if option.type is bool:
        return forms.CheckboxInput(attrs=attrs)
    if option.secret:
        return forms.PasswordInput(render_value=False, attrs={
            **attrs, "autocomplete": "new-password"})
    return forms.TextInput(attrs={**attrs, "autocomplete": "off"})


def auth_fields() -> dict[str, forms.Field]:
    """One optional field per option of any offered auth type, switched
    by the ``auth_type`` field (required options are checked in
    :func:`auth_of`)."""
    by_dest: dict[str, list[tuple[str, loading.Opt]]] = {}
    for name in auth_types():
        for option in options_of(name):
            by_dest.setdefault(option.dest, []).append((name, option))
    fields = {}
    for dest, uses in by_dest.items():
        first = uses[0][1]
        attrs = {"class": "switched", "data-switch-on": SWITCH}
        for name, option in uses:
            # Horizon's script puts this in the label as HTML; a plain str
            # is escaped once more in the attribute.
            required = _REQUIRED if option.required else ""
            attrs[f"data-{SWITCH}-{name}"] = "".join(
                (escape(label_of(option)), required))
        option = next((opt for _, opt in uses if opt.secret), first)
        fields[FIELD_PREFIX + dest] = _FIELDS[first.type](
            label=label_of(first), help_text=first.help, required=False,
            widget=_widget(option, attrs))
    return fields


def auth_of(auth_type: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The ``auth`` map of a credential: the options of ``auth_type`` the
    form filled in (``values`` holds the cleaned fields). Raises a
    ValidationError naming the missing required options."""
    auth, missing = {}, []
    for option in options_of(auth_type):
        value = values.get(FIELD_PREFIX + option.dest)
        if value in (None, "") or (option.type is bool and not value):
            if option.required:
                missing.append(label_of(option))
            continue
        auth[option.dest] = value
    if missing:
        raise ValidationError(_("Required for this auth type: %(options)s.")
                              % {"options": ", ".join(missing)})
    return auth


def payload_of(auth_type: str, auth: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON Heat reads from the secret."""
    return {"auth_type": auth_type, "auth": dict(auth)}


def secret_values(payload: Mapping[str, Any]) -> tuple[str, ...]:
    """The values of a payload that must stay out of any message: its
    auth type's secret options, or every value of an unknown type."""
    auth = payload.get("auth")
    if not isinstance(auth, dict):
        return ()
    try:
        secret = {option.dest for option in options_of(
            str(payload.get("auth_type")))
            if option.secret}
    except ksa_exc.NoMatchingPlugin:
        secret = set(auth)
    return tuple(str(value) for key, value in auth.items()
                 if key in secret and value not in (None, ""))
