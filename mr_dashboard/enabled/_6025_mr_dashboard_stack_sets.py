# The Stack Sets panel: one template in several regions, its members found
# again by their Heat tags. Needs _6000_mr_dashboard.py, which creates the
# panel group, and _6020_mr_dashboard_stacks.py (the set launch's URLs,
# /project/mr_stacks/launch/set/, and each member's page are the Stacks
# panel's).

from mr_dashboard import constants

# The slug of the panel to be added to HORIZON_CONFIG. Required.
PANEL = constants.STACK_SETS_PANEL
# The slug of the dashboard the PANEL is associated with. Required.
PANEL_DASHBOARD = constants.DASHBOARD
# The slug of the panel group the PANEL is associated with.
PANEL_GROUP = constants.PANEL_GROUP

# Python panel class of the PANEL to be added.
ADD_PANEL = "mr_dashboard.panels.stack_sets.panel.StackSets"

# The Stack Sets page's follow-up: the sets again once its late regions
# answered.
ADD_JS_FILES = [
    "mr_dashboard/js/mr_dashboard.late_section.js",
]
