"""Exceptions the plugin raises, and the client exceptions Horizon should
handle for it.

The three tuples are registered with Horizon through ``ADD_EXCEPTIONS`` in
the enabled file, so ``horizon.exceptions.handle`` treats them like
Horizon's own: UNAUTHORIZED logs the user out, NOT_FOUND and RECOVERABLE
become an error message on the page.
"""

from django.utils.translation import gettext
from heatclient import exc as heat_exc
from keystoneauth1 import exceptions as ksa_exc


class UnknownRegion(LookupError):
    """The user's catalog has no region of that name offering Heat."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            gettext("No region named %(name)s offers Heat to this project.")
            % {"name": name})


class MalformedAnswer(ValueError):
    """A cloud answered with something its API does not document."""

    def __init__(self, what: str) -> None:
        super().__init__(
            gettext("The cloud's answer is not understood: %(what)s.")
            % {"what": what})


UNAUTHORIZED = (
    heat_exc.Unauthorized,
)

NOT_FOUND = (
    heat_exc.NotFound,
    UnknownRegion,
)

RECOVERABLE = (
    heat_exc.HTTPException,
    heat_exc.CommunicationError,
    ksa_exc.ConnectionError,
    # Barbican is called through keystoneauth sessions.
    ksa_exc.HttpError,
    MalformedAnswer,
)
