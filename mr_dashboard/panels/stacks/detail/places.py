"""Which stack a detail URL names, and where it lives.

A stack of the user's own cloud is named by its region and id; a stack of
another cloud by the gateway it is reached through (the holding stack's
region and id and its OS::Heat::Stack resource) and its region and id in
that cloud. :func:`stack_place` turns the URL's arguments into a
:class:`~mr_dashboard.api.place.StackPlace` and the stack's id, so every
view and tab of the detail works for both. A cloud that cannot be reached
becomes a :class:`~..region_problem.RegionProblem`, shown the way the
Stacks page shows a region that is down. A stack of another
cloud not bound to the parent the URL names (:class:`NotBound`, checked
before any call about it) is refused: :func:`refuse` tells why and
leads back to the parent.
"""

from django.urls import reverse
from django.utils.translation import gettext
from keystoneauth1 import exceptions as ksa_exc

from horizon import exceptions
from horizon import messages
from horizon.utils.memoized import memoized_method

from mr_dashboard import constants
from mr_dashboard import exceptions as mr_exceptions
from mr_dashboard.api import heat
from mr_dashboard.api import other_cloud
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.place import NotBound
from mr_dashboard.api.place import StackPlace
from mr_dashboard.api.place import cloud_place
from mr_dashboard.api.place import own_place
from mr_dashboard.exceptions import MalformedAnswer
from mr_dashboard.panels.shared.stack_urls import page_via
from mr_dashboard.panels.shared.stack_urls import stack_page
from mr_dashboard.panels.stacks.region_problem import RegionProblem

__all__ = ["NotBound", "StackPage", "UNREACHED", "error_of",
           "in_other_cloud", "page_here", "problem_of", "refuse",
           "stack_detail", "stack_place"]

#: What reaching a stack of another cloud may fail with: the holding
#: stack's calls, the gateway (NotBound among its errors), the other cloud
#: (all told, none fatal).
UNREACHED = ((other_cloud.CloudUnavailable, other_cloud.NoGateway,
              ksa_exc.ClientException) + mr_exceptions.NOT_FOUND
             + mr_exceptions.RECOVERABLE + mr_exceptions.UNAUTHORIZED)


def in_other_cloud(kwargs: dict) -> bool:
    """Whether the URL names a stack of another cloud."""
    return "resource" in kwargs


class StackPage:
    """Mixin of every view of one stack's pages: the stack the URL names,
    resolved once into its place and id (:func:`stack_place`), whichever
    cloud it lives in. Each view says how a failure reads on its page."""

    @memoized_method
    def stack_place(self) -> tuple[StackPlace, str]:
        """``(StackPlace, stack id)`` of the URL; raises :class:`NotBound`
        or one of :data:`UNREACHED` for a stack of another cloud."""
        return stack_place(self.request, self.kwargs)


def page_here(url_name: str, kwargs: dict, extra: tuple = ()) -> str:
    """The page ``url_name`` of the stack the URL (``kwargs``) names, in
    its own cloud (ids the URL already carried: always a URL)."""
    if not in_other_cloud(kwargs):
        return page_via(url_name, (), kwargs["region"], kwargs["stack_id"],
                        extra)
    return page_via(url_name, (kwargs["region"], kwargs["stack_id"],
                               kwargs["resource"]), kwargs["cloud_region"],
                    kwargs["cloud_stack_id"], extra)


def stack_place(request, kwargs: dict) -> tuple[StackPlace, str]:
    """The place and the id of the stack the URL names (see the module);
    for another cloud, raises one of :data:`UNREACHED`, :class:`NotBound`
    when the stack is not its parent's."""
    if not in_other_cloud(kwargs):
        return own_place(request, kwargs["region"]), kwargs["stack_id"]
    return (cloud_place(request, kwargs["region"], kwargs["stack_id"],
                        kwargs["resource"], kwargs["cloud_region"],
                        kwargs["cloud_stack_id"]),
            kwargs["cloud_stack_id"])


def stack_detail(request, place: StackPlace,
                 stack_id: str) -> heat.StackDetail:
    """The stack a page shows. In another cloud exactly the one the URL
    names (its binding was proven for that id; its pages use it), or one
    of :data:`UNREACHED`; in the user's own cloud a failure goes back to
    the Stacks page with the reason (Horizon's handling)."""
    try:
        detail = heat.stack_show(place.request, place.region, stack_id,
                                 resolve_outputs=False)
    except Exception:
        if place.gateway is not None:
            raise
        exceptions.handle(
            request, gettext("Unable to retrieve stack %(id)s of "
                             "%(region)s.") % {"id": stack_id,
                                               "region": place.region},
            redirect=reverse(constants.STACKS_INDEX_URL))
    if place.gateway is not None and detail.stack.id != stack_id:
        raise MalformedAnswer(gettext("another stack than the one asked "
                                      "for"))
    return detail


def refuse(request, kwargs: dict, exc: NotBound) -> str:
    """Say why the stack of another cloud the URL names is not shown (it
    is not its parent's), and return where to go: the parent's page."""
    messages.error(request, str(exc))
    return (stack_page(kwargs["region"], kwargs["stack_id"])
            or reverse(constants.STACKS_INDEX_URL))


def error_of(exc: Exception, request) -> RegionError:
    """The RegionError standing for a failure of :data:`UNREACHED`."""
    if isinstance(exc, other_cloud.CloudUnavailable):
        return exc.error()
    if isinstance(exc, other_cloud.NoGateway):
        return RegionError(constants.KIND_OTHER_CLOUD, str(exc))
    error = RegionError.from_exception(exc, (request.user.token.id,))
    if isinstance(exc, ksa_exc.SSLError):
        # A call into that cloud, with a token obtained before: its
        # certificate is no longer one the parent's context trusts.
        return RegionError(error.kind, gettext(
            "The certificate of the other cloud is not trusted (the "
            "parent's ca_cert did not sign it): %(why)s")
            % {"why": error.message})
    return error


def problem_of(exc: Exception, request, region: str,
               elapsed: float) -> RegionProblem:
    """The banner's line for a stack of another cloud out of reach."""
    error = error_of(exc, request)
    return RegionProblem(other_cloud.region_label(region), error.kind,
                         str(error.label), error.message, elapsed)
