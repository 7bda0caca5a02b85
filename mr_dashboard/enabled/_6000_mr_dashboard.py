# The "Multi-Region" panel group of the Project dashboard, and the plugin's
# Django app, scripts and exceptions. Copy into
# openstack_dashboard/local/enabled/ together with the panel files (_6010...).

from django.utils.translation import gettext_lazy as _

from mr_dashboard import constants
from mr_dashboard import exceptions

# The slug of the panel group to be added to HORIZON_CONFIG. Required.
PANEL_GROUP = constants.PANEL_GROUP
# The display name of the PANEL_GROUP. Required.
PANEL_GROUP_NAME = _("Multi-Region")
# The slug of the dashboard the PANEL_GROUP is associated with. Required.
PANEL_GROUP_DASHBOARD = constants.DASHBOARD

# The Django app holding the panels, templates, template tags and static files.
ADD_INSTALLED_APPS = ["mr_dashboard"]

# Small scripts of their own, each a no-op on pages that do not need it.
# mr_dashboard.js comes first: the others start, fetch and poll with it.
ADD_JS_FILES = [
    "mr_dashboard/js/mr_dashboard.js",
    "mr_dashboard/js/mr_dashboard.health.js",
    "mr_dashboard/js/mr_dashboard.region_select.js",
    "mr_dashboard/js/mr_dashboard.launch.js",
    "mr_dashboard/js/mr_dashboard.row_refresh.js",
]

# Heat and connection errors that horizon.exceptions.handle() should know.
ADD_EXCEPTIONS = {
    "unauthorized": exceptions.UNAUTHORIZED,
    "not_found": exceptions.NOT_FOUND,
    "recoverable": exceptions.RECOVERABLE,
}
