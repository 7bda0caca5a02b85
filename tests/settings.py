"""Django settings for the plugin's tests.

Horizon's own test settings (``openstack_dashboard.test.settings``) with the
plugin's enabled files added the way a deployment adds them. Unit tests use
them as they are. Tests against a real Keystone set ``MRD_KEYSTONE_URL``
(and optionally ``MRD_KEYSTONE_DOMAIN``, default ``Default``) to point
Horizon at it.
"""

import os

from openstack_dashboard.test.settings import *  # noqa: F403,H303
from openstack_dashboard.utils import settings as settings_utils

import openstack_dashboard.enabled
import mr_dashboard.enabled

# Horizon's test settings already ran update_dashboards() with its own
# enabled files; run it again with the plugin's, then drop what the second
# run repeated.
HORIZON_CONFIG.pop("dashboards", None)  # noqa: F405
HORIZON_CONFIG.pop("default_dashboard", None)  # noqa: F405
settings_utils.update_dashboards(
    [openstack_dashboard.enabled, mr_dashboard.enabled],
    HORIZON_CONFIG,  # noqa: F405
    INSTALLED_APPS,  # noqa: F405
)
INSTALLED_APPS = list(dict.fromkeys(INSTALLED_APPS))  # noqa: F405
for _key in ("js_files", "angular_modules", "plugins"):
    HORIZON_CONFIG[_key] = list(dict.fromkeys(HORIZON_CONFIG[_key]))  # noqa

# Django's default in-process cache keeps 300 entries and culls a third when
# full: a walk of a tree fills it, and what a page keeps for the next (a
# drift detection) would be gone. A deployment's memcached keeps far more;
# so does this one.
CACHES = {"default": {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "OPTIONS": {"MAX_ENTRIES": 20000}}}

# Pages wait for every region: the tests that count a page's rows must not
# see a region of the busy shared cloud come late. The tests of the page
# budget (tests/functional/test_late_regions.py) turn it on, and so does
# a test that sets MR_DASHBOARD without this key.
MR_DASHBOARD = {"PAGE_BUDGET_CEILING": 0}

if os.environ.get("MRD_KEYSTONE_URL"):
    OPENSTACK_KEYSTONE_URL = os.environ["MRD_KEYSTONE_URL"]
    OPENSTACK_KEYSTONE_DEFAULT_DOMAIN = os.environ.get(
        "MRD_KEYSTONE_DOMAIN", "Default")
    OPENSTACK_KEYSTONE_MULTIDOMAIN_SUPPORT = False
    # Horizon's test settings offer two made-up Keystones at login.
    AVAILABLE_REGIONS = []
