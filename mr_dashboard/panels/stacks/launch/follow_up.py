"""The Launch form's follow-ups: the checks and the pickers of the regions
that were late.

A checklist made without its late regions (``run_checks(paced=True)``,
:mod:`mr_dashboard.api.handover`) shows each of them as "checking…" and
carries this view's URL with its key in
``#mr-checklist[data-mr-pending-url]``; the page's script
(``mr_dashboard.launch.js``) asks :class:`PendingChecksView` until the
answer is ``done``, then puts each late region's checks in place and
enables the launch only if ``passed``. The parameters it showed as text
fields because their regions' listings were late are asked for the same
way (``#mr-picker-notes[data-mr-pending-url]``, :class:`PendingPickersView`):
each becomes a picker when the listings come. Each request waits up to
:data:`~mr_dashboard.api.handover.FOLLOW_UP_WAIT` seconds for the late
answers, in the cache every worker shares.
"""

from django.http import HttpRequest
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views import generic
from django.views.decorators.cache import never_cache

from mr_dashboard.api import handover
from mr_dashboard.api.iaas import pickers
from mr_dashboard.checks import checklist
from mr_dashboard.panels.shared import follow_up
from mr_dashboard.panels.shared import reach


@method_decorator(never_cache, name="dispatch")
class PendingChecksView(generic.View):
    """``{"state": "waiting", "waiting": [regions]}``, or ``{"state":
    "done", "passed": bool, "regions": [{"region", "checks": [{"stack",
    "name", "status", "label", "reason"}]}]}`` (the late regions' checks)
    for the checklist ``?key=<key>``; 400 when it is unknown or too old."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest) -> JsonResponse:
        return follow_up.answer(
            checklist.kept_checks(request, request.GET.get("key", ""),
                                  handover.FOLLOW_UP_WAIT),
            gettext("These checks are too old to be completed: press Check "
                    "again."),
            lambda found: found.pending, lambda found: {
                "passed": found.passed, "regions": [
                    {"region": region, "checks": [{
                        "stack": check.stack, "name": check.name,
                        "status": check.status, "label": str(check.label),
                        "reason": check.reason} for check in checks]}
                    for region, checks in found.by_region()
                    if region in found.late]})


@method_decorator(never_cache, name="dispatch")
class PendingPickersView(generic.View):
    """``{"state": "waiting", "waiting": [regions]}``, or ``{"state":
    "done", "fields": [{"name", "multiple", "blank": its blank choice's
    label or null, "choices": [[value, label]] or null, "problem", "label",
    "note": the form's way out when no choice is held in every region the
    value goes to, or ""}]}`` (each late field's picker, or why it stays a
    text field) for the form
    ``?key=<key>``; 400 when it is unknown or too old."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest) -> JsonResponse:
        return follow_up.answer(
            pickers.collect(request, request.GET.get("key", ""),
                            handover.FOLLOW_UP_WAIT),
            gettext("These choices are too old to be listed: reload the "
                    "form."),
            lambda found: found.waiting, lambda found: {"fields": [{
                "name": field.name, "multiple": field.multiple,
                "blank": field.blank, "label": field.label,
                "note": reach.no_common_note(field.regions, picked,
                                             field.kind),
                "choices": None if picked is None or picked.choices is None
                else [list(choice) for choice in picked.choices],
                "problem": picked.problem if picked else ""}
                for field, picked in found.fields]})
