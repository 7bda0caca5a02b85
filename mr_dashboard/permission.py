"""Whether the user may do something: the plugin's one policy check.

Horizon checks a panel's, tab's or table action's ``policy_rules`` with
its ``POLICY_CHECK_FUNCTION`` and, when that setting is None, allows
everything. A view that acts (takes a snapshot, deletes a stack of
another cloud, changes a stack set) must not be open for that reason:
:func:`allows` uses the function Horizon is set to and, when none is set,
``openstack_auth``'s own check against the services' policy files
(``POLICY_FILES``: Heat's policy for the orchestration rules).
"""

from openstack_auth import policy

from horizon.utils import settings as horizon_settings


def allows(request, rules: tuple, target: dict | None = None) -> bool:
    """Whether the policy allows every rule of ``rules`` (pairs of
    service type and rule, as Horizon's ``policy_rules``)."""
    check = (horizon_settings.import_setting("POLICY_CHECK_FUNCTION")
             or policy.check)
    return bool(check(rules, request, target or {}))
