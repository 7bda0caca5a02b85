"""The plugin's settings, read in one place.

Operators tune the plugin with one dict in Horizon's settings::

    MR_DASHBOARD = {"REGION_TIMEOUT": 3.0}

Every key is optional; ``DEFAULTS`` declares and documents each one. The few
Horizon settings the plugin depends on (TLS verification, endpoint
interface) are read here too, so no other module touches
``django.conf.settings`` directly. Values are read on every call, which
keeps ``override_settings`` in tests working.
"""

from typing import Any

from django.conf import settings

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


def fan_out_deadline() -> float:
    """Seconds after which a fan-out stops waiting for slow regions."""
    return region_timeout() + float(plugin_setting("DEADLINE_MARGIN"))


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
