# The Stacks panel: the project's stacks of every region on one page, each
# action sent to its stack's own region. Needs _6000_mr_dashboard.py, which
# creates the panel group.

from mr_dashboard import constants

# The slug of the panel to be added to HORIZON_CONFIG. Required.
PANEL = constants.STACKS_PANEL
# The slug of the dashboard the PANEL is associated with. Required.
PANEL_DASHBOARD = constants.DASHBOARD
# The slug of the panel group the PANEL is associated with.
PANEL_GROUP = constants.PANEL_GROUP

# Python panel class of the PANEL to be added.
ADD_PANEL = "mr_dashboard.panels.stacks.panel.Stacks"

# The Stacks page's follow-ups: remote links of the rows, and the rows of
# the regions that answered late, after the page.
ADD_JS_FILES = [
    "mr_dashboard/js/mr_dashboard.stack_families.js",
    "mr_dashboard/js/mr_dashboard.late_stacks.js",
]
