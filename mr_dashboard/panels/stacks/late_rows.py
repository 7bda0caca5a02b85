"""The Stacks page's follow-up: the rows of the regions that answered late.

A page made without its late regions (:mod:`~mr_dashboard.api.stacks.late`)
carries its key in ``#mr-stacks[data-mr-late-url]``; its script
(``mr_dashboard.late_stacks.js``) asks :class:`LateRowsView` until the
answer is ``done``. Each request waits up to
:data:`~mr_dashboard.api.handover.FOLLOW_UP_WAIT` seconds for the late
answers, in the cache every worker shares, then says which regions
are still out (``waiting``) or renders the page again from what it was
made of and what came late: the whole table, in the table's order, with
the next and previous pages' cursors counting the late rows, and the
banner entries of the late regions that failed or were given up. The
script inserts the new rows, replaces the table's footer and those banner
entries.
"""

from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from mr_dashboard.api import handover
from mr_dashboard.api.stacks import late
from mr_dashboard.api.stacks import pages as stack_pages
from mr_dashboard.panels.shared import follow_up
from mr_dashboard.panels.stacks.tables import StacksTable
from mr_dashboard.panels.stacks.views import IndexView


@method_decorator(never_cache, name="dispatch")
class LateRowsView(IndexView):
    """``{"state": "waiting", "waiting": [regions]}``, or ``{"state":
    "done", "html": the table and the late regions' banner}`` for the page
    ``?page=<key>``; 400 when the page is unknown or too old."""

    http_method_names = ["get"]
    template_name = "project/mr_stacks/_late_rows.html"

    def get(self, request, *args, **kwargs) -> JsonResponse:
        self.collected = late.collect(request, request.GET.get("page", ""),
                                      handover.FOLLOW_UP_WAIT)

        def rendered(_collected) -> dict:
            response = super(LateRowsView, self).get(request, *args,
                                                     **kwargs)
            response.render()
            return {"html": response.content.decode()}
        return follow_up.answer(
            self.collected, gettext(
                "This page is too old to add the rows of the regions that "
                "answered late: reload it."),
            lambda found: found.waiting, rendered)

    def load_page(self, table: StacksTable) -> stack_pages.StacksPage:
        self.page_cursor = self.collected.kept.base.cursor
        return stack_pages.with_late(self.collected)
