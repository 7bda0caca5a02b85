"""Fetch a template (or a file it pulls in) from a URL, safely.

Only http and https. The host is resolved once; unless the operator allows
it (``TEMPLATE_URL_ALLOW_PRIVATE``), a name that resolves to a loopback,
link-local, private or otherwise non-global address is refused, and the
connection then goes to the address that was checked (a second DNS answer
cannot slip in another). Redirects are not followed, the body is cut at
``TEMPLATE_MAX_BYTES`` and the whole fetch at ``TEMPLATE_URL_TIMEOUT``.
"""

import ipaddress
import socket
import time
from urllib.parse import urlsplit

import certifi
import urllib3
from django.utils.translation import gettext as _

from mr_dashboard import conf
from mr_dashboard.hot.parse import TemplateError

_CHUNK = 65536


class UrlRefused(TemplateError):
    """A URL the plugin will not fetch, or whose fetch failed."""


def _address(host: str, port: int, url: str) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise UrlRefused(_("The host %(host)s is not known.")
                         % {"host": host}, url) from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0])
                 for info in infos]
    for address in addresses:
        plain = getattr(address, "ipv4_mapped", None) or address
        if not plain.is_global and not conf.template_url_allow_private():
            raise UrlRefused(_("%(host)s is a loopback, link-local or "
                               "private address: such URLs are not "
                               "fetched.") % {"host": host}, url)
    return str(addresses[0])


def _pool(parts, address: str, port: int, timeout: float):
    kwargs = {"timeout": urllib3.Timeout(connect=timeout, read=timeout),
              "retries": False, "maxsize": 1}
    if parts.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address, port, server_hostname=parts.hostname,
            assert_hostname=parts.hostname, cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(), **kwargs)
    return urllib3.HTTPConnectionPool(address, port, **kwargs)


def _read(response, url: str, deadline: float) -> bytes:
    limit, body = conf.template_max_bytes(), bytearray()
    for chunk in response.stream(_CHUNK):
        body += chunk
        if len(body) > limit:
            raise UrlRefused(_("The file is larger than %(limit)d bytes.")
                             % {"limit": limit}, url)
        if time.monotonic() > deadline:
            raise UrlRefused(_("The fetch took too long."), url)
    return bytes(body)


def fetch(url: str) -> bytes:
    """The content at ``url``, or :class:`UrlRefused` saying why not."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UrlRefused(_("Only http and https URLs can be fetched."), url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _address(parts.hostname, port, url)
    timeout = conf.template_url_timeout()
    deadline = time.monotonic() + timeout
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    pool = _pool(parts, address, port, timeout)
    try:
        response = pool.urlopen("GET", path, redirect=False,
                                preload_content=False,
                                headers={"Host": parts.netloc.rpartition(
                                    "@")[2]})
        try:
            if response.status != 200:
                raise UrlRefused(_("The server answered HTTP %(status)d.")
                                 % {"status": response.status}, url)
            return _read(response, url, deadline)
        finally:
            response.release_conn()
    except urllib3.exceptions.HTTPError as exc:
        raise UrlRefused(_("The file could not be fetched: %(why)s.")
                         % {"why": type(exc).__name__}, url) from None
    finally:
        pool.close()
