"""The Credentials form's fields for an auth type's options.

Each keystoneauth option (:func:`mr_dashboard.api.other_cloud.plugins.
options_of`) is one form field shared by every auth type that has it
(Horizon's switchable fields show those of the type chosen); secret options
are password fields that are never rendered back. :func:`auth_of` turns
the cleaned fields back into the ``auth`` map Heat loads.
"""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext as _
from keystoneauth1 import loading

from mr_dashboard.api.other_cloud.plugins import auth_types
from mr_dashboard.api.other_cloud.plugins import options_of

FIELD_PREFIX = "opt_"
SWITCH = "authtype"
_REQUIRED = '<span class="hz-icon-required fa fa-asterisk"></span>'
_WORDS = {"url": "URL", "id": "ID", "oauth2": "OAuth 2.0", "otp": "OTP",
          "idp": "IdP"}
_FIELDS = {str: forms.CharField, int: forms.IntegerField,
           float: forms.FloatField, bool: forms.BooleanField}


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
