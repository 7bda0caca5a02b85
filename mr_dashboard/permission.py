"""Whether the user may do something: the plugin's one policy check.

Horizon checks a panel's, tab's or table action's ``policy_rules`` with
its ``POLICY_CHECK_FUNCTION`` and, when that setting is None, allows
everything. A view that acts (takes a snapshot, deletes a stack of
another cloud, changes a stack set) must not be open for that reason:
:func:`allows` uses the function Horizon is set to and, when none is set,
``openstack_auth``'s own check against the services' policy files
(``POLICY_FILES``: Heat's policy for the orchestration rules).

A table asks each row action's rules once per row: a page of 20 stacks
asked the policy engine about 150 times, half the time of rendering it.
The plugin's row actions (:class:`CheckedOncePerRequest`) ask once per
request and target instead; the answer is the same for every row, since
their target does not depend on the row.
"""

from openstack_auth import policy

from horizon.tables.actions import BaseAction
from horizon.utils import settings as horizon_settings

#: Where a request keeps the answers of :func:`allows_once`.
_ANSWERS = "_mr_dashboard_policy_answers"


def allows(request, rules: tuple, target: dict | None = None) -> bool:
    """Whether the policy allows every rule of ``rules`` (pairs of
    service type and rule, as Horizon's ``policy_rules``)."""
    check = (horizon_settings.import_setting("POLICY_CHECK_FUNCTION")
             or policy.check)
    return bool(check(rules, request, target or {}))


def allows_once(request, rules: tuple, target: dict | None = None) -> bool:
    """:func:`allows`, asked once per request for the same rules and
    target."""
    answers = request.__dict__.setdefault(_ANSWERS, {})
    key = (tuple(rules), repr(sorted((target or {}).items())))
    if key not in answers:
        answers[key] = allows(request, rules, target)
    return answers[key]


class CheckedOncePerRequest(BaseAction):
    """Mixin of a table action whose policy target is the same for every
    row: its rules are checked by :func:`allows_once`, then its
    ``allowed``. List it after Horizon's action class, so that a batch
    action's own test (no batch buttons on an empty table) runs first."""

    def _allowed(self, request, datum):
        if self.policy_rules and not allows_once(
                request, self.policy_rules,
                self.get_policy_target(request, datum)):
            return False
        return self.allowed(request, datum)
