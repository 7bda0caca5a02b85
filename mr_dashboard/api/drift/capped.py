"""The objects of the user's own cloud as drift detection reads them: each
answer within the size another cloud's answers may have.

Every call into another cloud goes through the plugin's one outbound guard
(:mod:`mr_dashboard.api.transport.outbound`, with the credentials' rules of
:mod:`mr_dashboard.api.other_cloud.guard`): it reads each answer whole, up
to ``OTHER_CLOUD_MAX_BYTES``, and fails a larger one (``SizeLimit``), and
openstacksdk's listings stop at
:data:`~mr_dashboard.api.iaas.sdk.MAX_LISTED` items. Drift detection reads
the objects of the user's own cloud as well, listings among them, and an
answer there may be as large: :func:`capped` gives the user's request a
``transport`` through the same guard, with the same cap and, per call, the
plugin's ``REGION_TIMEOUT`` (one deadline for the whole answer). The
addresses it may call are those of the endpoints of the user's catalog
(the operator's own cloud, whatever its addresses are): nothing else, not
even through a redirect. A read over the cap fails like a region that
cannot be reached: its objects are "not known", and the reason is the
guard's ("The answer of <URL> is larger than <cap> bytes.").
"""

import ipaddress
import socket
import threading
from urllib.parse import urlsplit

import requests

from horizon.utils.memoized import memoized

from mr_dashboard import conf
from mr_dashboard.conf import Network
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.contract import ApiUser
from mr_dashboard.api.transport import outbound


class _OwnCloud:
    """The user's request, its calls through the outbound guard."""

    def __init__(self, user: ApiUser) -> None:
        self.user = user
        self.transport: requests.Session = outbound.transport(self.rules)
        self._lock = threading.Lock()
        self._networks: tuple[Network, ...] | None = None

    def rules(self) -> outbound.Rules:
        """The guard's rules, read at each call: the catalog's endpoints,
        another cloud's size cap and the plugin's timeout."""
        return outbound.Rules(self.networks(), conf.other_cloud_max_bytes(),
                              conf.region_timeout())

    def networks(self) -> tuple[Network, ...]:
        """The addresses of the catalog's endpoints, each a network of its
        own (looked up once, in the first call's thread)."""
        with self._lock:
            if self._networks is None:
                self._networks = tuple(_endpoint_networks(
                    self.user.service_catalog))
            return self._networks


def _endpoint_networks(catalog: list[dict]) -> set[Network]:
    """Each address the hosts of ``catalog``'s endpoints resolve to (a
    host that does not resolve is left out: the guard refuses it)."""
    hosts = {urlsplit(str(endpoint.get("url") or "")).hostname
             for service in catalog for endpoint in service.get("endpoints")
             or ()}
    found = set()
    for host in hosts - {None}:
        try:
            infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError):
            continue
        found.update(ipaddress.ip_network(info[4][0].split("%")[0])
                     for info in infos)
    return found


@memoized
def capped(request: ApiRequest) -> ApiRequest:
    """``request`` whose answers are read within the cap (memoized per
    request: one openstacksdk connection per region); a request into
    another cloud is already."""
    if getattr(request, "transport", None) is not None:
        return request
    return _OwnCloud(request.user)
