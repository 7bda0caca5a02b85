"""Keep calls to another cloud on addresses the operator allows.

A credential names its own ``auth_url``: the dashboard's server then calls
a URL a user typed. :func:`guarded_session` is a keystoneauth session on
the plugin's one outbound guard (:mod:`mr_dashboard.api.outbound`) with
the credentials' policy: ``CREDENTIAL_CHECK_ALLOW_PRIVATE`` and
``CREDENTIAL_CHECK_TIMEOUT``. Given ``origins``, a check talks only to the
auth URL it was given.
"""

from keystoneauth1 import session as ks_session

from mr_dashboard import conf
from mr_dashboard.api import outbound
from mr_dashboard.api.outbound import AddressRefused
from mr_dashboard.api.outbound import Origin
from mr_dashboard.api.outbound import origin_of

__all__ = ["AddressRefused", "Origin", "checked_address", "guarded_session",
           "origin_of"]


def checked_address(host: str, port: int) -> str:
    """The address ``host`` resolves to, once it passes the credentials'
    address policy."""
    return outbound.checked_address(host, port,
                                    conf.credential_check_allow_private())


def guarded_session(verify: bool | str,
                    origins: frozenset[Origin] | None = None
                    ) -> ks_session.Session:
    """A keystoneauth session through the outbound guard, with the
    credential timeout and no retries."""
    return ks_session.Session(
        session=outbound.transport(conf.credential_check_allow_private,
                                   origins),
        verify=verify, timeout=conf.credential_check_timeout(),
        connect_retries=0, app_name="mr_dashboard")
