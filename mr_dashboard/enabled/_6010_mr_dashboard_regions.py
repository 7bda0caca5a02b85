# The Regions panel: every region offering Heat, its endpoints and health.
# Needs _6000_mr_dashboard.py, which creates the panel group.

from mr_dashboard import constants

# The slug of the panel to be added to HORIZON_CONFIG. Required.
PANEL = constants.REGIONS_PANEL
# The slug of the dashboard the PANEL is associated with. Required.
PANEL_DASHBOARD = constants.DASHBOARD
# The slug of the panel group the PANEL is associated with.
PANEL_GROUP = constants.PANEL_GROUP

# Python panel class of the PANEL to be added.
ADD_PANEL = "mr_dashboard.panels.regions.panel.Regions"
