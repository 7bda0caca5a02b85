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

from mr_dashboard.api.other_cloud.remote import CloudUnavailable
from mr_dashboard.api.other_cloud.remote import cloud_request

__all__ = ["CloudUnavailable", "cloud_request"]
