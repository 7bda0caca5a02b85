"""The Timeline tab of a stack's detail: the tree's latest events on a time
axis, one lane per stack, coloured by region (as CloudFormation's console
draws a stack's events).

The tab is an empty element; ``mr_dashboard.stack_timeline.js`` asks
:class:`TimelineView` for the data when the tab is shown (and again every
second while a branch is late) and draws it with Horizon's d3, every text
from the cloud as a text node. A stack of another
cloud has its timeline too: the view reaches it through its gateway
(:mod:`~mr_dashboard.panels.stacks.detail.places`).
"""

from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import generic
from django.views.decorators.cache import never_cache

from horizon import tabs

from mr_dashboard import constants
from mr_dashboard.api import other_cloud
from mr_dashboard.api.heat.status import split_status
from mr_dashboard.api.tree.events import tree_events
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.walk import stack_tree
from mr_dashboard.panels.stacks.detail import places
from mr_dashboard.panels.shared.stack_urls import page_of

#: How many of the tree's latest events the picture shows.
TIMELINE_EVENTS = 300


def _region_key(node: StackNode) -> str:
    """The colour's key: the region, told apart for another cloud."""
    return other_cloud.region_label(node.region) if node.cloud \
        else node.region


def timeline(tree, events) -> dict:
    """The picture's data: lanes (stacks in tree order), regions, events,
    and the regions answering slowly for a branch (its events to come)."""
    lanes = [node for node in tree.nodes() if node.id]
    by_id = {node.id: node for node in lanes}
    return {
        "late": sorted({node.late for node in tree.late_nodes}),
        "lanes": [{"key": node.key, "name": node.name or node.parent_resource,
                   "region": _region_key(node), "kind": node.kind}
                  for node in lanes],
        "regions": sorted({_region_key(node) for node in lanes}),
        "events": [{"lane": by_id[event.stack_id].key,
                    "time": event.time.isoformat(),
                    "resource": event.resource_name,
                    "status": event.status,
                    "state": split_status(event.status)[1].lower(),
                    "reason": event.status_reason}
                   for event in events
                   if event.time and event.stack_id in by_id],
    }


@method_decorator(never_cache, name="dispatch")
class TimelineView(places.StackPage, generic.View):
    """``{lanes, regions, events, late}``: the tree's latest events, the
    tree walked within the page's budget (a late branch's events come in
    a later answer: the script asks again while ``late`` names a
    region)."""

    http_method_names = ["get"]

    def get(self, request, **kwargs) -> JsonResponse:
        try:
            place, stack_id = self.stack_place()
        except places.UNREACHED as exc:
            return JsonResponse({"lanes": [], "regions": [], "events": [],
                                 "error": places.error_of(exc,
                                                          request).message})
        tree = stack_tree(request, place.region, stack_id,
                          request.GET.get("name", ""), gateway=place.gateway,
                          paced=True)
        page = tree_events(request, tree, TIMELINE_EVENTS)
        return JsonResponse(timeline(tree, page.events))


class TimelineTab(tabs.Tab):
    name = _("Timeline")
    slug = "timeline"
    template_name = "project/mr_stacks/detail/_timeline.html"
    policy_rules = constants.EVENTS_INDEX_POLICY

    def get_context_data(self, request, **kwargs) -> dict:
        stack = self.tab_group.kwargs["detail"].stack
        place = self.tab_group.kwargs.get("place")
        url = page_of(constants.STACK_TIMELINE_URL, stack.region, stack.id,
                      place.gateway if place else None)
        return {"timeline_url": url and url + "?" + urlencode(
            {"name": stack.name})}
