"""The Drift tab of a stack's page, and its two actions.

Detecting drift reads every resource's object in its own region and cloud
(:mod:`mr_dashboard.api.drift`), so it runs only when asked: "Detect
drift" (:class:`DetectView`) walks the stack's whole tree, compares, and
keeps the result for the page (per project and stack page, for
``DRIFT_KEEP_SECONDS``); the tab only shows what was kept, and never
waits for a region. "Bring back to template" (:class:`RepairView`) runs
Heat's update with ``converge`` on the stacks the kept result says
drifted, children first, each in its own region and cloud, after Heat's
preview of that update there; each stack's outcome is told on the page.
Detecting needs Heat's ``stacks:show`` and ``resource:index`` rules,
repairing ``stacks:update_patch``.
"""

import dataclasses
import hashlib
import time

from django import http
from django.core.cache import cache
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import generic

from horizon import exceptions
from horizon import messages
from horizon import tabs

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard import permission
from mr_dashboard.api import drift
from mr_dashboard.api import other_cloud
from mr_dashboard.api.drift.repair import bring_back
from mr_dashboard.api.tree.walk import stack_tree
from mr_dashboard.panels.shared.policy import PolicyRequired
from mr_dashboard.panels.stacks.detail import where
from mr_dashboard.panels.stacks.detail.outputs_tab import output_text

TAB = "stack_details__drift"
DETECT_POLICY = (constants.STACK_SHOW_POLICY
                 + constants.RESOURCES_INDEX_POLICY)
REPAIR_POLICY = constants.STACK_PATCH_POLICY
#: A resource's status in words, and its label's colour.
LABELS = {
    drift.IN_SYNC: (_("In sync"), "label-success"),
    drift.MODIFIED: (_("Modified"), "label-warning"),
    drift.DELETED: (_("Deleted"), "label-danger"),
    drift.NOT_CHECKED: (_("Not checked"), "label-default"),
    drift.NOT_KNOWN: (_("Not known"), "label-info"),
}
# The URL's parts naming the stack's page (the other-cloud part optional).
_PAGE_KEYS = ("region", "stack_id", "resource", "cloud_region",
              "cloud_stack_id")


@dataclasses.dataclass(frozen=True)
class Kept:
    """A detection kept for a stack's page, and when it ended."""

    report: drift.DriftReport
    at: float


def _key(request, kwargs: dict) -> str:
    """The cache key of a stack's page for the user's project."""
    page = "\0".join(str(kwargs.get(name) or "") for name in _PAGE_KEYS)
    digest = hashlib.sha256(page.encode()).hexdigest()
    return f"mr_dashboard.drift:{request.user.project_id}:{digest}"


def kept(request, kwargs: dict) -> Kept | None:
    """The detection kept for the stack's page, if any."""
    found = cache.get(_key(request, kwargs))
    return found if isinstance(found, Kept) else None


def statuses(request, kwargs: dict) -> dict[str, dict[str, str]]:
    """The kept detection's statuses by stack key, then resource name (the
    tree's and the picture's marks); empty when none is kept."""
    found = kept(request, kwargs)
    if found is None:
        return {}
    return {stack.key: {res.name: res.status for res in stack.resources}
            for stack in found.report.stacks if stack.error is None}


def region_name(stack: drift.StackDrift | drift.RegionDrift) -> str:
    return (other_cloud.region_label(stack.region) if stack.cloud
            else stack.region)


def _rows(report: drift.DriftReport) -> list[dict]:
    """Each stack with its resources, as the tab shows them."""
    return [{"stack": stack, "region": region_name(stack),
             "resources": [_resource_row(res) for res in stack.resources]}
            for stack in report.stacks]


def _resource_row(res: drift.ResourceDrift) -> dict:
    return {"resource": res, "label": LABELS[res.status],
            "diffs": [(diff, output_text(diff.expected),
                       output_text(diff.actual)) for diff in res.diffs]}


def detect(request, kwargs: dict, tree) -> None:
    """Detect drift in ``tree`` (the stack page ``kwargs`` names), keep
    the result for the page and say what was found."""
    report = drift.detect_drift(request, tree)
    cache.set(_key(request, kwargs), Kept(report, time.time()),
              conf.drift_keep_seconds())
    counts = report.counts
    changed = counts[drift.MODIFIED] + counts[drift.DELETED]
    if changed:
        messages.warning(request, ngettext(
            "Drift found: %(count)d resource changed outside Heat.",
            "Drift found: %(count)d resources changed outside Heat.",
            changed) % {"count": changed})
    else:
        messages.success(request, gettext(
            "No drift found in the resources compared."))
    if counts[drift.NOT_KNOWN]:
        messages.error(request, gettext(
            "Some regions or clouds did not answer: their resources are "
            "not known."))


def tab_url(kwargs: dict) -> str:
    """The Drift tab of the stack page ``kwargs`` names."""
    return (where.page_here(constants.STACK_DETAIL_URL, kwargs)
            + f"?tab={TAB}")


class DriftTab(tabs.Tab):
    name = _("Drift")
    slug = "drift"
    template_name = "project/mr_stacks/detail/_drift.html"
    preload = False
    policy_rules = DETECT_POLICY

    def get_context_data(self, request, **kwargs) -> dict:
        kwargs = self.tab_group.kwargs
        found = kept(request, kwargs)
        context = {
            "kept": found,
            "detect_url": where.page_here(constants.STACK_DRIFT_URL, kwargs),
            "repair_url": where.page_here(constants.STACK_DRIFT_REPAIR_URL,
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


class _DriftAction(PolicyRequired, where.StackPage, generic.View):
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
            place, stack_id = self.located()
            return stack_tree(place.request, place.region, stack_id,
                              gateway=place.gateway)
        except where.NotBound as exc:
            raise exceptions.Http302(where.refuse(
                self.request, self.kwargs, exc)) from None
        except where.UNREACHED as exc:
            messages.error(self.request, gettext(
                "The stack cannot be reached: %(why)s") % {
                "why": where.error_of(exc, self.request).message})
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
        detect(request, self.kwargs, self.tree())


class RepairView(_DriftAction):
    """Bring the drifted stacks of the kept result back to their
    templates with Heat's converge."""

    policy_rules = REPAIR_POLICY

    def act(self, request) -> None:
        found = kept(request, self.kwargs)
        if found is None or not found.report.drifted:
            messages.warning(request, gettext(
                "Nothing to bring back: detect drift first."))
            return
        repairs = bring_back(request, self.tree(), found.report)
        for repair in repairs:
            said = {"stack": repair.stack.name,
                    "region": region_name(repair.stack)}
            if repair.started:
                changed = [change for change in repair.changes
                           if change.change != "unchanged"]
                said["preview"] = ngettext(
                    "%(count)d resource", "%(count)d resources",
                    len(changed)) % {"count": len(changed)}
                messages.success(request, gettext(
                    "Bringing %(stack)s back to its template in "
                    "%(region)s: Heat's update with converge started. Its "
                    "preview of the template changes %(preview)s; "
                    "converge also puts back what changed outside "
                    "Heat.") % said)
            else:
                said["why"] = repair.error.message
                messages.error(request, gettext(
                    "Unable to bring %(stack)s back in %(region)s: "
                    "%(why)s") % said)
        # What was kept is no longer what is there: detect again later.
        cache.delete(_key(request, self.kwargs))
