"""The one builder of a stack page's URL, for every panel that links to a
stack: in the user's own cloud, or in another cloud under the gateway it
is reached through (the holding stack's region and id and its
OS::Heat::Stack resource: nothing secret in the URL; the patterns are in
``panels/stacks/detail/urls.py``). Made with
:func:`~mr_dashboard.safe_reverse.safe_reverse`: an id no URL can carry
makes no link (None), never an error.
"""

from mr_dashboard import constants
from mr_dashboard.api.other_cloud import Gateway
from mr_dashboard.safe_reverse import safe_reverse


def page_of(url_name: str, region: str, stack_id: str,
            gateway: Gateway | None = None,
            extra: tuple = ()) -> str | None:
    """The page ``url_name`` of stack ``stack_id`` of ``region``, in the
    cloud ``gateway`` leads to (None: the user's own); ``extra``: the
    URL's further args. None when one of them cannot be part of a URL."""
    return page_via(url_name, (gateway.region, gateway.stack_id,
                               gateway.resource) if gateway else (),
                    region, stack_id, extra)


def page_via(url_name: str, via: tuple[str, ...], region: str,
             stack_id: str, extra: tuple = ()) -> str | None:
    """The one place a stack's page is made: ``via`` is the holding
    stack's region and id and its OS::Heat::Stack resource for a stack of
    another cloud (its URL starts with them), () for the user's own
    cloud."""
    return safe_reverse(url_name, tuple(via) + (region, stack_id) + extra)


def stack_page(region: str, stack_id: str,
               gateway: Gateway | None = None) -> str | None:
    """The detail page of a stack, in its own region (and cloud)."""
    return page_of(constants.STACK_DETAIL_URL, region, stack_id, gateway)
