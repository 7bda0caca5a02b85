"""Authenticate with a credential exactly as Heat does.

Heat parses the secret's payload as JSON with the keys ``auth_type`` and
``auth``, loads the plugin with
``get_plugin_loader(auth_type).load_from_options(**auth)`` and asks it for
a token. :func:`parse_payload` and :func:`plugin_of` do the same (with
messages that never quote the payload), :func:`authenticate` asks for the
token through a :func:`~mr_dashboard.api.other_cloud.guard.guarded_session`,
closed once the token is there.
"""

import json
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from keystoneauth1 import access
from keystoneauth1 import exceptions as ksa_exc
from keystoneauth1 import loading
from keystoneauth1 import plugin

from mr_dashboard.api.other_cloud import guard
from mr_dashboard.api.other_cloud import plugins

PAYLOAD_KEYS = ("auth_type", "auth")


class InvalidCredential(ValueError):
    """A payload Heat could not use either; the message says why."""


def parse_payload(text: str) -> dict[str, Any]:
    """The credential in a secret's payload, checked like Heat checks it."""
    try:
        payload = json.loads(text)
    except ValueError as exc:
        line, column = getattr(exc, "lineno", 0), getattr(exc, "colno", 0)
        raise InvalidCredential(_(
            "The secret is not JSON (line %(line)d, column %(column)d); "
            "JSON needs double quotes.") % {"line": line,
                                            "column": column}) from None
    if not isinstance(payload, dict) or any(key not in payload
                                            for key in PAYLOAD_KEYS):
        raise InvalidCredential(_("The secret's JSON needs the keys "
                                  "auth_type and auth."))
    if not isinstance(payload["auth"], dict):
        raise InvalidCredential(_("The secret's auth must be a JSON map."))
    return payload


def plugin_of(payload: Mapping[str, Any]) -> plugin.BaseAuthPlugin:
    """The auth plugin Heat builds from ``payload``."""
    try:
        loader = loading.get_plugin_loader(str(payload["auth_type"]))
        return loader.load_from_options(**payload["auth"])
    except ksa_exc.NoMatchingPlugin:
        raise InvalidCredential(_("keystoneauth has no auth type named "
                                  "%(name)s.")
                                % {"name": payload["auth_type"]}) from None
    except ksa_exc.MissingRequiredOptions as exc:
        raise InvalidCredential(_("Missing for this auth type: %(options)s.")
                                % {"options": ", ".join(
                                    opt.dest for opt in exc.options)}
                                ) from None
    except ksa_exc.OptionError as exc:  # keystoneauth's own words
        raise InvalidCredential(exc.message) from None
    except TypeError:
        raise InvalidCredential(_("These options do not belong to auth type "
                                  "%(name)s.")
                                % {"name": payload["auth_type"]}) from None


def origins_of(payload: Mapping[str, Any]) -> frozenset[guard.Origin]:
    """Where a check of ``payload`` may connect: the URLs it names."""
    auth = payload.get("auth") or {}
    urls = [auth[key] for key in plugins.URL_OPTIONS if auth.get(key)]
    if not urls:
        raise InvalidCredential(_("The credential names no auth URL."))
    return frozenset(guard.origin_of(str(url)) for url in urls)


def authenticate(payload: Mapping[str, Any], verify: guard.Verify,
                 only_given_urls: bool = True) -> access.AccessInfo:
    """The token (and its catalog) ``payload`` gets from its Keystone.

    With ``only_given_urls`` no address but the URLs the payload names is
    called. keystoneauth's and the guard's errors tell why it failed.
    """
    auth_plugin = plugin_of(payload)
    origins = origins_of(payload) if only_given_urls else None
    session = guard.guarded_session(verify, origins)
    try:
        return auth_plugin.get_access(session)
    finally:
        session.session.close()  # its connections, now
