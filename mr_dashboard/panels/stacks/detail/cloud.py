"""Actions on a stack of another cloud, routed to that cloud.

The stack belongs to its parent in the user's own cloud: the parent's
OS::Heat::Stack resource created it and updates or deletes it with the
parent. :class:`CheckView` starts Heat's check over there;
:class:`DeleteView` deletes it only after a page saying so (the parent then
names a stack that is gone, until it is updated or deleted itself).
Updating is offered on the parent (the page links to its update), which is
where the child's template lives, and, after the same warning, as a change
of the stack's parameters over there (:mod:`.cloud_update`). Each action
keeps Heat's policy rule, and acts only on a stack bound to the parent
the URL names (:func:`.places.stack_place`; otherwise back to the parent
with the reason).
"""

from django import http
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import generic

from horizon import exceptions
from horizon import messages

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api import other_cloud
from mr_dashboard.api.place import StackPlace
from mr_dashboard.panels.stacks.detail import places
from mr_dashboard.panels.shared.stack_urls import stack_page
from mr_dashboard.panels.shared.policy import PolicyRequired

DELETE_TEMPLATE = "project/mr_stacks/detail/cloud_delete.html"


class _CloudAction(PolicyRequired, places.StackPage, generic.View):
    """A POST acting on the stack over there, then back to a page with
    what happened (never a 5xx: a cloud out of reach is told)."""

    http_method_names = ["post"]
    done = ""

    def stack_call(self, place: StackPlace, stack_id: str) -> None:
        """The action, through Heat in the stack's cloud and region."""
        raise NotImplementedError

    def after(self, kwargs: dict) -> str:
        """Where the browser goes next."""
        return places.page_here(constants.STACK_DETAIL_URL, kwargs)

    def refused_url(self) -> str:
        return places.page_here(constants.STACK_DETAIL_URL, self.kwargs)

    def reach(self, request, kwargs: dict) -> tuple[StackPlace, str]:
        """The place and id of the stack the URL names; a redirect
        (Horizon's Http302) back to the parent when it is not the
        parent's, or to its page when it is out of reach, with why."""
        try:
            return self.stack_place()
        except places.NotBound as exc:
            raise exceptions.Http302(places.refuse(request, kwargs,
                                                   exc)) from None
        except places.UNREACHED as exc:
            self.unreached(request, kwargs, exc)

    def unreached(self, request, kwargs: dict, exc: Exception) -> None:
        """Back to the stack's page, saying why its cloud failed."""
        messages.error(request, gettext(
            "%(region)s cannot be reached: %(why)s") % {
            "region": other_cloud.region_label(kwargs["cloud_region"]),
            "why": places.error_of(exc, request).message})
        raise exceptions.Http302(places.page_here(
            constants.STACK_DETAIL_URL, kwargs)) from None

    def post(self, request, **kwargs) -> http.HttpResponse:
        place, stack_id = self.reach(request, kwargs)
        try:
            self.stack_call(place, stack_id)
        except places.UNREACHED as exc:
            self.unreached(request, kwargs, exc)
        messages.success(request, self.done % {
            "region": other_cloud.region_label(kwargs["cloud_region"])})
        return http.HttpResponseRedirect(self.after(kwargs))


class CheckView(_CloudAction):
    """Start Heat's check of the stack, in its own cloud."""

    policy_rules = constants.STACK_CHECK_POLICY
    done = _("Started checking the stack in %(region)s.")

    def stack_call(self, place: StackPlace, stack_id: str) -> None:
        heat.stack_check(place.request, place.region, stack_id)


class DeleteView(_CloudAction):
    """GET: what deleting the stack does to its parent; POST: delete it,
    in its own cloud, and go back to the parent."""

    http_method_names = ["get", "post"]
    policy_rules = constants.STACK_DELETE_POLICY
    done = _("Started deleting the stack in %(region)s. Its parent still "
             "names it until the parent is updated or deleted.")

    def stack_call(self, place: StackPlace, stack_id: str) -> None:
        heat.stack_delete(place.request, place.region, stack_id)

    def after(self, kwargs: dict) -> str:
        return stack_page(kwargs["region"], kwargs["stack_id"])

    def get(self, request, **kwargs) -> http.HttpResponse:
        self.reach(request, kwargs)
        return render(request, DELETE_TEMPLATE, {
            "page_title": _("Delete a stack of another cloud"),
            "region": other_cloud.region_label(kwargs["cloud_region"]),
            "stack_id": kwargs["cloud_stack_id"],
            "resource": kwargs["resource"],
            "parent_url": stack_page(kwargs["region"], kwargs["stack_id"]),
            "update_parent_url": reverse(constants.STACK_UPDATE_URL, args=(
                kwargs["region"], kwargs["stack_id"])),
            "back_url": places.page_here(constants.STACK_DETAIL_URL, kwargs),
            "delete_url": places.page_here(constants.CLOUD_STACK_DELETE_URL,
                                           kwargs)})
