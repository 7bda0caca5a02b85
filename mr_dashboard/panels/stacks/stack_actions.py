"""The Stacks table's actions: delete, check, suspend, resume and cancel
update, each sent to its stack's own region (see
:mod:`~mr_dashboard.panels.stacks.batch`) and allowed by its own Heat
policy rule. Deleting a parent names the remote children that go with it,
looked up then if the page did not know them yet. "Detect Drift" detects
one stack's drift and opens its Drift tab.
"""

from django import shortcuts
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from horizon import exceptions
from horizon import messages
from horizon import tables

from mr_dashboard import constants
from mr_dashboard import permission
from mr_dashboard.api import heat
from mr_dashboard.api.heat import status as heat_status
from mr_dashboard.api.stacks import family as stack_family
from mr_dashboard.api.tree.walk import stack_tree
from mr_dashboard.panels.shared import drift_results
from mr_dashboard.panels.stacks.batch import RegionBatchAction
from mr_dashboard.panels.stacks.detail import drift
from mr_dashboard.panels.stacks.marks import children_text


def _state(stack: heat.Stack | None) -> str:
    return heat_status.state_of(stack.status) if stack else ""


class DeleteStacks(RegionBatchAction, tables.DeleteAction):
    policy_rules = constants.STACK_DELETE_POLICY
    present = ngettext_lazy("Delete Stack", "Delete Stacks", "count")
    past = ngettext_lazy("Started deleting Stack", "Started deleting Stacks",
                         "count")

    def stack_call(self, request, region: str, identity: str) -> None:
        heat.stack_delete(request, region, identity)

    def allowed(self, request, stack=None) -> bool:
        return stack is None or stack.status != heat_status.DELETE_IN_PROGRESS

    def handle(self, table, request, obj_ids):
        """Find the chosen stacks' remote children before they go: the
        page may have been confirmed before its follow-up answered."""
        chosen = [stack for stack in table.data
                  if table.get_object_id(stack) in obj_ids]
        table.state.families.update(
            stack_family.families(request, chosen))
        return super().handle(table, request, obj_ids)

    def done(self, request, table, stacks: list[heat.Stack]) -> None:
        for stack in stacks:
            children = table.family_of(stack).children
            if children:
                messages.info(request, gettext(
                    "%(stack)s takes its child stacks with it: "
                    "%(children)s") % {
                    "stack": table.get_object_display(stack),
                    "children": children_text(children)})


class CheckStacks(RegionBatchAction):
    name = "check"
    icon = "check-square"
    policy_rules = constants.STACK_CHECK_POLICY
    present = ngettext_lazy("Check Stack", "Check Stacks", "count")
    past = ngettext_lazy("Started checking Stack", "Started checking Stacks",
                         "count")

    def stack_call(self, request, region: str, identity: str) -> None:
        heat.stack_check(request, region, identity)

    def allowed(self, request, stack=None) -> bool:
        return _state(stack) != constants.STATE_IN_PROGRESS


class SuspendStacks(RegionBatchAction):
    name = "suspend"
    icon = "pause"
    policy_rules = constants.STACK_SUSPEND_POLICY
    present = ngettext_lazy("Suspend Stack", "Suspend Stacks", "count")
    past = ngettext_lazy("Started suspending Stack",
                         "Started suspending Stacks", "count")

    def stack_call(self, request, region: str, identity: str) -> None:
        heat.stack_suspend(request, region, identity)

    def allowed(self, request, stack=None) -> bool:
        return stack is None or (
            _state(stack) != constants.STATE_IN_PROGRESS
            and stack.status != heat_status.SUSPEND_COMPLETE)


class ResumeStacks(RegionBatchAction):
    name = "resume"
    icon = "play"
    policy_rules = constants.STACK_RESUME_POLICY
    present = ngettext_lazy("Resume Stack", "Resume Stacks", "count")
    past = ngettext_lazy("Started resuming Stack", "Started resuming Stacks",
                         "count")

    def stack_call(self, request, region: str, identity: str) -> None:
        heat.stack_resume(request, region, identity)

    def allowed(self, request, stack=None) -> bool:
        return stack is None or stack.status in (heat_status.SUSPEND_COMPLETE,
                                                 heat_status.RESUME_FAILED)


class CancelStackUpdates(RegionBatchAction):
    name = "cancel_update"
    icon = "ban"
    policy_rules = constants.STACK_CANCEL_UPDATE_POLICY
    present = ngettext_lazy("Cancel Stack Update", "Cancel Stack Updates",
                            "count")
    past = ngettext_lazy("Started cancelling the update of Stack",
                         "Started cancelling the updates of Stacks", "count")

    def stack_call(self, request, region: str, identity: str) -> None:
        heat.stack_cancel_update(request, region, identity)

    def allowed(self, request, stack=None) -> bool:
        return stack is None or stack.status == heat_status.UPDATE_IN_PROGRESS


class DetectDrift(tables.Action, permission.CheckedOncePerRequest):
    """Detect drift in the stack's whole tree (one row), then show it on
    the stack's Drift tab (:mod:`~mr_dashboard.panels.stacks.detail.
    drift`)."""

    name = "detect_drift"
    verbose_name = _("Detect Drift")
    icon = "search"
    policy_rules = drift_results.DETECT_POLICY

    def single(self, table, request, obj_id: str):
        region, stack_id = table.parse_object_id(obj_id)
        kwargs = {"region": region, "stack_id": stack_id}
        try:
            tree = stack_tree(request, region, stack_id)
        except Exception:  # noqa: BLE001 - handle() sorts and re-raises
            exceptions.handle(request, gettext(
                "Unable to read the stack's tree."))
            return shortcuts.redirect(table.get_full_url())
        drift_results.detect(request, kwargs, tree)
        return shortcuts.redirect(drift.tab_url(kwargs))
