"""Registration of the Regions panel with Horizon."""

from django.utils.translation import gettext_lazy as _

import horizon

from mr_dashboard import constants


class Regions(horizon.Panel):
    """Every region offering Heat, with its endpoints and health."""

    name = _("Regions")
    slug = constants.REGIONS_PANEL
    permissions = constants.ORCHESTRATION_PERMISSIONS
    policy_rules = constants.STACKS_INDEX_POLICY
