"""Drift detections kept for stack pages, and the two things done with
them: detect (and keep), and bring back to the template.

A detection of a stack's whole tree (:mod:`mr_dashboard.api.drift`) is
kept in Django's cache per project and stack page (the page's URL parts:
a stack of the user's own cloud, or of another cloud under its parent),
for ``DRIFT_KEEP_SECONDS``; another project never sees it. The stack's
Drift tab, its tree and picture, the Stacks table's row action and a
stack set's page (each member's own page) all read and write it here.
"""

import dataclasses
import hashlib
import time

from django.core.cache import cache
from django.utils.translation import gettext
from django.utils.translation import ngettext

from horizon import messages

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api import drift
from mr_dashboard.api import other_cloud
from mr_dashboard.api.drift.repair import bring_back
from mr_dashboard.api.drift.repair import describe
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree

DETECT_POLICY = (constants.STACK_SHOW_POLICY
                 + constants.RESOURCES_INDEX_POLICY)
REPAIR_POLICY = (constants.STACK_PATCH_POLICY
                 + constants.RESOURCE_MARK_UNHEALTHY_POLICY)
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


def keep(request, kwargs: dict, report: drift.DriftReport) -> None:
    """Keep ``report`` for the stack page ``kwargs`` names."""
    cache.set(_key(request, kwargs), Kept(report, time.time()),
              conf.drift_keep_seconds())


def region_name(stack: drift.StackDrift | drift.RegionDrift | StackNode
                ) -> str:
    """The region of a stack or region of the report, as pages name it."""
    return (other_cloud.region_label(stack.region) if stack.cloud
            else stack.region)


def detect(request, kwargs: dict, tree: StackTree) -> drift.DriftReport:
    """Detect drift in ``tree`` (the stack page ``kwargs`` names), keep
    the result for the page and say what was found."""
    report = drift.detect_drift(request, tree)
    keep(request, kwargs, report)
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
    return report


def repair(request, kwargs: dict) -> None:
    """Bring the stacks the kept detection says drifted back to their
    templates (Heat's converge; the detection says which stack's update
    reaches each, no tree is walked), say how each went, and forget the
    detection (it no longer tells what is there)."""
    found = kept(request, kwargs)
    if found is None or not found.report.drifted:
        messages.warning(request, gettext(
            "Nothing to bring back: detect drift first."))
        return
    for done in bring_back(request, found.report):
        said = {"stack": done.stack.name, "region": region_name(done.stack),
                "what": describe(done)}
        if done.started:
            messages.success(request, gettext(
                "Bringing %(stack)s back to its template in %(region)s: "
                "%(what)s") % said)
        else:
            said["why"] = done.error.message
            messages.error(request, gettext(
                "Unable to bring %(stack)s back in %(region)s: "
                "%(why)s") % said)
    # What was kept is no longer what is there: detect again later.
    cache.delete(_key(request, kwargs))
