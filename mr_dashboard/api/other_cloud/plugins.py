"""The auth types a credential can use, from keystoneauth's own loaders.

Heat builds the other cloud's auth plugin with
``keystoneauth1.loading.get_plugin_loader(auth_type).load_from_options(
**auth)``; the form offers the same loaders and their own options
(:func:`keystoneauth1.loading.get_plugin_options`), so what it stores is
what Heat loads. The form's fields are built from these options in
:mod:`mr_dashboard.panels.credentials.auth_fields`.
"""

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext_lazy
from keystoneauth1 import exceptions as ksa_exc
from keystoneauth1 import loading

#: Options holding a URL the check may call (the others are never called).
URL_OPTIONS = ("auth_url", "oauth2_endpoint", "access_token_endpoint",
               "discovery_endpoint")
#: The option types a form field can hold (an auth type with another is
#: not offered).
FIELD_TYPES = (str, int, float, bool)

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
                 and all(opt.type in FIELD_TYPES for opt in options_of(name)))


def options_of(auth_type: str) -> list[loading.Opt]:
    """keystoneauth's options of ``auth_type``."""
    return loading.get_plugin_options(auth_type)


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
