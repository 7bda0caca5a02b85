# The Resource Types panel: template versions and resource types of every
# region's Heat, side by side, and each type's schema per region.
# Needs _6000_mr_dashboard.py, which creates the panel group.

from mr_dashboard import constants

# The slug of the panel to be added to HORIZON_CONFIG. Required.
PANEL = constants.RESOURCE_TYPES_PANEL
# The slug of the dashboard the PANEL is associated with. Required.
PANEL_DASHBOARD = constants.DASHBOARD
# The slug of the panel group the PANEL is associated with.
PANEL_GROUP = constants.PANEL_GROUP

# Python panel class of the PANEL to be added.
ADD_PANEL = "mr_dashboard.panels.resource_types.panel.ResourceTypes"

# The page's follow-up: the offers again once its late regions answered.
ADD_JS_FILES = [
    "mr_dashboard/js/mr_dashboard.late_section.js",
]
