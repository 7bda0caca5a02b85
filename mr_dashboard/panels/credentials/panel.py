"""Registration of the Credentials panel with Horizon."""

from django.utils.translation import gettext_lazy as _

import horizon

from mr_dashboard import constants


class Credentials(horizon.Panel):
    """The project's credential secrets for other clouds."""

    name = _("Credentials")
    slug = constants.CREDENTIALS_PANEL
    permissions = constants.KEY_MANAGER_PERMISSIONS
    policy_rules = constants.SECRETS_LIST_POLICY
