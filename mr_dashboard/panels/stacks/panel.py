"""Registration of the Stacks panel with Horizon."""

from django.utils.translation import gettext_lazy as _

import horizon

from mr_dashboard import constants


class Stacks(horizon.Panel):
    """The project's stacks of every region, with actions sent to each
    stack's own region."""

    name = _("Stacks")
    slug = constants.STACKS_PANEL
    permissions = constants.ORCHESTRATION_PERMISSIONS
    policy_rules = constants.STACKS_INDEX_POLICY
