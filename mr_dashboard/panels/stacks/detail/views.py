"""Views of one stack's detail, in its own region and cloud.

:class:`DetailView` is the tabbed page; it reads only the stack itself, so
it renders at once. Its script then asks :class:`TreeView` for the whole
tree (the tree list's HTML and the picture's data), again and again while
anything in the tree is in progress, and :class:`LineageView` once for the
way up to the root. The same views show a stack of another cloud, reached
through the gateway its URL names (:mod:`.places`); a cloud out of reach is
reported like a region that is down.
"""

import time

from django.http import JsonResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import generic
from django.views.decorators.cache import never_cache

from horizon import tabs
from horizon.utils.memoized import memoized_method

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard import permission
from mr_dashboard.api import heat
from mr_dashboard.api import other_cloud
from mr_dashboard.api.stacks.lineage import paced_lineage
from mr_dashboard.api.stacks.lineage import stack_lineage
from mr_dashboard.api.tree.late import budget
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree
from mr_dashboard.api.tree.templates import tree_templates
from mr_dashboard.api.tree.walk import stack_tree
from mr_dashboard.panels.stacks.detail import topology
from mr_dashboard.panels.stacks.detail import places
from mr_dashboard.panels.shared import drift_results
from mr_dashboard.panels.shared.stack_urls import page_of
from mr_dashboard.panels.shared.stack_urls import stack_page
from mr_dashboard.panels.stacks.detail.tabs import StackDetailTabs

TREE_NODES_TEMPLATE = "project/mr_stacks/detail/_tree_nodes.html"
UNREACHED_TEMPLATE = "project/mr_stacks/detail/unreached.html"


def _identifier(request, stack_id: str) -> str:
    """``name/id`` when the page passed the name (no redirect in Heat)."""
    name = request.GET.get("name", "")
    return f"{name}/{stack_id}" if name else stack_id


class DetailView(places.StackPage, tabs.TabbedTableView):
    """A stack's tabs, its region (and cloud), and the URLs its script
    polls."""

    tab_group_class = StackDetailTabs
    template_name = "project/mr_stacks/detail/detail.html"
    page_title = "{{ stack.name }}"

    def get(self, request, *args, **kwargs):
        started = time.monotonic()
        try:
            self.get_data()
        except places.NotBound as exc:
            return redirect(places.refuse(request, kwargs, exc))
        except places.UNREACHED as exc:
            return self.unreached(exc, time.monotonic() - started)
        return super().get(request, *args, **kwargs)

    def unreached(self, exc: Exception, elapsed: float):
        """The page of a stack of another cloud out of reach: the problem
        as a region that is down, and the way back to its parent."""
        kwargs = self.kwargs
        return render(self.request, UNREACHED_TEMPLATE, {
            "page_title": kwargs["cloud_stack_id"],
            "region_problems": [places.problem_of(
                exc, self.request, kwargs["cloud_region"], elapsed)],
            "parent_url": stack_page(kwargs["region"], kwargs["stack_id"]),
            "resource": kwargs["resource"]})

    @memoized_method
    def get_data(self) -> heat.StackDetail:
        place, stack_id = self.stack_place()
        return places.stack_detail(self.request, place, stack_id)

    def get_tabs(self, request, **kwargs):
        return super().get_tabs(request, detail=self.get_data(),
                                place=self.stack_place()[0], **kwargs)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        stack = self.get_data().stack
        place, stack_id = self.stack_place()
        gateway = place.gateway
        # The pages of the stack the URL named (its parts fit a URL; the
        # answer's own id may not).
        query = "?" + urlencode({"name": stack.name})

        def page(url_name: str) -> str:
            return page_of(url_name, place.region, stack_id, gateway)

        context.update(
            stack=stack, gateway=gateway,
            tree_url=page(constants.STACK_TREE_URL) + query,
            lineage_url=page(constants.STACK_LINEAGE_URL) + query,
            refresh_seconds=conf.tree_refresh_seconds(),
            url=reverse(constants.STACKS_INDEX_URL))
        if gateway is not None:
            parent = (self.kwargs["region"], self.kwargs["stack_id"])
            context.update(
                cloud=_("another cloud"),
                cloud_region=other_cloud.region_label(stack.region),
                parent_url=stack_page(*parent),
                update_parent_url=reverse(constants.STACK_UPDATE_URL,
                                          args=parent),
                can_check=permission.allows(self.request,
                                            constants.STACK_CHECK_POLICY),
                can_delete=permission.allows(self.request,
                                             constants.STACK_DELETE_POLICY),
                can_update=permission.allows(self.request,
                                             constants.STACK_UPDATE_POLICY),
                can_patch=permission.allows(self.request,
                                            constants.STACK_PATCH_POLICY),
                cloud_update_url=page(constants.CLOUD_STACK_UPDATE_URL),
                check_url=page(constants.CLOUD_STACK_CHECK_URL),
                delete_url=page(constants.CLOUD_STACK_DELETE_URL))
        return context


def _walk(view: places.StackPage) -> StackTree:
    """The tree of the stack the URL names; for another cloud a tree whose
    root keeps why its gateway could not be read."""
    request, kwargs = view.request, view.kwargs
    name = request.GET.get("name", "")
    try:
        place, stack_id = view.stack_place()
    except places.UNREACHED as exc:
        return StackTree(StackNode(
            region=kwargs["cloud_region"], id=kwargs["cloud_stack_id"],
            name=name, kind=constants.NODE_ROOT, cloud=kwargs["resource"],
            error=places.error_of(exc, request)))
    return stack_tree(request, place.region, stack_id, name,
                      gateway=place.gateway, paced=True)


@method_decorator(never_cache, name="dispatch")
class TreeView(places.StackPage, generic.View):
    """``{in_progress, late, html, graph}``: the whole tree, walked now
    within the page's budget (late branches marked, filled in by a later
    answer: :mod:`mr_dashboard.api.tree.late`)."""

    http_method_names = ["get"]

    def get(self, request, **kwargs) -> JsonResponse:
        tree = _walk(self)
        view = topology.tree_view(tree,
                                  drift_results.statuses(request, kwargs),
                                  tree_templates(request, tree,
                                                 budget(request)))
        return JsonResponse({
            "in_progress": view["in_progress"],
            "late": view["late"],
            "html": render_to_string(TREE_NODES_TEMPLATE,
                                     {"node": view["root"]}, request),
            "graph": view["graph"],
        })


def _crumbs(stacks, gateway=None) -> list[dict]:
    """The way up's items; ``gateway``: stacks of the cloud it leads to."""
    return [{"name": found.name,
             "url": stack_page(found.region, found.id, gateway),
             "region": (other_cloud.region_label(found.region) if gateway
                        else found.region),
             "cloud": gateway is not None}
            for found in stacks]


@method_decorator(never_cache, name="dispatch")
class LineageView(places.StackPage, generic.View):
    """``{ancestors: [{name, region, url, cloud}], errors: [text], late:
    [region], late_url}``, root first: for a stack of another cloud, its
    parent's way up in the user's own cloud, its parent, then its
    ancestors over there. A stack of the user's own cloud is climbed
    within the page's budget: a late region's stacks are not on the way
    up yet, and ``late_url`` (this view with the follow-up's key) gives
    it again once they came."""

    http_method_names = ["get"]

    def get(self, request, **kwargs) -> JsonResponse:
        ancestors, errors, late_url = [], {}, ""
        try:
            place, stack_id = self.stack_place()
            gateway = place.gateway
            if gateway is not None:
                holder = heat.stack_get(request, gateway.region,
                                        gateway.identifier)
                up = stack_lineage(request, holder)
                ancestors += _crumbs(up.ancestors + (holder,))
                errors.update(up.errors)
            stack = heat.stack_get(place.request, place.region,
                                   _identifier(request, stack_id))
            if gateway is None:
                # An unknown or expired key: climbed afresh.
                lineage = (paced_lineage(place.request, stack,
                                         request.GET.get("late", ""))
                           or paced_lineage(place.request, stack))
                late_url = lineage.late_key and self.late_url(
                    lineage.late_key)
            else:
                lineage = stack_lineage(place.request, stack)
        except places.UNREACHED as exc:
            error = places.error_of(exc, request)
            return JsonResponse({"ancestors": ancestors,
                                 "errors": [error.message], "late": [],
                                 "late_url": ""})
        ancestors += _crumbs(lineage.ancestors, gateway)
        errors.update(lineage.errors)
        return JsonResponse({
            "ancestors": ancestors,
            "errors": [f"{name}: {error.message}"
                       for name, error in errors.items()
                       if error.kind != constants.KIND_LATE],
            "late": list(lineage.late),
            "late_url": late_url,
        })

    def late_url(self, key: str) -> str:
        """This view's URL asking for the late regions of ``key``."""
        query = {**self.request.GET.dict(), "late": key}
        return f"{self.request.path}?{urlencode(query)}"
