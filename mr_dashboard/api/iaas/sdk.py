"""openstacksdk connections to one region, on the user's session.

The IaaS modules (:mod:`~mr_dashboard.api.iaas.compute`,
:mod:`~mr_dashboard.api.iaas.image`, :mod:`~mr_dashboard.api.iaas.network`,
:mod:`~mr_dashboard.api.iaas.block_storage`) call the services through
openstacksdk, which finds each endpoint in the user's catalog by service
type and its aliases (``block-storage`` is also ``volumev3``...) in the
region asked for, and reads every page of a listing.
"""

import itertools
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from keystoneauth1 import session
from openstack import connection
from openstack import exceptions

from horizon.utils.memoized import memoized

from mr_dashboard import conf
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.regions import region_named
from mr_dashboard.api.transport.session import APP_NAME
from mr_dashboard.api.transport.session import catalog_session
from mr_dashboard.exceptions import UnknownRegion

#: Most discovery documents kept (the user's catalog has a few endpoints
#: per region; other clouds' catalogs add theirs).
DISCOVERY_KEPT = 512


class _Kept(dict):
    """A dict keeping its newest :data:`DISCOVERY_KEPT` entries (the
    request threads of a worker share it)."""

    _lock = threading.Lock()

    def __setitem__(self, key: str, value: Any) -> None:
        with self._lock:
            self.pop(key, None)
            super().__setitem__(key, value)
            while len(self) > DISCOVERY_KEPT:
                self.pop(next(iter(self)), None)


#: keystoneauth's version discovery documents, by endpoint URL, shared by
#: every request of this process: what versions an endpoint speaks is the
#: same for every user, so each endpoint is asked once per process instead
#: of once per request and service. Nothing a region *holds* is kept; the
#: endpoints of other clouds (a user's choice) count against
#: :data:`DISCOVERY_KEPT`, the oldest going first.
DISCOVERY: dict[str, Any] = _Kept()


@dataclass(frozen=True)
class Named:
    """Something a region holds, by id and name."""

    region: str
    id: str
    name: str


@memoized
def _sdk_session(request: ApiRequest) -> session.Session:
    """The user's catalog session with the shared :data:`DISCOVERY`."""
    base = catalog_session(request)
    return session.Session(
        auth=base.auth, session=base.session, verify=base.verify,
        timeout=base.timeout, connect_retries=0, app_name=APP_NAME,
        discovery_cache=DISCOVERY)


@memoized
def region_connection(request: ApiRequest,
                      region: str) -> connection.Connection:
    """A connection to ``region``'s services, memoized per request."""
    return connection.Connection(
        session=_sdk_session(request), region_name=region,
        interface=conf.endpoint_interfaces()[0],
        api_timeout=conf.region_timeout(), app_name=APP_NAME)


def region_offers(request: ApiRequest, region: str,
                  service_type: str) -> bool:
    """Whether ``region``'s catalog has ``service_type`` under any of its
    official aliases (a region the catalog lacks has none)."""
    try:
        found = region_named(request, region)
    except UnknownRegion:
        return False
    return found.url_for(service_type) is not None


def page_size() -> dict:
    """The ``limit`` of every listing (the sdk reads every page)."""
    return {"limit": conf.picker_page_size()}


#: Most items one listing reads (its pages are read one after the
#: other): another cloud is a user's choice, and a listing whose pages
#: never end would grow a worker's memory until its thread ends.
MAX_LISTED = 10000


def listed(items: Iterable) -> Iterable:
    """The first :data:`MAX_LISTED` items of an sdk listing (its later
    pages are never asked)."""
    return itertools.islice(items, MAX_LISTED)


def named(region: str, items) -> list[Named]:
    """``items`` of an sdk listing as :class:`Named`, every page read (at
    most :data:`MAX_LISTED` items)."""
    return [Named(region, str(item.id), item.name or "")
            for item in listed(items)]


def zones(region: str, items: Iterable,
          available: Callable[[Any], bool]) -> list[Named]:
    """The ``available`` availability zones of a listing as
    :class:`Named` (a zone has no id but its name)."""
    return [Named(region, zone.name, zone.name)
            for zone in listed(items) if zone.name and available(zone)]


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def find_named(region: str, get: Callable[[str], Any],
               listing: Callable[..., Iterable], value: str,
               keep: Callable[[Any], bool] = lambda item: True
               ) -> list[Named]:
    """What ``value`` names in ``region``, as Heat's finders find it: the
    item with that id (``get``, asked when ``value`` is a UUID), else the
    items with that name (``listing(name=value)``: a filtered call, not
    every page); ``keep`` leaves out the items that do not count."""
    if _is_uuid(value):
        try:
            item = get(value)
        except exceptions.NotFoundException:
            item = None
        if item is not None and keep(item):
            return named(region, [item])
    return named(region, [item for item in listed(listing(name=value))
                          if keep(item)])
