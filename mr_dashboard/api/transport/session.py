"""keystoneauth sessions on the token the user logged in with.

:func:`endpoint_session` talks to one endpoint; :func:`catalog_session`
finds endpoints in the catalog Horizon already holds, by service type (its
aliases included) and region, as openstacksdk's ``Connection`` needs.
Building either costs no call to Keystone. Every session has the plugin's
timeout and never retries a connection, so a region that is down fails
fast.
"""

import requests
from keystoneauth1 import access
from keystoneauth1 import session
from keystoneauth1 import token_endpoint
from keystoneauth1.identity import access as access_plugin

from horizon.utils.memoized import memoized

from mr_dashboard import conf
from mr_dashboard.api.contract import ApiRequest

APP_NAME = "mr_dashboard"


@memoized
def endpoint_session(request: ApiRequest, endpoint: str,
                     timeout: float | None = None) -> session.Session:
    """A session that sends the user's token to ``endpoint``.

    Memoized per request, endpoint and ``timeout`` (default: the plugin's
    ``REGION_TIMEOUT``). A request into another cloud brings its own TLS
    verification (``tls_verify``: the ``ca_cert``/``insecure`` of the
    stack's context) and its own ``transport`` (the outbound guard, which
    checks every connection and redirect there); the user's own cloud
    uses Horizon's verification and a plain transport.
    """
    return _session(token_endpoint.Token(endpoint, request.user.token.id),
                    timeout, getattr(request, "tls_verify", None),
                    getattr(request, "transport", None))


@memoized
def catalog_session(request: ApiRequest) -> session.Session:
    """A session that finds its endpoints in the user's catalog.

    Memoized per request; the plugin's ``REGION_TIMEOUT``. A request into
    another cloud brings its own token and catalog (``user.access_info``),
    TLS verification and transport, as :func:`endpoint_session` says.
    """
    return _session(access_plugin.AccessInfoPlugin(_access_info(request)),
                    None, getattr(request, "tls_verify", None),
                    getattr(request, "transport", None))


def _access_info(request: ApiRequest) -> access.AccessInfo:
    """The token and catalog of ``request``: another cloud's as its login
    gave them, else the one Horizon holds, rebuilt (no call to
    Keystone)."""
    kept = getattr(request.user, "access_info", None)
    if kept is not None:
        return kept
    token = request.user.token
    body = {"token": {
        "catalog": request.user.service_catalog,
        "expires_at": token.expires.isoformat(),
        "project": {"id": token.project["id"],
                    "name": token.project["name"],
                    "domain": {"id": token.project.get("domain_id")}},
        "user": {"id": token.user["id"], "name": token.user["name"],
                 "domain": {"id": token.user_domain_id}},
    }}
    return access.AccessInfoV3(body, token.id)


def _session(auth, timeout: float | None,
             verify: bool | str | None = None,
             transport: requests.Session | None = None) -> session.Session:
    return session.Session(
        auth=auth, session=transport,
        verify=conf.ssl_verify() if verify is None else verify,
        timeout=conf.region_timeout() if timeout is None else timeout,
        connect_retries=0,
        app_name=APP_NAME,
    )
