"""Registration of the Stack Sets panel with Horizon."""

from django.utils.translation import gettext_lazy as _

import horizon

from mr_dashboard import constants


class StackSets(horizon.Panel):
    """Stack sets: one template in several regions, kept in step."""

    name = _("Stack Sets")
    slug = constants.STACK_SETS_PANEL
    permissions = constants.ORCHESTRATION_PERMISSIONS
    policy_rules = constants.STACKS_INDEX_POLICY
