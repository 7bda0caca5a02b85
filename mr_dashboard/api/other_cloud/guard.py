"""Keep calls to another cloud on addresses the operator allows, within
their time and size.

A credential names its own ``auth_url``, and that Keystone's catalog names
the Heat endpoints: the dashboard's server then calls URLs a user chose.
:func:`transport` is the plugin's one outbound guard
(:mod:`mr_dashboard.api.transport.outbound`) with the credentials' rules
(``CREDENTIAL_CHECK_ALLOWED_NETWORKS``, ``OTHER_CLOUD_MAX_BYTES``), for
every call into another cloud: each call ends at its own timeout (the
session's), however slowly that cloud answers. :func:`guarded_session`
is a keystoneauth session on it for the login, with
``CREDENTIAL_CHECK_TIMEOUT``. Given ``origins``, a check talks only to the
auth URL it was given.
"""

import requests
from keystoneauth1 import session as ks_session

from mr_dashboard import conf
from mr_dashboard.api.transport import outbound
from mr_dashboard.api.transport.outbound import AddressRefused
from mr_dashboard.api.transport.outbound import Origin
from mr_dashboard.api.transport.outbound import Verify
from mr_dashboard.api.transport.outbound import origin_of

__all__ = ["AddressRefused", "Origin", "Verify", "guarded_session",
           "origin_of", "transport"]


def rules() -> outbound.Rules:
    """The credentials' rules, from the settings of the moment."""
    return outbound.Rules(conf.credential_check_allowed_networks(),
                          conf.other_cloud_max_bytes(),
                          conf.credential_check_timeout())


def transport(origins: frozenset[Origin] | None = None) -> requests.Session:
    """A requests session through the outbound guard with the credentials'
    rules (for keystoneauth's ``session=``)."""
    return outbound.transport(rules, origins)


def guarded_session(verify: Verify,
                    origins: frozenset[Origin] | None = None
                    ) -> ks_session.Session:
    """A keystoneauth session through the outbound guard, with the
    credential timeout and no retries."""
    return ks_session.Session(
        session=transport(origins),
        verify=verify, timeout=conf.credential_check_timeout(),
        connect_retries=0, app_name="mr_dashboard")
