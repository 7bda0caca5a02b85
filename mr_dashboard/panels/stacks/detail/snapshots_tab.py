"""The Snapshots tab of a stack's detail: Heat's snapshots of the stack,
in its own region.

The stack may live in another cloud (the page's ``place`` reaches it).
The table lists them (each row asks for itself again while its snapshot
is in progress: Horizon's row update), takes a new one and restores one
through modal forms (:mod:`~mr_dashboard.panels.stacks.detail.
snapshot_forms`), and deletes them with Horizon's confirmation. Every
action is allowed by its own Heat policy rule.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from horizon import exceptions
from horizon import tables
from horizon import tabs
from horizon.utils import filters

from mr_dashboard import constants
from mr_dashboard import untrusted
from mr_dashboard.api import heat
from mr_dashboard.api.heat import status as heat_status
from mr_dashboard.api.place import StackPlace
from mr_dashboard.panels.shared.row_refresh import RefreshedRows
from mr_dashboard.panels.shared.stack_urls import page_of
from mr_dashboard.panels.stacks.detail.status_labels import status_label

#: Heat's snapshot statuses (taken, then deleted in the background): the
#: row asks again while its status maps to None.
STATUS_CHOICES = tuple(
    (f"{action}_{state}", done)
    for action in ("CREATE", "DELETE")
    for state, done in ((constants.STATE_COMPLETE, True),
                        (constants.STATE_FAILED, False),
                        (constants.STATE_IN_PROGRESS, None)))


def _stack(table: tables.DataTable) -> heat.Stack:
    """The stack of the page the table is on."""
    return table.kwargs["detail"].stack


def _place(table: tables.DataTable) -> StackPlace:
    """Where that stack lives: the request reaching its cloud."""
    return table.kwargs["place"]


def _page(table: tables.DataTable, url_name: str,
          *extra: str) -> str | None:
    """The stack's page ``url_name`` (its own cloud or another); None when
    the cloud's ids fit no URL (the action is then not offered)."""
    stack = _stack(table)
    return page_of(url_name, stack.region, stack.id,
                   _place(table).gateway, extra)


class TakeSnapshot(tables.LinkAction):
    name = "take_snapshot"
    verbose_name = _("Take Snapshot")
    classes = ("ajax-modal",)
    icon = "camera"
    policy_rules = constants.SNAPSHOT_CREATE_POLICY

    def allowed(self, request, datum=None) -> bool:
        return self.get_link_url() is not None

    def get_link_url(self, datum=None) -> str | None:
        return _page(self.table, constants.SNAPSHOT_CREATE_URL)


class RestoreSnapshot(tables.LinkAction):
    name = "restore_snapshot"
    verbose_name = _("Restore Snapshot")
    classes = ("ajax-modal", "btn-danger")
    icon = "undo"
    policy_rules = constants.SNAPSHOT_RESTORE_POLICY

    def allowed(self, request, snapshot=None) -> bool:
        return snapshot is None or (
            snapshot.full_status == heat_status.CREATE_COMPLETE
            and self.get_link_url(snapshot) is not None)

    def get_link_url(self, datum=None) -> str | None:
        return _page(self.table, constants.SNAPSHOT_RESTORE_URL, datum.id)


class DeleteSnapshots(tables.DeleteAction):
    policy_rules = constants.SNAPSHOT_DELETE_POLICY
    help_text = _("The snapshots of child stacks in other regions or clouds "
                  "stay where they are: Heat deletes them only with those "
                  "stacks.")

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Delete Snapshot", "Delete Snapshots", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Deleted Snapshot", "Deleted Snapshots", count)

    def allowed(self, request, snapshot=None) -> bool:
        return (snapshot is None
                or snapshot.status != constants.STATE_IN_PROGRESS)

    def delete(self, request, obj_id: str) -> None:
        stack = _stack(self.table)
        heat.snapshot_delete(_place(self.table).request, stack.region,
                             stack.identity, obj_id)


class SnapshotRow(untrusted.Row):
    """A snapshot's row, asked for again while it is in progress."""

    ajax = True

    def get_data(self, request, snapshot_id: str) -> heat.Snapshot:
        stack = _stack(self.table)
        return heat.snapshot_show(_place(self.table).request, stack.region,
                                  stack.identity, snapshot_id)


class SnapshotsTable(RefreshedRows, tables.DataTable):
    name = tables.Column(lambda snap: snap.name or snap.id,
                         verbose_name=_("Name"))
    id = tables.Column("id", verbose_name=_("ID"))
    status = tables.Column(
        "full_status", verbose_name=_("Status"), status=True,
        status_choices=STATUS_CHOICES, filters=(status_label,))
    reason = tables.Column("status_reason", truncate=120,
                           verbose_name=_("Reason"))
    created = tables.Column("created", filters=(filters.timesince_sortable,),
                            verbose_name=_("Taken"))

    def get_object_display(self, datum: heat.Snapshot) -> str:
        return datum.name or datum.id

    class Meta:
        name = "snapshots"
        verbose_name = _("Snapshots")
        status_columns = ("status",)
        row_class = SnapshotRow
        table_actions = (TakeSnapshot, DeleteSnapshots)
        row_actions = (RestoreSnapshot, DeleteSnapshots)


class SnapshotsTab(tabs.TableTab):
    name = _("Snapshots")
    slug = "snapshots"
    template_name = "horizon/common/_detail_table.html"
    table_classes = (SnapshotsTable,)
    preload = False
    policy_rules = constants.SNAPSHOT_LIST_POLICY

    def get_snapshots_data(self) -> list[heat.Snapshot]:
        stack = self.tab_group.kwargs["detail"].stack
        try:
            return heat.snapshots_list(self.tab_group.kwargs["place"].request,
                                       stack.region, stack.identity)
        except Exception:
            exceptions.handle(self.request,
                              _("Unable to list the snapshots of this "
                                "stack."))
            return []
