"""keystoneauth sessions for one region's endpoint.

A session reuses the token the user logged in with: the endpoint comes from
the catalog Horizon already holds, so building one costs no call to
Keystone. Every session has the plugin's timeout and never retries a
connection, so a region that is down fails fast.
"""

from django.http import HttpRequest
from keystoneauth1 import session
from keystoneauth1 import token_endpoint

from horizon.utils.memoized import memoized

from mr_dashboard import conf

APP_NAME = "mr_dashboard"


@memoized
def endpoint_session(request: HttpRequest, endpoint: str,
                     timeout: float | None = None) -> session.Session:
    """A session that sends the user's token to ``endpoint``.

    Memoized per request, endpoint and ``timeout`` (default: the plugin's
    ``REGION_TIMEOUT``).
    """
    auth = token_endpoint.Token(endpoint, request.user.token.id)
    return session.Session(
        auth=auth,
        verify=conf.ssl_verify(),
        timeout=conf.region_timeout() if timeout is None else timeout,
        connect_retries=0,
        app_name=APP_NAME,
    )
