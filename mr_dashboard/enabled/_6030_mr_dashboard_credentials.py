# The Credentials panel: Barbican secrets holding another cloud's
# credentials for Heat's OS::Heat::Stack (credential_secret_id): list,
# create (with a check against the other cloud's Keystone), check, delete.
# Needs _6000_mr_dashboard.py, which creates the panel group.

from mr_dashboard import constants

# The slug of the panel to be added to HORIZON_CONFIG. Required.
PANEL = constants.CREDENTIALS_PANEL
# The slug of the dashboard the PANEL is associated with. Required.
PANEL_DASHBOARD = constants.DASHBOARD
# The slug of the panel group the PANEL is associated with.
PANEL_GROUP = constants.PANEL_GROUP

# Python panel class of the PANEL to be added.
ADD_PANEL = "mr_dashboard.panels.credentials.panel.Credentials"

# The create form's Check button and the CA certificate file choosers (also
# in the launch form); each does nothing on pages without them.
ADD_JS_FILES = [
    "mr_dashboard/js/mr_dashboard.credentials.js",
]
