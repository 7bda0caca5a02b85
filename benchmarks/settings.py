"""Django settings of the Stacks page benchmark.

The plugin's test settings pointed at the demo cloud's Keystone
(``MRD_KEYSTONE_URL``), with heat-dashboard's Stacks panel enabled next to
the plugin's (in this process only: the demo Horizon does not have it),
Heat reached through the delaying proxies (:mod:`benchmarks.catalog`), a
local cache roomy enough to hold the plugin's region memory, and templates
and static files handled as a deployment does.
"""

import heat_dashboard.enabled
import openstack_dashboard.enabled
from openstack_dashboard.utils import settings as settings_utils

import mr_dashboard.enabled
from tests.settings import *  # noqa: F403,H303

HORIZON_CONFIG.pop("dashboards", None)  # noqa: F405
HORIZON_CONFIG.pop("default_dashboard", None)  # noqa: F405
settings_utils.update_dashboards(
    [openstack_dashboard.enabled, mr_dashboard.enabled,
     heat_dashboard.enabled],
    HORIZON_CONFIG,  # noqa: F405
    INSTALLED_APPS,  # noqa: F405
)
INSTALLED_APPS = list(dict.fromkeys(INSTALLED_APPS))  # noqa: F405
for _key in ("js_files", "angular_modules", "plugins"):
    HORIZON_CONFIG[_key] = list(dict.fromkeys(HORIZON_CONFIG[_key]))  # noqa

MIDDLEWARE = list(MIDDLEWARE) + [  # noqa: F405
    "benchmarks.catalog.ProxiedCatalogMiddleware"]
CACHES = {"default": {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "mr-dashboard-benchmark",
    "OPTIONS": {"MAX_ENTRIES": 100000}}}
DEBUG = False
# Quiet: Horizon logs an error on every page for this cloud's missing
# Neutron (the admin RBAC panel's check).
LOGGING = {"version": 1, "disable_existing_loggers": True,
           "handlers": {"null": {"class": "logging.NullHandler"}},
           "root": {"level": "CRITICAL", "handlers": ["null"]}}
# Served like a deployment with DEBUG off: templates parsed once per
# process (Horizon's cached loader) and no compression work per request
# (a deployment compresses offline): both dashboards alike.
TEMPLATES[0]["OPTIONS"]["loaders"] = [  # noqa: F405
    ("django.template.loaders.cached.Loader",
     TEMPLATES[0]["OPTIONS"]["loaders"])]  # noqa: F405
TEMPLATES[0]["OPTIONS"]["debug"] = False  # noqa: F405
COMPRESS_ENABLED = False
# Whole pages even while Heat validates a new token slowly (first sight on
# a busy machine): what is measured is the time, not the deadline.
MR_DASHBOARD = {"REGION_TIMEOUT": 30.0}
