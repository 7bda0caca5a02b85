# Settings of mr_dashboard. Copy into
# openstack_dashboard/local/local_settings.d/. Change what you need in an
# MR_DASHBOARD dict of local_settings.py (Horizon reads this snippet after
# local_settings.py: the keys set there are kept) or below; a key set
# nowhere keeps its default. Every key, its default and what it does:
# DEFAULTS in mr_dashboard/conf.py, the one place they are written.
import copy as _copy  # noqa: E402

from mr_dashboard.conf import DEFAULTS as _MR_DEFAULTS  # noqa: E402

MR_DASHBOARD = dict(_copy.deepcopy(_MR_DEFAULTS),
                    **globals().get("MR_DASHBOARD", {}))

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
