"""What the set pages share: Heat's policy on each operation, and an
operation's outcome told per region."""

from django.urls import reverse
from django.utils.translation import gettext as _

from horizon import messages

from mr_dashboard import constants
from mr_dashboard import permission
from mr_dashboard.api.stack_sets import rollout
from mr_dashboard.panels.shared.policy import PolicyRequired
from mr_dashboard.safe_reverse import safe_reverse


def detail_url(name: str) -> str:
    """A set's page; the Stack Sets list for a name no URL can carry."""
    return (safe_reverse(constants.STACK_SET_DETAIL_URL, (name,))
            or reverse(constants.STACK_SETS_INDEX_URL))


def allowed(request) -> dict[str, bool]:
    """Which set operations Heat's policy allows, for a page's buttons."""
    return {name: permission.allows(request, rules) for name, rules in (
        ("create", constants.STACK_CREATE_POLICY),
        ("update", constants.STACK_PATCH_POLICY),
        ("delete", constants.STACK_DELETE_POLICY))}


class Allowed(PolicyRequired):
    """A set's view Heat's policy must allow: refused back to the set's
    page (or the list)."""

    def refused_url(self) -> str:
        return (detail_url(self.kwargs["name"]) if "name" in self.kwargs
                else reverse(constants.STACK_SETS_INDEX_URL))


def tell(request, what: str, outcomes: dict[str, rollout.Outcome]) -> None:
    """One message per region: what ``what`` did there."""
    for region, outcome in outcomes.items():
        words = {"what": what, "region": region,
                 "state": constants.OUTCOME_LABELS[outcome.state],
                 "message": outcome.message}
        if outcome.ok:
            messages.success(request, _("%(what)s in %(region)s: "
                                        "%(state)s.") % words)
        else:
            messages.error(request, _(
                "%(what)s in %(region)s: %(state)s: %(message)s It can be "
                "retried from the set's page.") % words)
