"""Reaching a stack that lives in another cloud.

The child of an ``OS::Heat::Stack`` whose ``context`` names a
``credential_secret_id`` lives in another cloud: Heat reached it with the
credentials kept in that Barbican secret. The tree walk asks
:func:`cloud_request` for a request that carries the other cloud's token and
catalog; every function of :mod:`mr_dashboard.api.heat` then works there
unchanged; when it cannot be reached, the answer is
:class:`CloudUnavailable`, with the reason to show.

``plugins`` turns keystoneauth's own plugin loaders into form fields and
builds the secret's JSON; ``guard`` keeps every call to another cloud on
the addresses allowed (the credentials' policy on
:mod:`mr_dashboard.api.outbound`); ``auth`` authenticates with a credential
exactly as Heat does; ``check`` reports what a credential reaches;
``remote`` reads the secret (on the server only) and makes the request
into the other cloud.
"""

from mr_dashboard import constants
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.other_cloud import remote


class CloudUnavailable(Exception):
    """The other cloud cannot be reached with what this user may read."""

    def error(self) -> RegionError:
        """The reason, as the tree shows it on the unreachable child."""
        return RegionError(constants.KIND_OTHER_CLOUD, str(self))


def cloud_request(request: ApiRequest, secret_id: str) -> ApiRequest:
    """A request reaching the cloud whose credentials ``secret_id`` holds.

    Raises :class:`CloudUnavailable` when they cannot be read or used.
    """
    try:
        return remote.cloud_request(request, secret_id)
    except remote.Unreachable as exc:
        raise CloudUnavailable(str(exc)) from None
