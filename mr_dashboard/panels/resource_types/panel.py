"""Registration of the Resource Types panel with Horizon."""

from django.utils.translation import gettext_lazy as _

import horizon

from mr_dashboard import constants


class ResourceTypes(horizon.Panel):
    """Template versions and resource types of every region, compared."""

    name = _("Resource Types")
    slug = constants.RESOURCE_TYPES_PANEL
    permissions = constants.ORCHESTRATION_PERMISSIONS
    policy_rules = constants.RESOURCE_TYPES_POLICY
