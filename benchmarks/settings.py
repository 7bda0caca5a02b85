"""Django settings of the Stacks page benchmark.

The plugin's test settings pointed at the demo cloud's Keystone
(``MRD_KEYSTONE_URL``), with heat-dashboard's Stacks panel enabled next to
the plugin's (in this process only: the demo Horizon does not have it),
Heat reached through the delaying proxies (:mod:`benchmarks.catalog`), a
local cache roomy enough to hold the plugin's region memory, and templates
and static files handled as a deployment does.
"""

import os

import heat_dashboard.enabled
import openstack_dashboard.enabled
from openstack_dashboard import defaults as _defaults
from openstack_dashboard.utils import settings as settings_utils

import mr_dashboard
import mr_dashboard.enabled
from tests.settings import *  # noqa: F403,H303

_MR_POLICY = os.path.join(os.path.dirname(mr_dashboard.__file__), "policy")

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
# Pages wait for every region (no page budget): the dashboards are compared
# on whole pages (benchmarks/late_regions.py measures the budget).
MR_DASHBOARD = {"REGION_TIMEOUT": 30.0, "PAGE_BUDGET_CEILING": 0}
# Policy checked as in a deployment (Horizon's test settings turn it off):
# both dashboards' actions ask it for every row. Heat's rules are the
# plugin's (enabled/local_settings.d/_6000_mr_dashboard.py).
POLICY_CHECK_FUNCTION = _defaults.POLICY_CHECK_FUNCTION
POLICY_FILES_PATH = _defaults.POLICY_FILES_PATH
POLICY_DIRS = _defaults.POLICY_DIRS
POLICY_FILES = {**_defaults.POLICY_FILES, "orchestration": os.path.join(
    _MR_POLICY, "heat_policy.yaml")}
DEFAULT_POLICY_FILES = {**_defaults.DEFAULT_POLICY_FILES,
                        "orchestration": os.path.join(_MR_POLICY, "heat.yaml")}
