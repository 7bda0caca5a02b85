"""Fetch a template (or a file it pulls in) from a URL, safely.

Only http and https, through the plugin's outbound guard
(:mod:`mr_dashboard.api.transport.outbound`): a name that resolves to a
loopback, link-local, private or otherwise non-global address is refused
unless it lies in ``TEMPLATE_URL_ALLOWED_NETWORKS``, and the connection goes
to the address that was checked. Redirects are not followed. The whole fetch
(connecting, the headers, the body) ends at ``TEMPLATE_URL_TIMEOUT`` however
slowly the server sends, and the body is cut at ``TEMPLATE_MAX_BYTES`` (or
sooner and smaller: what a launch has left, see
:mod:`mr_dashboard.hot.resolve`).
"""

import requests
from django.utils.translation import gettext as _

from mr_dashboard import conf
from mr_dashboard.api.transport import outbound
from mr_dashboard.hot.parse import TemplateError


class UrlRefused(TemplateError):
    """A URL the plugin will not fetch, or whose fetch failed."""


def fetch(url: str, max_bytes: int | None = None,
          seconds: float | None = None) -> bytes:
    """The content at ``url`` (at most ``max_bytes``, within ``seconds``,
    never more than ``TEMPLATE_MAX_BYTES`` and ``TEMPLATE_URL_TIMEOUT``),
    or :class:`UrlRefused` saying why not."""
    limit = conf.template_max_bytes()
    if max_bytes is not None:
        limit = min(limit, max_bytes)
    timeout = conf.template_url_timeout()
    if seconds is not None:
        timeout = min(timeout, seconds)

    def rules() -> outbound.Rules:
        return outbound.Rules(conf.template_url_allowed_networks(), limit,
                              timeout)

    try:
        outbound.origin_of(url)
        with outbound.transport(rules) as session:
            response = session.get(url, allow_redirects=False,
                                   timeout=timeout)
    except outbound.SizeLimit:
        raise UrlRefused(_("The file is larger than %(limit)d bytes.")
                         % {"limit": limit}, url) from None
    except outbound.TimeLimit:
        raise UrlRefused(_("The file could not be fetched within "
                           "%(seconds).1f seconds.")
                         % {"seconds": timeout}, url) from None
    except outbound.OutboundError as exc:
        raise UrlRefused(str(exc), url) from None
    except requests.RequestException as exc:
        raise UrlRefused(_("The file could not be fetched: %(why)s.")
                         % {"why": type(exc).__name__}, url) from None
    if response.status_code != 200:
        raise UrlRefused(_("The server answered HTTP %(status)d.")
                         % {"status": response.status_code}, url)
    return response.content
