"""The one guard of every URL the dashboard's server calls for a user.

Template URLs (:mod:`mr_dashboard.api.fetch`) and another cloud's
Keystone and endpoints (:mod:`mr_dashboard.api.other_cloud.guard`: the
login, and every Heat call of a request into that cloud) are URLs a user
typed, a template named or a user's Keystone listed. All go through
:func:`transport`: a requests session whose :class:`GuardedAdapter`
resolves the host at each connection (every redirect too: keystoneauth
follows them through the same session) and, unless the operator allows
it, refuses loopback, link-local, private and other non-global addresses;
the connection then goes to the address that was checked, so a second DNS
answer cannot slip in another. Given ``origins``, it also refuses any
other scheme, host and port. Proxies and other settings from the
environment are not used, nothing is retried.
"""

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

import requests
from django.utils.translation import gettext as _
from keystoneauth1 import exceptions as ksa_exc

_DEFAULT_PORTS = {"http": 80, "https": 443}

#: ``(scheme, host, port)`` of a URL.
Origin = tuple[str, str, int]


class AddressRefused(ksa_exc.ConnectionError):
    """A URL the dashboard will not call (raised through keystoneauth,
    heatclient and requests untouched: none wraps it). A connection error
    of keystoneauth's, so a call refused in the middle of a page (a
    redirect, a host that resolves elsewhere now) is told like a region
    that cannot be reached."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        # Said again: Horizon's test data replaces the constructors of
        # keystoneauth's exceptions with one that keeps the default text.
        self.message = message

    def __str__(self) -> str:
        return self.message


def origin_of(url: str) -> Origin:
    """The scheme, lower-case host and port of ``url``."""
    parts = urlsplit(url)
    scheme = (parts.scheme or "").lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise AddressRefused(_("Only http and https URLs can be used: "
                               "%(url)s.") % {"url": url})
    try:
        port = parts.port or _DEFAULT_PORTS[scheme]
    except ValueError:
        raise AddressRefused(_("The URL %(url)s has no valid port.")
                             % {"url": url}) from None
    return scheme, parts.hostname.lower(), port


def checked_address(host: str, port: int, allow_private: bool) -> str:
    """The address ``host`` resolves to, once it passes the policy."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise AddressRefused(_("The host %(host)s is not known.")
                             % {"host": host}) from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0])
                 for info in infos]
    if not allow_private:
        for address in addresses:
            plain = getattr(address, "ipv4_mapped", None) or address
            if not plain.is_global:
                raise AddressRefused(_(
                    "%(host)s is a loopback, link-local or private address: "
                    "the dashboard does not call it.") % {"host": host})
    return str(addresses[0])


class GuardedAdapter(requests.adapters.HTTPAdapter):
    """Sends only to allowed origins and checked addresses.

    ``allow_private`` is asked at each connection (the operator's setting).
    """

    def __init__(self, allow_private: Callable[[], bool],
                 origins: frozenset[Origin] | None = None) -> None:
        self.allow_private, self.origins = allow_private, origins
        super().__init__(max_retries=0)

    def build_connection_pool_key_attributes(self, request, verify,
                                             cert=None):
        host_params, pool_kwargs = super(
        ).build_connection_pool_key_attributes(request, verify, cert)
        origin = origin_of(request.url)
        if self.origins is not None and origin not in self.origins:
            raise AddressRefused(_(
                "%(url)s is not one of the URLs given: the check calls no "
                "other address.") % {"url": request.url.split("?")[0]})
        host_params["host"] = checked_address(origin[1], origin[2],
                                              self.allow_private())
        if origin[0] == "https":
            pool_kwargs["server_hostname"] = origin[1]
            pool_kwargs["assert_hostname"] = origin[1]
        return host_params, pool_kwargs

    def add_headers(self, request, **kwargs) -> None:
        # The connection goes to an address: name the host it stands for.
        request.headers["Host"] = urlsplit(request.url).netloc.rpartition(
            "@")[2]


def transport(allow_private: Callable[[], bool],
              origins: frozenset[Origin] | None = None) -> requests.Session:
    """A requests session through :class:`GuardedAdapter`, ignoring the
    environment (proxies, netrc, CA bundle variables)."""
    session = requests.Session()
    session.trust_env = False
    adapter = GuardedAdapter(allow_private, origins)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
