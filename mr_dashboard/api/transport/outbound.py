"""The one guard of every URL the dashboard's server calls for a user.

Template URLs (:mod:`mr_dashboard.api.transport.fetch`) and another cloud's
Keystone and endpoints (:mod:`mr_dashboard.api.other_cloud.guard`: the
login, and every Heat call of a request into that cloud) are URLs a user
typed, a template named or a user's Keystone listed. All go through
:func:`transport`: a requests session whose :class:`GuardedAdapter`

- resolves the host at each connection (every redirect too: keystoneauth
  follows them through the same session; the lookup, which has no timeout
  of its own, is waited for until the call's deadline at most, on a few
  threads of its own) and refuses an address that is
  not global unless it lies in a network the operator allows
  (:mod:`mr_dashboard.api.transport.addresses`); the connection then goes
  to the address that was checked, so a second DNS answer cannot slip in
  another; given ``origins``, it also refuses any other scheme, host and port;
- gives each call one wall-clock deadline (the call's timeout: connect,
  TLS handshake, headers and body all within it, however slowly the
  server drips them; a redirect keystoneauth follows shares the deadline
  of the call it came from), enforced on the sockets by
  :mod:`mr_dashboard.api.transport.watchdog`;
- reads the whole answer itself, up to a size cap, so the caller gets it
  in memory (``response.content``) or an error saying which limit was hit,
  never the remote text;
- trusts, when ``verify`` is an :class:`ssl.SSLContext`, only what that
  context trusts (a CA given as text: no file is written, and requests'
  own CA bundle is not added).

Proxies and other settings from the environment are not used, nothing is
retried.
"""

import ipaddress
import socket
import ssl
import threading
from collections.abc import Callable
from concurrent import futures
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
from django.utils.translation import gettext as _
from keystoneauth1 import exceptions as ksa_exc
from urllib3 import connection as u3_connection
from urllib3 import connectionpool as u3_pool

from mr_dashboard.api.transport import addresses
from mr_dashboard.api.transport import watchdog

_DEFAULT_PORTS = {"http": 80, "https": 443}
_CHUNK = 65536

#: ``(scheme, host, port)`` of a URL.
Origin = tuple[str, str, int]
#: keystoneauth's and requests' ``verify``, or a context to trust alone.
Verify = bool | str | ssl.SSLContext


@dataclass(frozen=True)
class Rules:
    """What the calls of one transport may do, read at each call."""

    #: Networks called although their addresses are not global.
    networks: tuple[addresses.Network, ...]
    #: Largest answer read, in bytes (after decompression).
    max_bytes: int
    #: Seconds a call may take when its caller gives no timeout.
    seconds: float


class OutboundError(ksa_exc.ConnectionError):
    """A call the guard refused or cut (raised through keystoneauth,
    heatclient and requests untouched: none wraps it). A connection error
    of keystoneauth's, so a call refused in the middle of a page is told
    like a region that cannot be reached."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        # Said again: Horizon's test data replaces the constructors of
        # keystoneauth's exceptions with one that keeps the default text.
        self.message = message

    def __str__(self) -> str:
        return self.message


class AddressRefused(OutboundError):
    """A URL the dashboard will not call."""


class TimeLimit(OutboundError, ksa_exc.ConnectTimeout):
    """A call cut at its deadline."""


class SizeLimit(OutboundError):
    """An answer larger than the call may read."""


def shown(url: str) -> str:
    """``url`` as a message may repeat it: scheme, host, port and path,
    never a user, a password, a query (a signed URL's signature) or a
    fragment; at most 200 characters."""
    parts = urlsplit(url)
    text = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}" \
        if parts.scheme or parts.netloc else parts.path
    return text if len(text) <= 200 else text[:200] + "…"


def origin_of(url: str) -> Origin:
    """The scheme, lower-case host and port of ``url``."""
    parts = urlsplit(url)
    scheme = (parts.scheme or "").lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise AddressRefused(_("Only http and https URLs can be used: "
                               "%(url)s.") % {"url": shown(url)})
    try:
        port = parts.port or _DEFAULT_PORTS[scheme]
    except ValueError:
        raise AddressRefused(_("The URL %(url)s has no valid port.")
                             % {"url": shown(url)}) from None
    return scheme, parts.hostname.lower(), port


#: Where host names are looked up: a lookup left behind by its call (past
#: the deadline) ends with the resolver's own timeout, on one of these few
#: threads; while all are busy, the next lookups wait their turn within
#: their own deadlines.
_RESOLVERS = futures.ThreadPoolExecutor(max_workers=4,
                                        thread_name_prefix="mr-resolve")


def _looked_up(host: str, port: int, seconds: float) -> list:
    """``getaddrinfo`` of ``host``, waited for ``seconds`` at most."""
    lookup = _RESOLVERS.submit(socket.getaddrinfo, host, port,
                               type=socket.SOCK_STREAM)
    try:
        return lookup.result(timeout=seconds)
    except futures.TimeoutError:
        lookup.cancel()
        raise AddressRefused(_("The host %(host)s was not resolved in "
                               "time.") % {"host": host}) from None


#: Seconds a lookup outside a guarded call may take.
LOOKUP_SECONDS = 10.0


def checked_address(host: str, port: int,
                    allowed: tuple[addresses.Network, ...] = ()) -> str:
    """The address ``host`` resolves to (looked up within the running
    call's deadline), once every address it resolves to is acceptable
    (:func:`mr_dashboard.api.transport.addresses.acceptable`)."""
    call = _current()
    try:
        infos = _looked_up(host, port, max(call.deadline.left(), 0.001)
                           if call else LOOKUP_SECONDS)
    except (socket.gaierror, UnicodeError):
        raise AddressRefused(_("The host %(host)s is not known.")
                             % {"host": host}) from None
    found = [ipaddress.ip_address(info[4][0].split("%")[0])
             for info in infos]
    if not all(addresses.acceptable(address, allowed) for address in found):
        raise AddressRefused(_(
            "%(host)s is a loopback, link-local or private address: the "
            "dashboard does not call it.")
            % {"host": host})
    return str(found[0])


@dataclass
class _Call:
    """The call running in this thread: its deadline, the networks it may
    reach and what it trusts."""

    deadline: watchdog.Deadline
    networks: tuple[addresses.Network, ...]
    context: ssl.SSLContext | None


_running = threading.local()


def _current() -> _Call | None:
    return getattr(_running, "call", None)


class _Watched:
    """A urllib3 connection handing its socket to the deadline of the
    call using it: when it connects, and at each request (a kept-alive
    connection serves several calls)."""

    sock: socket.socket | None
    timeout: float | None

    def _new_conn(self) -> socket.socket:
        call = _current()
        if call is not None:  # connect within what is left
            left = max(call.deadline.left(), 0.001)
            self.timeout = left if self.timeout is None else min(
                self.timeout, left)
        sock = super()._new_conn()  # type: ignore[misc]
        if call is not None:
            call.deadline.watch(sock)
        return sock

    def request(self, *args, **kwargs):
        call = _current()
        if call is not None and self.sock is not None:
            call.deadline.watch(self.sock)
        return super().request(*args, **kwargs)  # type: ignore[misc]


class _HTTPConnection(_Watched, u3_connection.HTTPConnection):
    pass


class _HTTPSConnection(_Watched, u3_connection.HTTPSConnection):
    pass


class _HTTPPool(u3_pool.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(u3_pool.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


def _seconds(timeout, rules: Rules) -> float:
    """The call's deadline: its timeout (both parts of a (connect, read)
    pair), else the rules' own."""
    if isinstance(timeout, tuple):
        parts = [float(part) for part in timeout if part is not None]
        return sum(parts) if parts else rules.seconds
    return rules.seconds if timeout is None else float(timeout)


class GuardedAdapter(requests.adapters.HTTPAdapter):
    """Sends only to allowed origins and checked addresses, within one
    deadline per call and a size cap per answer.

    ``rules`` is asked at each call (the operator's settings).
    """

    def __init__(self, rules: Callable[[], Rules],
                 origins: frozenset[Origin] | None = None) -> None:
        self.rules, self.origins = rules, origins
        self._redirected = threading.local()
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool,
                                                   "https": _HTTPSPool}

    def build_connection_pool_key_attributes(self, request, verify,
                                             cert=None):
        host_params, pool_kwargs = super(
        ).build_connection_pool_key_attributes(request, verify, cert)
        origin = origin_of(request.url)
        if self.origins is not None and origin not in self.origins:
            raise AddressRefused(_(
                "%(url)s is not one of the URLs given: the check calls no "
                "other address.") % {"url": shown(request.url)})
        call = _current()  # set by send(), the only caller
        host_params["host"] = checked_address(origin[1], origin[2],
                                              call.networks)
        if origin[0] == "https":
            pool_kwargs["server_hostname"] = origin[1]
            pool_kwargs["assert_hostname"] = origin[1]
            if call.context is not None:
                pool_kwargs["ssl_context"] = call.context
        return host_params, pool_kwargs

    def cert_verify(self, conn, url, verify, cert) -> None:
        super().cert_verify(conn, url, verify, cert)
        call = _current()
        if call is not None and call.context is not None:
            # The context alone says what is trusted: no CA bundle added.
            conn.ca_certs = conn.ca_cert_dir = None

    def add_headers(self, request, **kwargs) -> None:
        # The connection goes to an address: name the host it stands for.
        request.headers["Host"] = urlsplit(request.url).netloc.rpartition(
            "@")[2]

    def send(self, request, stream=False, timeout=None, verify=True,
             cert=None, proxies=None) -> requests.Response:
        rules = self.rules()
        context = verify if isinstance(verify, ssl.SSLContext) else None
        deadline = self._deadline(request.url, _seconds(timeout, rules))
        _running.call = _Call(deadline, rules.networks, context)
        try:
            response = super().send(
                request, stream, timeout,
                True if context is not None else verify, cert, proxies)
            self._read(response, rules.max_bytes)
        except requests.RequestException:
            if deadline.passed():
                raise self._late(request.url, deadline) from None
            raise
        finally:
            _running.call = None
            deadline.disarm()
        if deadline.expired:  # cut: what looked like the end was not
            raise self._late(request.url, deadline)
        if response.is_redirect:
            self._redirected.next = (
                urljoin(response.url, response.headers["location"]),
                deadline)
        return response

    def _deadline(self, url: str, seconds: float) -> watchdog.Deadline:
        """A new deadline, or the one of the call that redirected here."""
        came_from = getattr(self._redirected, "next", None)
        self._redirected.next = None
        if came_from is not None and came_from[0] == url:
            return watchdog.arm(came_from[1].seconds, came_from[1].start)
        return watchdog.arm(seconds)

    @staticmethod
    def _late(url: str, deadline: watchdog.Deadline) -> TimeLimit:
        return TimeLimit(_("%(url)s gave no complete answer within "
                           "%(seconds).1f seconds.")
                         % {"url": shown(url), "seconds": deadline.seconds})

    @staticmethod
    def _read(response: requests.Response, limit: int) -> None:
        """Read the answer into ``response.content``, at most ``limit``
        bytes (:class:`SizeLimit` beyond)."""
        body = bytearray()
        try:
            for chunk in response.iter_content(_CHUNK):
                body += chunk
                if len(body) > limit:
                    raise SizeLimit(_(
                        "The answer of %(url)s is larger than %(limit)d "
                        "bytes.") % {"url": shown(response.url),
                                     "limit": limit})
        except BaseException:
            response.close()
            raise
        response._content = bytes(body)  # what requests' .content keeps


def transport(rules: Callable[[], Rules],
              origins: frozenset[Origin] | None = None) -> requests.Session:
    """A requests session through :class:`GuardedAdapter`, ignoring the
    environment (proxies, netrc, CA bundle variables)."""
    session = requests.Session()
    session.trust_env = False
    adapter = GuardedAdapter(rules, origins)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
