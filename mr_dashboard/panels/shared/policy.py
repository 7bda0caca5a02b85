"""The one way a view is kept to Heat's policy.

:class:`PolicyRequired` checks every rule of the view's ``policy_rules``
(:func:`mr_dashboard.permission.allows`: Heat's policy even where Horizon
checks none) before anything else the view does, and refuses with a
message on the page :meth:`PolicyRequired.refused_url` names, as Horizon's
own actions do. A view's rules may depend on the request (a property, or
set in its ``dispatch`` before this one runs).
"""

from django.shortcuts import redirect
from django.utils.translation import gettext as _

from horizon import messages

from mr_dashboard import permission


class PolicyRequired:
    """Mixin of a view Heat's policy must allow (see the module)."""

    policy_rules: tuple = ()

    def dispatch(self, request, *args, **kwargs):
        if not permission.allows(request, self.policy_rules):
            messages.error(request, _("You are not allowed to do this: "
                                      "Heat's policy refuses it."))
            return redirect(self.refused_url())
        return super().dispatch(request, *args, **kwargs)

    def refused_url(self) -> str:
        """Where a refused request goes back to."""
        raise NotImplementedError
