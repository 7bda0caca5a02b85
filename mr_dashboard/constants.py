"""Names shared across the plugin: slugs, URL names, session keys, policy
rules and the words shown for a region's health.

Anything spelled in more than one module lives here, once.
"""

from django.utils.translation import pgettext_lazy

# Horizon slugs.
DASHBOARD = "project"
PANEL_GROUP = "mr_dashboard"
REGIONS_PANEL = "mr_regions"

# URL names.
REGIONS_INDEX_URL = "horizon:project:mr_regions:index"
REGIONS_HEALTH_URL = "horizon:project:mr_regions:health"
REGION_SELECT_URL = "horizon:project:mr_regions:select"

# Session key holding the region chosen in the region dropdown.
SESSION_REGION_KEY = "mr_dashboard_region"

# Catalog service types.
ORCHESTRATION = "orchestration"
KEY_MANAGER = "key-manager"
IDENTITY = "identity"
# Services listed first on the Regions page, in this order.
LEADING_SERVICES = (ORCHESTRATION, KEY_MANAGER, IDENTITY)

# Permissions and policy rules.
ORCHESTRATION_PERMISSIONS = ("openstack.services.orchestration",)
STACKS_INDEX_POLICY = ((ORCHESTRATION, "stacks:index"),)

# Kinds of failure a call to a region can end with.
UNREACHABLE = "unreachable"
TIMEOUT = "timeout"
UNAUTHORIZED = "unauthorized"
FORBIDDEN = "forbidden"
SERVER_ERROR = "server_error"
ERROR = "error"

ERROR_LABELS = {
    UNREACHABLE: pgettext_lazy("Region health", "Unreachable"),
    TIMEOUT: pgettext_lazy("Region health", "Timed out"),
    UNAUTHORIZED: pgettext_lazy("Region health", "Not authenticated"),
    FORBIDDEN: pgettext_lazy("Region health", "Forbidden"),
    SERVER_ERROR: pgettext_lazy("Region health", "Server error"),
    ERROR: pgettext_lazy("Region health", "Error"),
}

HEALTH_OK = pgettext_lazy("Region health", "OK")
HEALTH_CHECKING = pgettext_lazy("Region health", "Checking…")
