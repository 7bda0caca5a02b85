"""Fetch a template (or a file it pulls in) from a URL, safely.

Only http and https, through the plugin's outbound guard
(:mod:`mr_dashboard.api.outbound`): unless the operator allows it
(``TEMPLATE_URL_ALLOW_PRIVATE``), a name that resolves to a loopback,
link-local, private or otherwise non-global address is refused, and the
connection goes to the address that was checked. Redirects are not
followed, the body is cut at ``TEMPLATE_MAX_BYTES`` and the whole fetch at
``TEMPLATE_URL_TIMEOUT``.
"""

import time

import requests
from django.utils.translation import gettext as _

from mr_dashboard import conf
from mr_dashboard.api import outbound
from mr_dashboard.hot.parse import TemplateError

_CHUNK = 65536


class UrlRefused(TemplateError):
    """A URL the plugin will not fetch, or whose fetch failed."""


def _read(response: requests.Response, url: str, deadline: float) -> bytes:
    limit, body = conf.template_max_bytes(), bytearray()
    for chunk in response.iter_content(_CHUNK):
        body += chunk
        if len(body) > limit:
            raise UrlRefused(_("The file is larger than %(limit)d bytes.")
                             % {"limit": limit}, url)
        if time.monotonic() > deadline:
            raise UrlRefused(_("The fetch took too long."), url)
    return bytes(body)


def fetch(url: str) -> bytes:
    """The content at ``url``, or :class:`UrlRefused` saying why not."""
    try:
        outbound.origin_of(url)
    except outbound.AddressRefused as exc:
        raise UrlRefused(str(exc), url) from None
    timeout = conf.template_url_timeout()
    deadline = time.monotonic() + timeout
    try:
        with outbound.transport(conf.template_url_allow_private) as session:
            with session.get(url, stream=True, allow_redirects=False,
                             timeout=timeout) as response:
                if response.status_code != 200:
                    raise UrlRefused(
                        _("The server answered HTTP %(status)d.")
                        % {"status": response.status_code}, url)
                return _read(response, url, deadline)
    except outbound.AddressRefused as exc:
        raise UrlRefused(str(exc), url) from None
    except requests.RequestException as exc:
        raise UrlRefused(_("The file could not be fetched: %(why)s.")
                         % {"why": type(exc).__name__}, url) from None
