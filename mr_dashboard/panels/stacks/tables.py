"""The Stacks table: one row per stack, from every region.

A row's id is ``<region>:<stack id>``, so each action and each refresh of a
row reaches the stack's own region. Rows of stacks in progress refresh by
themselves (Horizon's ajax row update) until they settle. The family column
marks the remote parent and children the cache knows (``families`` of the
table's :class:`PageState`, from :mod:`~mr_dashboard.api.stacks.family`);
the page's follow-up (:mod:`~mr_dashboard.panels.stacks.families`) fills in
the others (``pending``). A parent's row tells in its confirmation text
which children go with it.
"""

import dataclasses

from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from horizon import tables
from horizon.tables.base import Cell
from horizon.utils import filters

from mr_dashboard import constants
from mr_dashboard import untrusted
from mr_dashboard.api import heat
from mr_dashboard.api.stacks import family as stack_family
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.heat.status import state_of
from mr_dashboard.panels.shared.row_refresh import RefreshedRows
from mr_dashboard.panels.stacks import stack_actions
from mr_dashboard.panels.stacks.marks import delete_warning
from mr_dashboard.panels.stacks.marks import detail_url
from mr_dashboard.panels.stacks.marks import family_marks
from mr_dashboard.panels.stacks.detail.status_labels import status_label
from mr_dashboard.panels.stacks.launch import launch_actions as launch_actions

SEPARATOR = ":"


def row_id(stack: heat.Stack) -> str:
    """``<region>:<stack id>``."""
    return f"{stack.region}{SEPARATOR}{stack.id}"


def split_row_id(obj_id: str) -> tuple[str, str]:
    """``(region, stack id)`` of a row id; stack ids hold no colon."""
    region, _sep, stack_id = obj_id.rpartition(SEPARATOR)
    if not (region and stack_id):
        raise Http404(gettext("No stack is called %s.") % obj_id)
    return region, stack_id


@dataclasses.dataclass
class PageState:
    """What the view learnt reading the page that the rows, the actions
    and the paging links need; the view gives the table one."""

    #: The families known, by stack id (a row's refresh and the delete
    #: action add to them).
    families: dict[str, stack_family.Family] = dataclasses.field(
        default_factory=dict)
    #: Ids of the stacks whose family the page's script looks up.
    pending: frozenset[str] = frozenset()
    #: Why a region is missing from the listing, by region (a batch
    #: action tells it for a chosen stack of that region).
    unavailable: dict[str, RegionError] = dataclasses.field(
        default_factory=dict)
    #: The cursors of the next and the previous page ("" for none).
    next_token: str = ""
    prev_token: str = ""


class FamilyColumn(tables.Column):
    """Marks a stack's remote parent and children; a stack still to be
    searched shows a spinner until the page's script fills it in."""

    def get_raw_data(self, datum: heat.Stack) -> str:
        if datum.id in self.table.state.pending:
            return format_html(
                '<span class="fa fa-spinner fa-spin text-muted" '
                'title="{}"></span>',
                gettext("Looking for remote parents and children"))
        return family_marks(self.table.family_of(datum))


class StackCell(Cell):
    """A cell whose status shows the status reason on hover; the family
    cell says whether the page's script is to fill it in
    (``data-mr-family``: ``pending``, else ``known``)."""

    def __init__(self, datum, column, row, attrs=None, classes=None) -> None:
        if column.name == "status":
            attrs = {**(attrs or {}), "title": datum.status_reason}
        elif column.name == "family":
            attrs = {**(attrs or {}), "data-mr-family": (
                "pending" if datum.id in column.table.state.pending
                else "known")}
        super().__init__(datum, column, row, attrs=attrs, classes=classes)


class StackRow(untrusted.Row):
    """A row that refreshes itself from its stack's region."""

    ajax = True

    def get_data(self, request, obj_id: str) -> heat.Stack:
        region, stack_id = split_row_id(obj_id)
        found = heat.stacks_by_id(request, region, [stack_id])
        if not found:
            raise Http404(gettext("The stack is gone."))
        self.table.state.families.update(
            stack_family.cached_families(request, found)[0])
        return found[0]

    def display(self) -> str:
        family = self.table.family_of(self.datum)
        if family.children:
            return delete_warning(self.datum, family)
        return super().display()


class StacksFilterAction(tables.FilterAction):
    """Heat filters every region's listing by these fields."""

    filter_type = "server"
    filter_choices = (
        ("name", _("Stack name ="), True, _("Case-sensitive")),
        ("status", _("Status ="), True,
         _("COMPLETE, FAILED, IN_PROGRESS, or e.g. CREATE_FAILED")),
        ("tag", _("Tag ="), True),
    )


class StacksTable(RefreshedRows, tables.DataTable):
    name = tables.Column("name", verbose_name=_("Stack name"),
                         link=detail_url, sortable=False)
    region = tables.Column("region", verbose_name=_("Region"),
                           sortable=False)
    status = tables.Column(lambda stack: status_label(stack.status),
                           verbose_name=_("Status"), sortable=False)
    created = tables.Column("created", verbose_name=_("Created"),
                            filters=(filters.timesince_or_never,),
                            sortable=False)
    updated = tables.Column("updated", verbose_name=_("Updated"),
                            filters=(filters.timesince_or_never,),
                            sortable=False)
    family = FamilyColumn("family", verbose_name=_("Remote links"),
                          sortable=False)
    tags = tables.Column(lambda stack: ", ".join(stack.tags),
                         verbose_name=_("Tags"), sortable=False)
    state = tables.Column(lambda stack: state_of(stack.status),
                          hidden=True, status=True,
                          status_choices=((constants.STATE_COMPLETE, True),
                                          (constants.STATE_FAILED, False)))

    def __init__(self, request, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        self.state = PageState()

    def family_of(self, stack: heat.Stack) -> stack_family.Family:
        return self.state.families.get(stack.id) or stack_family.Family()

    def get_object_id(self, datum: heat.Stack) -> str:
        return row_id(datum)

    def parse_object_id(self, obj_id: str) -> tuple[str, str]:
        """``(region, stack id)`` of a row id."""
        return split_row_id(obj_id)

    def get_object_display(self, datum: heat.Stack) -> str:
        return f"{datum.name} ({datum.region})"

    def get_absolute_url(self) -> str:
        """The Stacks page, wherever the table is rendered: a row the late
        regions' follow-up renders (``late/``) updates itself there."""
        return reverse(constants.STACKS_INDEX_URL)

    def get_pagination_string(self) -> str:
        return f"{self._meta.pagination_param}={self.state.next_token}"

    def get_prev_pagination_string(self) -> str:
        return (f"{self._meta.prev_pagination_param}="
                f"{self.state.prev_token}")

    class Meta:
        name = "stacks"
        verbose_name = _("Stacks")
        pagination_param = "mr_next"
        prev_pagination_param = "mr_prev"
        status_columns = ["state"]
        row_class = StackRow
        cell_class = StackCell
        table_actions = (StacksFilterAction, launch_actions.LaunchStack,
                         stack_actions.DeleteStacks)
        table_actions_menu = (stack_actions.CheckStacks,
                              stack_actions.SuspendStacks,
                              stack_actions.ResumeStacks,
                              stack_actions.CancelStackUpdates)
        row_actions = (launch_actions.UpdateStack,
                       launch_actions.ChangeParameters,
                       stack_actions.CheckStacks, stack_actions.SuspendStacks,
                       stack_actions.ResumeStacks,
                       stack_actions.CancelStackUpdates,
                       stack_actions.DetectDrift,
                       stack_actions.DeleteStacks)
