"""openstacksdk connections to one region, on the user's session.

The IaaS modules (:mod:`~mr_dashboard.api.compute`,
:mod:`~mr_dashboard.api.image`, :mod:`~mr_dashboard.api.network`,
:mod:`~mr_dashboard.api.block_storage`) call the services through
openstacksdk, which finds each endpoint in the user's catalog by service
type and its aliases (``block-storage`` is also ``volumev3``...) in the
region asked for, and reads every page of a listing.
"""

from dataclasses import dataclass

from openstack import connection

from horizon.utils.memoized import memoized

from mr_dashboard import conf
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.regions import region_named
from mr_dashboard.api.session import APP_NAME
from mr_dashboard.api.session import catalog_session


@dataclass(frozen=True)
class Named:
    """Something a region holds, by id and name."""

    region: str
    id: str
    name: str


@memoized
def region_connection(request: ApiRequest,
                      region: str) -> connection.Connection:
    """A connection to ``region``'s services, memoized per request."""
    return connection.Connection(
        session=catalog_session(request), region_name=region,
        interface=conf.endpoint_interfaces()[0],
        api_timeout=conf.region_timeout(), app_name=APP_NAME)


def region_offers(request: ApiRequest, region: str,
                  service_type: str) -> bool:
    """Whether ``region``'s catalog has ``service_type`` under any of its
    official aliases."""
    return region_named(request, region).url_for(service_type) is not None


def page_size() -> dict:
    """The ``limit`` of every listing (the sdk reads every page)."""
    return {"limit": conf.picker_page_size()}


def named(region: str, items) -> list[Named]:
    """``items`` of an sdk listing as :class:`Named`, every page read."""
    return [Named(region, str(item.id), item.name or "") for item in items]
