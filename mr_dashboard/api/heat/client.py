"""The Heat clients of a region, memoized per request.

:func:`heatclient` waits ``REGION_TIMEOUT``; :func:`action_heatclient` waits
``STACK_ACTION_TIMEOUT``, for the calls that reach other regions before
answering. Both talk through the plugin's keystoneauth session
(:mod:`mr_dashboard.api.transport.session`) to the region's catalog endpoint.
"""

from datetime import datetime

from django.utils.dateparse import parse_datetime
from heatclient import client as heat_client

from horizon.utils.memoized import memoized

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.regions import region_named
from mr_dashboard.api.transport.session import endpoint_session

API_VERSION = "1"


def when(value: str | None) -> datetime | None:
    """A time of Heat's JSON, or None."""
    return parse_datetime(value) if value else None


@memoized
def heatclient(request: ApiRequest, region: str) -> heat_client.Client:
    """A Heat client for ``region``, memoized per request."""
    url = region_named(request, region).url_for(constants.ORCHESTRATION)
    return heat_client.Client(API_VERSION, endpoint=url,
                              session=endpoint_session(request, url),
                              connect_retries=0)


@memoized
def action_heatclient(request: ApiRequest,
                      region: str) -> heat_client.Client:
    """A Heat client for the calls that reach other regions before
    answering (a create validates remote children there): it waits
    ``STACK_ACTION_TIMEOUT`` instead of ``REGION_TIMEOUT``."""
    url = region_named(request, region).url_for(constants.ORCHESTRATION)
    session = endpoint_session(request, url, conf.stack_action_timeout())
    return heat_client.Client(API_VERSION, endpoint=url, session=session,
                              connect_retries=0)
