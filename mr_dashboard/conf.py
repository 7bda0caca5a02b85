"""The plugin's settings, read in one place.

Operators tune the plugin with one dict in Horizon's settings::

    MR_DASHBOARD = {"REGION_TIMEOUT": 3.0}

Every key is optional; ``DEFAULTS`` declares and documents each one. The few
Horizon settings the plugin depends on (TLS verification, endpoint
interface) are read here too, so no other module touches
``django.conf.settings`` directly. Values are read on every call, which
keeps ``override_settings`` in tests working.
"""

import ipaddress
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

LOG = logging.getLogger(__name__)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

#: Declared defaults of ``settings.MR_DASHBOARD``.
DEFAULTS: dict[str, Any] = {
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
    # Most seconds a page of several regions waits for a region slower
    # than its usual time (learned per region and project) once the
    # others have answered; it then renders without that region, shows
    # it as answering slowly, and its rows follow when they come (up to
    # REGION_TIMEOUT). A region with no usual time yet is waited for this
    # long. 0: pages wait for every region up to REGION_TIMEOUT.
    "PAGE_BUDGET_CEILING": 1.5,
    # Seconds a region's usual answer time is remembered (in the cache
    # every Horizon worker shares) without a new answer.
    "REGION_PACE_SECONDS": 86400,
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
    # its Heat), and of each object drift detection reads in the user's
    # own cloud, after decompression: parsed, an answer takes up to about
    # 15 times its size in a worker's memory.
    "OTHER_CLOUD_MAX_BYTES": 4194304,
    # Items asked per page when a launch form lists a region's images,
    # flavors, networks... for its pickers (every page is read).
    "PICKER_PAGE_SIZE": 100,
    # Seconds a drift detection's result is kept for the stack's page (per
    # project; "check again" replaces it).
    "DRIFT_KEEP_SECONDS": 3600,
}

# Horizon's OPENSTACK_ENDPOINT_TYPE speaks Keystone v2 names; the v3
# catalog names the same thing an interface.
_V2_ENDPOINT_TYPES = {
    "publicURL": "public",
    "internalURL": "internal",
    "adminURL": "admin",
}


def plugin_setting(name: str) -> Any:
    """Return ``MR_DASHBOARD[name]``, or its declared default."""
    if name not in DEFAULTS:
        raise KeyError(f"MR_DASHBOARD has no setting named {name!r}")
    overrides = getattr(settings, "MR_DASHBOARD", None) or {}
    return overrides.get(name, DEFAULTS[name])


def region_timeout() -> float:
    """Connect and read timeout, in seconds, of every call to a region."""
    return float(plugin_setting("REGION_TIMEOUT"))


def health_refresh_seconds() -> int:
    """Seconds between two refreshes of the health column."""
    return int(plugin_setting("HEALTH_REFRESH_SECONDS"))


def max_parallel() -> int:
    """Most worker threads one fan-out may use (at least one)."""
    return max(1, int(plugin_setting("MAX_PARALLEL")))


def drift_keep_seconds() -> int:
    """Seconds a drift detection's result is kept for the stack's page."""
    return int(plugin_setting("DRIFT_KEEP_SECONDS"))


def fan_out_deadline() -> float:
    """Seconds after which a fan-out stops waiting for slow regions."""
    return region_timeout() + float(plugin_setting("DEADLINE_MARGIN"))


def tree_refresh_seconds() -> int:
    """Seconds between two refreshes of a stack tree in progress."""
    return max(1, int(plugin_setting("TREE_REFRESH_SECONDS")))


def tree_nested_depth() -> int:
    """``nested_depth`` of the listings a tree walk asks for."""
    return max(1, int(plugin_setting("TREE_NESTED_DEPTH")))


def tree_parallel_calls() -> int:
    """Most calls a tree walk runs at once (at least one)."""
    return max(1, int(plugin_setting("TREE_PARALLEL_CALLS")))


def page_budget_ceiling() -> float:
    """Most seconds a page waits for a region slower than usual (0: up
    to the region's timeout)."""
    return max(0.0, float(plugin_setting("PAGE_BUDGET_CEILING")))


def region_pace_seconds() -> int:
    """Seconds a region's usual answer time is remembered."""
    return max(1, int(plugin_setting("REGION_PACE_SECONDS")))


def region_quiet_seconds() -> float:
    """Seconds a region that timed out is skipped by pages (0: never)."""
    return max(0.0, float(plugin_setting("REGION_QUIET_SECONDS")))


def template_max_bytes() -> int:
    """Largest template, environment or referenced file, in bytes."""
    return int(plugin_setting("TEMPLATE_MAX_BYTES"))


def template_max_total_bytes() -> int:
    """Largest sum of the files of one launch, in bytes."""
    return int(plugin_setting("TEMPLATE_MAX_TOTAL_BYTES"))


def template_max_files() -> int:
    """Most files one uploaded folder or archive may hold."""
    return int(plugin_setting("TEMPLATE_MAX_FILES"))


def template_url_timeout() -> float:
    """Seconds allowed to fetch a template from a URL."""
    return float(plugin_setting("TEMPLATE_URL_TIMEOUT"))


def template_url_allowed_networks() -> tuple[Network, ...]:
    """Non-global networks template URLs may point into."""
    return _networks("TEMPLATE_URL_ALLOWED_NETWORKS")


def region_cache_seconds() -> int:
    """Seconds a region's template versions and resource types are kept."""
    return max(0, int(plugin_setting("REGION_CACHE_SECONDS")))


def credential_check_timeout() -> float:
    """Seconds allowed for each call to another cloud's Keystone."""
    return float(plugin_setting("CREDENTIAL_CHECK_TIMEOUT"))


def credential_check_allowed_networks() -> tuple[Network, ...]:
    """Non-global networks another cloud's URLs may point into."""
    return _networks("CREDENTIAL_CHECK_ALLOWED_NETWORKS")


def other_cloud_max_bytes() -> int:
    """Largest answer read from another cloud (or by drift detection in
    the user's own), in bytes."""
    return int(plugin_setting("OTHER_CLOUD_MAX_BYTES"))


#: Settings no longer read, and the ones that replaced them.
REMOVED = {"TEMPLATE_URL_ALLOW_PRIVATE": "TEMPLATE_URL_ALLOWED_NETWORKS",
           "CREDENTIAL_CHECK_ALLOW_PRIVATE":
               "CREDENTIAL_CHECK_ALLOWED_NETWORKS"}
_warned: set[str] = set()


def _networks(name: str) -> tuple[Network, ...]:
    """The networks of setting ``name`` (a list of CIDRs); warns once if
    the boolean it replaced is still set."""
    overrides = getattr(settings, "MR_DASHBOARD", None) or {}
    for old, new in REMOVED.items():
        if new == name and old in overrides and old not in _warned:
            _warned.add(old)
            LOG.warning("MR_DASHBOARD[%r] is no longer read: list the "
                        "networks to allow in MR_DASHBOARD[%r].", old, new)
    try:
        return tuple(ipaddress.ip_network(str(entry).strip(), strict=False)
                     for entry in plugin_setting(name))
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured(
            f"MR_DASHBOARD[{name!r}] must be a list of CIDRs: {exc}"
        ) from None


def stack_action_timeout() -> float:
    """Seconds allowed for creates, updates and their previews."""
    return float(plugin_setting("STACK_ACTION_TIMEOUT"))


def picker_page_size() -> int:
    """Items per page of the pickers' list calls (at least one)."""
    return max(1, int(plugin_setting("PICKER_PAGE_SIZE")))


def ssl_verify() -> bool | str:
    """The ``verify`` argument for keystoneauth, from Horizon's settings."""
    if getattr(settings, "OPENSTACK_SSL_NO_VERIFY", False):
        return False
    return getattr(settings, "OPENSTACK_SSL_CACERT", None) or True


def _interface(endpoint_type: str | None) -> str | None:
    if not endpoint_type:
        return None
    return _V2_ENDPOINT_TYPES.get(endpoint_type, endpoint_type)


def endpoint_interfaces() -> tuple[str, ...]:
    """Catalog interfaces to use, preferred first.

    From Horizon's ``OPENSTACK_ENDPOINT_TYPE`` (default ``public``) and its
    fallback ``SECONDARY_ENDPOINT_TYPE``.
    """
    primary = _interface(
        getattr(settings, "OPENSTACK_ENDPOINT_TYPE", None)) or "public"
    secondary = _interface(getattr(settings, "SECONDARY_ENDPOINT_TYPE", None))
    if secondary and secondary != primary:
        return (primary, secondary)
    return (primary,)


def reset_warnings() -> None:
    """Forget which removed settings were warned about (a new process)."""
    _warned.clear()
