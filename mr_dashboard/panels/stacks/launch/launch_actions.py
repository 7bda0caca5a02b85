"""The Stacks table's ways into launching and updating.

"Launch Stack" above the table; "Update Stack" (a new template) and
"Change Parameters" (PATCH) on each stack's row, each sent to the stack's
own region. Both update pages preview the update per resource before
doing it. Cancelling an update is the table's own batch action.
"""

from django.utils.translation import gettext_lazy as _

from horizon import tables

from mr_dashboard import constants
from mr_dashboard import permission
from mr_dashboard.api.heat.status import in_progress
from mr_dashboard.safe_reverse import safe_reverse


class LaunchStack(tables.LinkAction):
    name = "mr_launch"
    verbose_name = _("Launch Stack")
    url = constants.STACK_LAUNCH_URL
    classes = ("btn-launch",)
    icon = "plus"
    policy_rules = constants.STACK_CREATE_POLICY


class _StackLink(tables.LinkAction, permission.CheckedOncePerRequest):
    """A link to one of the update pages of the row's stack; none (the
    action is not shown) when the cloud's region or id cannot be one part
    of a URL."""

    def get_link_url(self, datum=None) -> str | None:
        return safe_reverse(self.url, (datum.region, datum.id))

    def allowed(self, request, datum=None) -> bool:
        return datum is None or (not in_progress(datum.status)
                                 and self.get_link_url(datum) is not None)


class UpdateStack(_StackLink):
    name = "mr_update"
    verbose_name = _("Update Stack")
    url = constants.STACK_UPDATE_URL
    icon = "pencil"
    policy_rules = constants.STACK_UPDATE_POLICY


class ChangeParameters(_StackLink):
    name = "mr_patch"
    verbose_name = _("Change Parameters")
    url = constants.STACK_PATCH_URL
    policy_rules = constants.STACK_PATCH_POLICY
