# Settings of mr_dashboard. Copy into
# openstack_dashboard/local/local_settings.d/ and change what you need,
# here or in an MR_DASHBOARD dict of local_settings.py (Horizon reads this
# snippet after local_settings.py: the keys set there are kept); a key set
# nowhere keeps the default shown here (see mr_dashboard/conf.py).

MR_DASHBOARD = dict({
    # Seconds allowed to connect to, and then to read from, a region's
    # service on every cloud call.
    "REGION_TIMEOUT": 5.0,
    # Seconds between two refreshes of the Regions page's health column.
    "HEALTH_REFRESH_SECONDS": 10,
    # Most regions asked at the same time by one fan-out.
    "MAX_PARALLEL": 8,
    # Seconds a fan-out waits beyond REGION_TIMEOUT before it gives up on
    # the regions that have not answered.
    "DEADLINE_MARGIN": 1.0,
    # Seconds between two refreshes of a stack's tree, picture and events
    # while anything in the tree is in progress.
    "TREE_REFRESH_SECONDS": 5,
    # Levels of local nested stacks asked of Heat in one listing (Heat's
    # own max_nested_stack_depth, 5 by default, caps it anyway).
    "TREE_NESTED_DEPTH": 5,
    # Most calls one tree walk keeps in flight at the same time.
    "TREE_PARALLEL_CALLS": 16,
    # Largest template, environment or referenced file, in bytes, checked
    # before anything is sent (Heat's own max_template_size).
    "TEMPLATE_MAX_BYTES": 524288,
    # Largest sum of all the files of one launch (an uploaded folder or
    # archive unpacked, the files fetched from URLs), in bytes (Heat's
    # max_json_body_size).
    "TEMPLATE_MAX_TOTAL_BYTES": 1048576,
    # Most files one uploaded folder or archive may hold, and most URLs
    # one launch may fetch.
    "TEMPLATE_MAX_FILES": 100,
    # Seconds allowed to fetch a template from a URL: connecting, the
    # answer's headers and its whole body.
    "TEMPLATE_URL_TIMEOUT": 10.0,
    # Networks (CIDRs, e.g. "192.0.2.0/24") template URLs may point into
    # although they are not global: loopback, link-local, private...
    # Every other non-global address is refused.
    "TEMPLATE_URL_ALLOWED_NETWORKS": [],
    # Seconds a region's template versions and resource types are kept
    # for the launch checks and the Resource Types panel.
    "REGION_CACHE_SECONDS": 60,
    # Seconds allowed for the Heat calls that make a region talk to other
    # regions before it answers: create, update and their previews.
    "STACK_ACTION_TIMEOUT": 60.0,
    # Seconds a region that has just timed out is not waited for again:
    # pages show it as skipped while a background call retries it.
    "REGION_QUIET_SECONDS": 30,
    # Seconds allowed for each call to another cloud's Keystone when a
    # credential is checked or used to reach that cloud: connecting, the
    # answer's headers and its whole body.
    "CREDENTIAL_CHECK_TIMEOUT": 10.0,
    # Networks (CIDRs) another cloud's auth URLs and endpoints may point
    # into although they are not global: loopback, link-local, private...
    # Every other non-global address is refused.
    "CREDENTIAL_CHECK_ALLOWED_NETWORKS": [],
    # Largest answer, in bytes, read from another cloud (its Keystone and
    # its Heat), after decompression: parsed, an answer takes up to about
    # 15 times its size in a worker's memory.
    "OTHER_CLOUD_MAX_BYTES": 4194304,
    # Items asked per page when a launch form lists a region's images,
    # flavors, networks... for its pickers (every page is read).
    "PICKER_PAGE_SIZE": 100,
}, **globals().get("MR_DASHBOARD", {}))

# Heat's policy for the panels' policy checks: the defaults of Heat 27 (its
# policy in code) shipped with the plugin, and an empty override file. Where
# heat-dashboard (or the operator) already configured "orchestration", that
# configuration is kept.
import os as _os  # noqa: E402

import mr_dashboard as _mr_dashboard  # noqa: E402

_MR_POLICY = _os.path.join(_os.path.dirname(_mr_dashboard.__file__), "policy")
POLICY_FILES.setdefault(  # noqa: F821
    "orchestration", _os.path.join(_MR_POLICY, "heat_policy.yaml"))
DEFAULT_POLICY_FILES.setdefault(  # noqa: F821
    "orchestration", _os.path.join(_MR_POLICY, "heat.yaml"))
