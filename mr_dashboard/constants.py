"""Names shared across the plugin: slugs, URL names, session keys, policy
rules and the words shown for a region's health.

Anything spelled in more than one module lives here, once.
"""

from django.utils.translation import pgettext_lazy

# Horizon slugs.
DASHBOARD = "project"
PANEL_GROUP = "mr_dashboard"
REGIONS_PANEL = "mr_regions"
STACKS_PANEL = "mr_stacks"

# URL names.
REGIONS_INDEX_URL = "horizon:project:mr_regions:index"
REGIONS_HEALTH_URL = "horizon:project:mr_regions:health"
REGION_SELECT_URL = "horizon:project:mr_regions:select"
STACKS_INDEX_URL = "horizon:project:mr_stacks:index"
# The Stacks page's follow-up: remote families of a batch of rows (JSON).
STACK_FAMILIES_URL = "horizon:project:mr_stacks:families"
# The Stacks page's follow-up: the rows of the regions that answered late.
STACKS_LATE_URL = "horizon:project:mr_stacks:late"
# Args: region name, stack id. Defined in panels/stacks/detail/urls.py.
STACK_DETAIL_URL = "horizon:project:mr_stacks:detail"
# Launch and update (panels/stacks/launch/urls.py). Launch: no args;
# update, update_stack and patch: region name, stack id.
STACK_LAUNCH_URL = "horizon:project:mr_stacks:launch"
STACK_LAUNCH_STACK_URL = "horizon:project:mr_stacks:launch_stack"
STACK_LAUNCH_CHECKS_URL = "horizon:project:mr_stacks:launch_checks"
STACK_LAUNCH_PICKERS_URL = "horizon:project:mr_stacks:launch_pickers"
STACK_UPDATE_URL = "horizon:project:mr_stacks:update"
STACK_UPDATE_STACK_URL = "horizon:project:mr_stacks:update_stack"
STACK_PATCH_URL = "horizon:project:mr_stacks:patch"
RESOURCE_TYPES_PANEL = "mr_resource_types"
RESOURCE_TYPES_INDEX_URL = "horizon:project:mr_resource_types:index"
# Args: resource type name.
RESOURCE_TYPE_DETAIL_URL = "horizon:project:mr_resource_types:detail"
# One stack's whole tree (JSON, polled) and its way up to the root (JSON);
# args: region name, stack id.
STACK_TREE_URL = "horizon:project:mr_stacks:tree"
STACK_LINEAGE_URL = "horizon:project:mr_stacks:lineage"
# A resource of a stack's tree, from that stack's page: Horizon's page of it
# (through the region switch) or a VPN object's details; args: region
# name, stack id (the stack shown), the resource's region; ?type=&id=.
RESOURCE_OPEN_URL = "horizon:project:mr_stacks:open_resource"
VPN_DETAIL_URL = "horizon:project:mr_stacks:vpn_detail"
# A stack of another cloud, reached through the OS::Heat::Stack resource
# that created it (panels/stacks/detail/urls.py), has the same pages, with
# the args: the holding stack's region and id (the user's own cloud), the
# resource's name, then the stack's region and id in the other cloud (and
# a page's own further args). Only such a stack has these actions here,
# routed to its cloud: check, delete, update (its parameters).
CLOUD_STACK_CHECK_URL = "horizon:project:mr_stacks:cloud_check"
CLOUD_STACK_DELETE_URL = "horizon:project:mr_stacks:cloud_delete"
CLOUD_STACK_UPDATE_URL = "horizon:project:mr_stacks:cloud_update"
# A stack's snapshots: take one (modal form; args: region name, stack id),
# restore one (modal form; args: region name, stack id, snapshot id).
SNAPSHOT_CREATE_URL = "horizon:project:mr_stacks:snapshot_create"
SNAPSHOT_RESTORE_URL = "horizon:project:mr_stacks:snapshot_restore"
# The events of a stack's tree for its timeline picture (JSON).
STACK_TIMELINE_URL = "horizon:project:mr_stacks:timeline"
STACK_DRIFT_URL = "horizon:project:mr_stacks:drift"
STACK_DRIFT_REPAIR_URL = "horizon:project:mr_stacks:drift_repair"

# Catalog service types.
ORCHESTRATION = "orchestration"
KEY_MANAGER = "key-manager"
IDENTITY = "identity"
# Services listed first on the Regions page, in this order.
LEADING_SERVICES = (ORCHESTRATION, KEY_MANAGER, IDENTITY)

# Permissions and policy rules.
ORCHESTRATION_PERMISSIONS = ("openstack.services.orchestration",)
STACKS_INDEX_POLICY = ((ORCHESTRATION, "stacks:index"),)
STACK_SHOW_POLICY = ((ORCHESTRATION, "stacks:show"),)
STACK_TEMPLATE_POLICY = ((ORCHESTRATION, "stacks:template"),)
STACK_ENVIRONMENT_POLICY = ((ORCHESTRATION, "stacks:environment"),)
RESOURCES_INDEX_POLICY = ((ORCHESTRATION, "resource:index"),)
RESOURCE_MARK_UNHEALTHY_POLICY = ((ORCHESTRATION, "resource:mark_unhealthy"),)
EVENTS_INDEX_POLICY = ((ORCHESTRATION, "events:index"),)

# How a stack of a tree hangs from its parent: the tree's root, a local
# nested stack, or the child of an OS::Heat::Stack (another region or cloud).
NODE_ROOT = "root"
NODE_NESTED = "nested"
NODE_REMOTE = "remote"

# Kinds of failure a call to a region can end with (RegionError.kind;
# exceptions.py groups the clients' exception classes for Horizon).
KIND_UNREACHABLE = "unreachable"
KIND_TIMEOUT = "timeout"
KIND_UNAUTHORIZED = "unauthorized"
KIND_FORBIDDEN = "forbidden"
KIND_SERVER_ERROR = "server_error"
KIND_ERROR = "error"
# A stack in another cloud whose credentials the plugin cannot use (yet).
KIND_OTHER_CLOUD = "other_cloud"
# Not a failure: a region still answering when a page was made (its rows
# follow the page).
KIND_LATE = "late"

ERROR_LABELS = {
    KIND_UNREACHABLE: pgettext_lazy("Region health", "Unreachable"),
    KIND_TIMEOUT: pgettext_lazy("Region health", "Timed out"),
    KIND_UNAUTHORIZED: pgettext_lazy("Region health", "Not authenticated"),
    KIND_FORBIDDEN: pgettext_lazy("Region health", "Forbidden"),
    KIND_SERVER_ERROR: pgettext_lazy("Region health", "Server error"),
    KIND_ERROR: pgettext_lazy("Region health", "Error"),
    KIND_OTHER_CLOUD: pgettext_lazy("Region health", "In another cloud"),
    KIND_LATE: pgettext_lazy("Region health", "Answering slowly"),
}

# Outcomes of a launch check; "not here" marks what only another cloud
# can check (it does not hold the launch back).
CHECK_PASSED = "passed"
CHECK_FAILED = "failed"
CHECK_SKIPPED = "skipped"
CHECK_NOT_HERE = "not_here"
CHECK_LABELS = {
    CHECK_PASSED: pgettext_lazy("Launch check", "Passed"),
    CHECK_FAILED: pgettext_lazy("Launch check", "Failed"),
    CHECK_SKIPPED: pgettext_lazy("Launch check", "Not run"),
    CHECK_NOT_HERE: pgettext_lazy("Launch check", "Not checked here"),
}

# What an update does to a resource, as Heat's update preview says.
CHANGE_LABELS = {
    "added": pgettext_lazy("Update preview", "Added"),
    "deleted": pgettext_lazy("Update preview", "Deleted"),
    "replaced": pgettext_lazy("Update preview", "Replaced"),
    "updated": pgettext_lazy("Update preview", "Updated"),
    "unchanged": pgettext_lazy("Update preview", "Unchanged"),
}

HEALTH_OK = pgettext_lazy("Region health", "OK")
HEALTH_CHECKING = pgettext_lazy("Region health", "Checking…")

# The Stacks panel's actions, each allowed by its own Heat policy rule.
STACK_DELETE_POLICY = ((ORCHESTRATION, "stacks:delete"),)
STACK_CHECK_POLICY = ((ORCHESTRATION, "actions:check"),)
STACK_SUSPEND_POLICY = ((ORCHESTRATION, "actions:suspend"),)
STACK_RESUME_POLICY = ((ORCHESTRATION, "actions:resume"),)
STACK_CANCEL_UPDATE_POLICY = ((ORCHESTRATION, "actions:cancel_update"),)
STACK_CREATE_POLICY = ((ORCHESTRATION, "stacks:create"),)
STACK_UPDATE_POLICY = ((ORCHESTRATION, "stacks:update"),)
STACK_PATCH_POLICY = ((ORCHESTRATION, "stacks:update_patch"),)
# Heat's own rule names (heat/policies/stacks.py): the types a region
# offers, and one type's schema.
RESOURCE_TYPES_POLICY = ((ORCHESTRATION, "stacks:list_resource_types"),)
RESOURCE_TYPE_SHOW_POLICY = ((ORCHESTRATION, "stacks:resource_schema"),)
# A stack's snapshots (the detail page's Snapshots tab).
SNAPSHOT_LIST_POLICY = ((ORCHESTRATION, "stacks:list_snapshots"),)
SNAPSHOT_SHOW_POLICY = ((ORCHESTRATION, "stacks:show_snapshot"),)
SNAPSHOT_CREATE_POLICY = ((ORCHESTRATION, "stacks:snapshot"),)
SNAPSHOT_RESTORE_POLICY = ((ORCHESTRATION, "stacks:restore_snapshot"),)
SNAPSHOT_DELETE_POLICY = ((ORCHESTRATION, "stacks:delete_snapshot"),)
OUTPUTS_LIST_POLICY = ((ORCHESTRATION, "stacks:list_outputs"),)

# A stack's status is "<ACTION>_<STATE>". Heat filters and sorts stacks on
# the state alone.
STATE_COMPLETE = "COMPLETE"
STATE_FAILED = "FAILED"
STATE_IN_PROGRESS = "IN_PROGRESS"
STACK_STATE_LABELS = {
    STATE_COMPLETE: pgettext_lazy("Stack state", "Complete"),
    STATE_FAILED: pgettext_lazy("Stack state", "Failed"),
    STATE_IN_PROGRESS: pgettext_lazy("Stack state", "In progress"),
}
STACK_ACTION_LABELS = {
    "INIT": pgettext_lazy("Stack action", "Init"),
    "CREATE": pgettext_lazy("Stack action", "Create"),
    "DELETE": pgettext_lazy("Stack action", "Delete"),
    "UPDATE": pgettext_lazy("Stack action", "Update"),
    "ROLLBACK": pgettext_lazy("Stack action", "Rollback"),
    "SUSPEND": pgettext_lazy("Stack action", "Suspend"),
    "RESUME": pgettext_lazy("Stack action", "Resume"),
    "ADOPT": pgettext_lazy("Stack action", "Adopt"),
    "SNAPSHOT": pgettext_lazy("Stack action", "Snapshot"),
    "CHECK": pgettext_lazy("Stack action", "Check"),
    "RESTORE": pgettext_lazy("Stack action", "Restore"),
}

# The Credentials panel: Barbican secrets holding another cloud's
# credentials, as Heat's OS::Heat::Stack reads them (credential_secret_id).
CREDENTIALS_PANEL = "mr_credentials"
CREDENTIALS_INDEX_URL = "horizon:project:mr_credentials:index"
CREDENTIAL_CREATE_URL = "horizon:project:mr_credentials:create"
# Checks the credential entered in the create form (POST, HTML fragment).
CREDENTIAL_CHECK_URL = "horizon:project:mr_credentials:check"
# Args: region name, secret id.
CREDENTIAL_VERIFY_URL = "horizon:project:mr_credentials:verify"
CREDENTIAL_DELETE_URL = "horizon:project:mr_credentials:delete"
KEY_MANAGER_PERMISSIONS = ("openstack.services.key-manager",)
SECRETS_LIST_POLICY = ((KEY_MANAGER, "secrets:get"),)
SECRET_CREATE_POLICY = ((KEY_MANAGER, "secrets:post"),)
SECRET_DECRYPT_POLICY = ((KEY_MANAGER, "secret:decrypt"),)
SECRET_DELETE_POLICY = ((KEY_MANAGER, "secret:delete"),)
# Barbican's statuses of a secret.
SECRET_STATUS_LABELS = {
    "ACTIVE": pgettext_lazy("Secret status", "Active"),
    "PENDING": pgettext_lazy("Secret status", "Pending"),
    "ERROR": pgettext_lazy("Secret status", "Error"),
}

# Stack sets (panels/stack_sets/, docs/stack_sets.md): one template in
# several regions, its members found by their tags. Args: detail, update,
# delete and retry: the set's name; add and remove: the name and a region.
STACK_SETS_PANEL = "mr_stack_sets"
STACK_SETS_INDEX_URL = "horizon:project:mr_stack_sets:index"
STACK_SET_DETAIL_URL = "horizon:project:mr_stack_sets:detail"
STACK_SET_UPDATE_URL = "horizon:project:mr_stack_sets:update"
STACK_SET_UPDATE_TEMPLATE_URL = (
    "horizon:project:mr_stack_sets:update_template")
STACK_SET_ADD_URL = "horizon:project:mr_stack_sets:add"
STACK_SET_REMOVE_URL = "horizon:project:mr_stack_sets:remove"
STACK_SET_DELETE_URL = "horizon:project:mr_stack_sets:delete"
STACK_SET_RETRY_URL = "horizon:project:mr_stack_sets:retry"
STACK_SET_DRIFT_URL = "horizon:project:mr_stack_sets:drift"
STACK_SET_DRIFT_REPAIR_URL = "horizon:project:mr_stack_sets:drift_repair"
# Launching a set (panels/stack_sets/launch_urls.py, under the Stacks
# panel's URLs): the launch flow's two steps, with several regions.
STACK_SET_LAUNCH_URL = "horizon:project:mr_stacks:launch_set"
STACK_SET_LAUNCH_STACK_URL = "horizon:project:mr_stacks:launch_set_stack"
# What a set operation's region did (api/stack_sets/rollout.py).
OUTCOME_LABELS = {
    "done": pgettext_lazy("Stack set operation", "Started"),
    "failed": pgettext_lazy("Stack set operation", "Failed"),
    "not_started": pgettext_lazy("Stack set operation", "Not started"),
}
