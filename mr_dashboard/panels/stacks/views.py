"""The Stacks page: the project's stacks of every region, or of the one
chosen in the region dropdown, as one sorted and paged table.

The page costs one stack-list call per region (see
:mod:`~mr_dashboard.api.stacks.pages`) and nothing more: remote parents and
children come from the cache, or after the page from its follow-up
(:mod:`~mr_dashboard.panels.stacks.families`). A region that failed or was
skipped shows in a banner with the reason and the time it took; one
still answering when the others have (late) shows there as answering
slowly, and its rows follow (:mod:`~mr_dashboard.panels.stacks.late_rows`).
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from horizon import tables
from horizon.utils import functions as utils

from mr_dashboard import constants
from mr_dashboard.api.stacks import family as stack_family
from mr_dashboard.api.stacks import pages as stack_pages
from mr_dashboard.api.heat.status import split_status
from mr_dashboard.api.regions import heat_region_names
from mr_dashboard.api.stacks.cursor import Cursor
from mr_dashboard.panels.stacks import families
from mr_dashboard.panels.stacks.forms import SortForm
from mr_dashboard.panels.stacks.region_problem import RegionProblem
from mr_dashboard.panels.stacks.tables import PageState
from mr_dashboard.panels.stacks.tables import StacksFilterAction
from mr_dashboard.panels.stacks.tables import StacksTable
from mr_dashboard.selection import selected_region


def region_problems(page: stack_pages.StacksPage) -> list[RegionProblem]:
    """The page's failed, skipped and late regions, by name."""
    problems = [RegionProblem(region, constants.KIND_LATE, "", "", 0.0,
                              late=True) for region in page.late]
    problems += [RegionProblem(region, result.error.kind,
                               str(result.error.label), result.error.message,
                               result.elapsed)
                 for region, result in page.failed.items()]
    problems += [RegionProblem(region, quiet.error.kind,
                               str(quiet.error.label), quiet.error.message,
                               quiet.elapsed, skipped=True, age=quiet.age)
                 for region, quiet in page.skipped.items()]
    return sorted(problems, key=lambda problem: problem.region)


def heat_filters(field: str | None, value: str) -> dict[str, str]:
    """Heat's stack-list parameters for the table's filter.

    A status may be a state (``FAILED``) or a whole status
    (``CREATE_FAILED``, ``create failed``), which Heat takes as an action
    and a state.
    """
    value = value.strip()
    if not (field and value):
        return {}
    if field == "tag":
        return {"tags": value}
    if field == "status":
        status = "_".join(value.upper().split())
        action, state = split_status(status)
        if action in constants.STACK_ACTION_LABELS and state:
            return {"action": action, "status": state}
        return {"status": status}
    return {field: value}


def acting(request, table: StacksTable) -> bool:
    """Whether the request runs one of the table's actions (the filter
    aside) on the stacks it names: they must all be listed, so every
    region is waited for (the page's budget is for looking)."""
    action = request.POST.get("action") if request.method == "POST" else None
    if not action:
        return False
    return table.parse_action(action)[1] != StacksFilterAction.name


class IndexView(tables.DataTableView):
    """Stacks of every region (or of the chosen one) on one page."""

    table_class = StacksTable
    template_name = "project/mr_stacks/index.html"
    page_title = _("Stacks")

    def cursor(self) -> Cursor:
        """The page asked for: a cursor token, else the sort form."""
        meta = self.table_class._meta
        for param in (meta.pagination_param, meta.prev_pagination_param):
            token = self.request.GET.get(param)
            if token:
                try:
                    return Cursor.decode(token)
                except ValueError:
                    break  # a stale or mangled link: start over
        return SortForm(self.request.GET).first_page()

    def load_page(self, table: StacksTable) -> stack_pages.StacksPage:
        """The page of stacks the request asks for."""
        chosen = selected_region(self.request)
        regions = [chosen] if chosen else heat_region_names(self.request)
        self.page_cursor = self.cursor()
        return stack_pages.stacks_page(
            self.request, regions, self.page_cursor,
            utils.get_page_size(self.request),
            heat_filters(table.get_filter_field(),
                         table.get_filter_string() or ""),
            paced=not acting(self.request, table))

    def get_data(self) -> list:
        table = self.get_table()
        self.page = self.load_page(table)
        known, pending = stack_family.cached_families(
            self.request, self.page.rows)
        self.family_batches = families.batch_tokens(self.request, pending)
        table.state = PageState(
            families=known, pending=frozenset(stack.id for stack in pending),
            unavailable=self.page.errors,
            next_token=self.page.next.encode() if self.page.next else "",
            prev_token=self.page.prev.encode() if self.page.prev else "")
        return self.page.rows

    def has_more_data(self, table) -> bool:
        return self.page.next is not None

    def has_prev_data(self, table) -> bool:
        return self.page.prev is not None

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["region_problems"] = region_problems(self.page)
        context["sort_form"] = SortForm.showing(self.page_cursor)
        context["family_batches"] = " ".join(self.family_batches)
        context["families_url"] = reverse(constants.STACK_FAMILIES_URL)
        if self.page.late_key:
            context["late_url"] = "{}?{}".format(
                reverse(constants.STACKS_LATE_URL),
                urlencode({"page": self.page.late_key}))
        return context
