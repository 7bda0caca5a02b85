"""Views of one stack's detail, in its own region.

:class:`DetailView` is the tabbed page; it reads only the stack itself, so
it renders at once. Its script then asks :class:`TreeView` for the whole
tree (the tree list's HTML and the picture's data), again and again while
anything in the tree is in progress, and :class:`LineageView` once for the
way up to the root.
"""

from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import generic
from django.views.decorators.cache import never_cache

from horizon import exceptions
from horizon import tabs
from horizon.utils.memoized import memoized_method

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard import exceptions as mr_exceptions
from mr_dashboard.api import heat
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.stacks.lineage import stack_lineage
from mr_dashboard.api.tree.walk import stack_tree
from mr_dashboard.panels.stacks.detail import topology
from mr_dashboard.panels.stacks.detail.links import stack_page
from mr_dashboard.panels.stacks.detail.tabs import StackDetailTabs

TREE_NODES_TEMPLATE = "project/mr_stacks/detail/_tree_nodes.html"


def _identifier(request, stack_id: str) -> str:
    """``name/id`` when the page passed the name (no redirect in Heat)."""
    name = request.GET.get("name", "")
    return f"{name}/{stack_id}" if name else stack_id


class DetailView(tabs.TabbedTableView):
    """A stack's tabs, its region, and the URLs its script polls."""

    tab_group_class = StackDetailTabs
    template_name = "project/mr_stacks/detail/detail.html"
    page_title = "{{ stack.name }}"

    @memoized_method
    def get_data(self) -> heat.StackDetail:
        region, stack_id = self.kwargs["region"], self.kwargs["stack_id"]
        try:
            return heat.stack_show(self.request, region, stack_id,
                                   resolve_outputs=False)
        except Exception:
            exceptions.handle(
                self.request,
                _("Unable to retrieve stack %(id)s of %(region)s.")
                % {"id": stack_id, "region": region},
                redirect=reverse(constants.STACKS_INDEX_URL))

    def get_tabs(self, request, **kwargs):
        return super().get_tabs(request, detail=self.get_data(), **kwargs)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        stack = self.get_data().stack
        query = "?" + urlencode({"name": stack.name})
        args = (stack.region, stack.id)
        context.update(
            stack=stack,
            tree_url=reverse(constants.STACK_TREE_URL, args=args) + query,
            lineage_url=reverse(constants.STACK_LINEAGE_URL,
                                args=args) + query,
            refresh_seconds=conf.tree_refresh_seconds(),
            url=reverse(constants.STACKS_INDEX_URL))
        return context


@method_decorator(never_cache, name="dispatch")
class TreeView(generic.View):
    """``{in_progress, html, graph}``: the whole tree, walked now."""

    http_method_names = ["get"]

    def get(self, request, region: str, stack_id: str) -> JsonResponse:
        tree = stack_tree(request, region, stack_id,
                          request.GET.get("name", ""))
        view = topology.tree_view(tree)
        return JsonResponse({
            "in_progress": view["in_progress"],
            "html": render_to_string(TREE_NODES_TEMPLATE,
                                     {"node": view["root"]}, request),
            "graph": view["graph"],
        })


@method_decorator(never_cache, name="dispatch")
class LineageView(generic.View):
    """``{ancestors: [{name, region, url}], errors: [text]}``, root first."""

    http_method_names = ["get"]

    def get(self, request, region: str, stack_id: str) -> JsonResponse:
        try:
            stack = heat.stack_get(request, region,
                                   _identifier(request, stack_id))
            lineage = stack_lineage(request, stack)
        except (mr_exceptions.NOT_FOUND + mr_exceptions.RECOVERABLE) as exc:
            error = RegionError.from_exception(exc, (request.user.token.id,))
            return JsonResponse({"ancestors": [], "errors": [error.message]})
        return JsonResponse({
            "ancestors": [{"name": found.name, "region": found.region,
                           "url": stack_page(found.region, found.id)}
                          for found in lineage.ancestors],
            "errors": [f"{name}: {error.message}"
                       for name, error in lineage.errors.items()],
        })
