"""The Drift tab of a stack's page, and its two actions.

Detecting drift reads every resource's object in its own region and cloud
(:mod:`mr_dashboard.api.drift`), so it runs only when asked: "Detect
drift" (:class:`DetectView`) walks the stack's whole tree, compares, and
keeps the result for the page (:mod:`~mr_dashboard.panels.shared.
drift_results`); the tab only shows what was kept, and never waits for a
region. "Bring back to template" (:class:`RepairView`) runs
Heat's update with ``converge`` on the stacks the kept result says
drifted, children first, each in its own region and cloud, after Heat's
preview of that update there; each stack's outcome is told on the page.
Detecting needs Heat's ``stacks:show`` and ``resource:index`` rules,
repairing ``stacks:update_patch`` and ``resource:mark_unhealthy``.
"""

import time

from django import http
from django.middleware.csrf import get_token
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import generic

from horizon import exceptions
from horizon import messages
from horizon import tabs

from mr_dashboard import constants
from mr_dashboard import permission
from mr_dashboard.api import drift
from mr_dashboard.api.tree.walk import stack_tree
from mr_dashboard.panels.shared import drift_results
from mr_dashboard.panels.shared.drift_results import DETECT_POLICY
from mr_dashboard.panels.shared.drift_results import REPAIR_POLICY
from mr_dashboard.panels.shared.drift_results import region_name
from mr_dashboard.panels.shared.policy import PolicyRequired
from mr_dashboard.panels.stacks.detail import places
from mr_dashboard.panels.stacks.detail.outputs_tab import output_text

TAB = "stack_details__drift"
#: A resource's status in words, and its label's colour.
LABELS = {
    drift.IN_SYNC: (_("In sync"), "label-success"),
    drift.MODIFIED: (_("Modified"), "label-warning"),
    drift.DELETED: (_("Deleted"), "label-danger"),
    drift.NOT_CHECKED: (_("Not checked"), "label-default"),
    drift.NOT_KNOWN: (_("Not known"), "label-info"),
}


def _rows(report: drift.DriftReport) -> list[dict]:
    """Each stack with its resources, as the tab shows them."""
    return [{"stack": stack, "region": region_name(stack),
             "resources": [_resource_row(res) for res in stack.resources]}
            for stack in report.stacks]


def _resource_row(res: drift.ResourceDrift) -> dict:
    return {"resource": res, "label": LABELS[res.status],
            "diffs": [(diff, output_text(diff.expected),
                       output_text(diff.actual)) for diff in res.diffs]}


def tab_url(kwargs: dict) -> str:
    """The Drift tab of the stack page ``kwargs`` names."""
    return (places.page_here(constants.STACK_DETAIL_URL, kwargs)
            + f"?tab={TAB}")


class DriftTab(tabs.Tab):
    name = _("Drift")
    slug = "drift"
    template_name = "project/mr_stacks/detail/_drift.html"
    preload = False
    policy_rules = DETECT_POLICY

    def get_context_data(self, request, **kwargs) -> dict:
        kwargs = self.tab_group.kwargs
        found = drift_results.kept(request, kwargs)
        context = {
            # Horizon renders a tab without the request's context: the
            # forms' CSRF token is given here.
            "csrf_value": get_token(request),
            "kept": found,
            "detect_url": places.page_here(constants.STACK_DRIFT_URL, kwargs),
            "repair_url": places.page_here(constants.STACK_DRIFT_REPAIR_URL,
                                           kwargs),
            "can_repair": permission.allows(request, REPAIR_POLICY),
            "labels": [LABELS[status] for status in drift.STATUSES],
        }
        if found is not None:
            report = found.report
            context.update(
                age=max(0, int(time.time() - found.at)),
                regions=[(region_name(region), [
                    region.counts[status] for status in drift.STATUSES])
                    for region in report.regions],
                rows=_rows(report), drifted=report.drifted,
                max_reads=drift.MAX_READS)
        return context


class _DriftAction(PolicyRequired, places.StackPage, generic.View):
    """A POST about the stack the URL names, and its whole tree; then back
    to the Drift tab with what happened (never a 5xx)."""

    http_method_names = ["post"]

    def refused_url(self) -> str:
        return self.tab_url()

    def tab_url(self) -> str:
        return tab_url(self.kwargs)

    def tree(self):
        """The stack's tree, walked from its place; a redirect with the
        reason when its cloud cannot be reached."""
        try:
            place, stack_id = self.stack_place()
            return stack_tree(place.request, place.region, stack_id,
                              gateway=place.gateway)
        except places.NotBound as exc:
            raise exceptions.Http302(places.refuse(
                self.request, self.kwargs, exc)) from None
        except places.UNREACHED as exc:
            messages.error(self.request, gettext(
                "The stack cannot be reached: %(why)s") % {
                "why": places.error_of(exc, self.request).message})
            raise exceptions.Http302(self.tab_url()) from None

    def post(self, request, **kwargs) -> http.HttpResponse:
        self.act(request)
        return http.HttpResponseRedirect(self.tab_url())

    def act(self, request) -> None:
        raise NotImplementedError


class DetectView(_DriftAction):
    """Detect drift in the stack's whole tree and keep the result."""

    policy_rules = DETECT_POLICY

    def act(self, request) -> None:
        drift_results.detect(request, self.kwargs, self.tree())


class RepairView(_DriftAction):
    """Bring the drifted stacks of the kept result back to their
    templates with Heat's converge."""

    policy_rules = REPAIR_POLICY

    def act(self, request) -> None:
        drift_results.repair(request, self.kwargs)
