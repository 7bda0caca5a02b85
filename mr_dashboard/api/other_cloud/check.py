"""Check a credential before anyone relies on it.

:func:`check_credential` authenticates against the other cloud's Keystone
with exactly the options given (see :mod:`~mr_dashboard.api.other_cloud.auth`),
within ``CREDENTIAL_CHECK_TIMEOUT``, and reports the project it reached,
the regions of that cloud's catalog and which of them run Heat. Heat 27
creates the child in the other cloud's region of the *parent's* region
name, so the report also says which of the user's own Heat regions have a
namesake with Heat over there. A failure becomes :class:`CheckFailed`: a
kind and a message free of every secret value, which says what happened
without quoting the other side's answer.
"""

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from keystoneauth1 import exceptions as ksa_exc

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api.transport import outbound
from mr_dashboard.api.errors import EXPLANATION_LENGTH
from mr_dashboard.api.errors import error_kind
from mr_dashboard.api.errors import sanitize
from mr_dashboard.api.regions import catalog_regions
from mr_dashboard.api.regions import region_names
from mr_dashboard.api.other_cloud import auth
from mr_dashboard.api.other_cloud import guard
from mr_dashboard.api.other_cloud import plugins

# Kinds of failure of a check, beyond those of any call to a region.
REFUSED = "refused"
INVALID = "invalid"
TLS = "tls"
NOT_KEYSTONE = "not_keystone"
FAILURE_LABELS = {
    **constants.ERROR_LABELS,
    REFUSED: pgettext_lazy("Credential check", "Refused"),
    INVALID: pgettext_lazy("Credential check", "Not a usable credential"),
    TLS: pgettext_lazy("Credential check", "Certificate not trusted"),
    NOT_KEYSTONE: pgettext_lazy("Credential check", "No Keystone there"),
}
#: What keystoneauth raises reading a token that is not what Keystone
#: sends (no X-Subject-Token, ``"endpoints": null``...): it reads lazily.
MALFORMED = (TypeError, KeyError, AttributeError, ValueError)
# Our own system's words for a failed connection ("[Errno 111] ...") and
# for a certificate it does not trust ("[SSL: CERTIFICATE_VERIFY_FAILED]
# certificate verify failed: ..."), not the other side's.
_ERRNO = re.compile(r"\[Errno -?\d+\][^'\")\]]*")
_SSL_REASON = re.compile(r"\[SSL: [A-Z0-9_]+\][^'\")\]]*")
#: Most regions of the other cloud a report lists (those with Heat first):
#: a catalog of 100,000 regions within OTHER_CLOUD_MAX_BYTES would be a
#: page of megabytes.
MAX_REGIONS = 100


@dataclass(frozen=True)
class RemoteRegion:
    """A region of the other cloud's catalog."""

    name: str
    heat: bool


@dataclass(frozen=True)
class CheckReport:
    """What a credential reached."""

    auth_url: str
    user: str
    project: str
    project_id: str
    #: At most :data:`MAX_REGIONS`, those with Heat first.
    regions: tuple[RemoteRegion, ...]
    #: The user's own Heat regions whose namesake runs Heat over there.
    reachable_from: tuple[str, ...]
    elapsed: float
    #: Regions of that cloud beyond those listed.
    unlisted: int = 0


class CheckFailed(Exception):
    """Why a credential did not work, told without its secrets."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind, self.message = kind, message

    @property
    def label(self) -> str:
        """Translated name of the kind, for people."""
        return FAILURE_LABELS[self.kind]


def _regions(catalog: list) -> tuple[RemoteRegion, ...]:
    with_heat = {region.name for region in
                 catalog_regions(catalog, conf.endpoint_interfaces())}
    return tuple(RemoteRegion(name, name in with_heat)
                 for name in region_names(catalog))


def _failure(exc: Exception, url: str) -> CheckFailed:
    kind = error_kind(exc)
    if isinstance(exc, outbound.AddressRefused):
        return CheckFailed(REFUSED, str(exc))
    if isinstance(exc, auth.InvalidCredential):
        return CheckFailed(INVALID, str(exc))
    if isinstance(exc, ValueError):
        return malformed(url)
    if isinstance(exc, ksa_exc.SSLError):
        reason = _SSL_REASON.search(str(exc))
        return CheckFailed(TLS, _(
            "The certificate of %(url)s is not trusted (give its CA, or "
            "check the URL): %(why)s") % {"url": url, "why": reason.group(
                0).strip() if reason else _("the TLS handshake failed.")})
    if isinstance(exc, ksa_exc.ConnectTimeout):  # the guard's cut too
        return CheckFailed(kind, _(
            "%(url)s did not answer within %(seconds).1f seconds.")
            % {"url": url, "seconds": conf.credential_check_timeout()})
    if isinstance(exc, outbound.SizeLimit):
        return CheckFailed(constants.KIND_ERROR, str(exc))
    status = getattr(exc, "http_status", None)
    if isinstance(exc, ksa_exc.Unauthorized):
        return CheckFailed(kind, _(
            "The Keystone at %(url)s refused these credentials (HTTP "
            "%(status)s).") % {"url": url, "status": status})
    if isinstance(exc, (ksa_exc.NotFound, ksa_exc.DiscoveryFailure)):
        return CheckFailed(NOT_KEYSTONE, _(
            "No Keystone API answers at %(url)s (%(what)s).")
            % {"url": url, "what": _("HTTP %(status)s") % {"status": status}
               if status else _("no version document it can read")})
    if isinstance(exc, ksa_exc.ConnectionError):
        reason = _ERRNO.search(str(exc))
        return CheckFailed(kind, _("%(url)s cannot be reached: %(why)s")
                           % {"url": url, "why": reason.group(0).strip()
                              if reason else _("the connection failed.")})
    if status:
        return CheckFailed(kind, _("%(url)s answered HTTP %(status)s.")
                           % {"url": url, "status": status})
    return CheckFailed(kind, _("The call to %(url)s failed (%(error)s).")
                       % {"url": url, "error": type(exc).__name__})


def failure_of(exc: Exception, url: str,
               secrets: Sequence[str]) -> CheckFailed:
    """The CheckFailed standing for ``exc``: what happened (an HTTP
    status, no connection, a refused address, an untrusted certificate, a
    time or size limit), never the other side's words; ``secrets`` never
    reach it."""
    failure = _failure(exc, url)
    return CheckFailed(failure.kind, sanitize(
        failure.message, tuple(secrets), EXPLANATION_LENGTH))


def malformed(url: str) -> CheckFailed:
    """The failure of a Keystone answering a token keystoneauth cannot
    read (one of :data:`MALFORMED`)."""
    return CheckFailed(INVALID, _(
        "The Keystone at %(url)s answered a token that is not valid: its "
        "header, catalog, user or project cannot be read.") % {"url": url})


def check_credential(payload: Mapping[str, Any], verify: guard.Verify,
                     local_regions: Sequence[str] = ()) -> CheckReport:
    """Authenticate with ``payload`` and report what it reached."""
    url = str((payload.get("auth") or {}).get("auth_url") or "")
    secrets = plugins.secret_values(payload)
    started = time.monotonic()
    try:
        access = auth.authenticate(payload, verify)
    except (ksa_exc.ClientException, ValueError) as exc:
        raise failure_of(exc, url, secrets) from None
    except MALFORMED:
        raise malformed(url) from None
    try:
        regions = _regions(access.service_catalog.catalog if
                           access.has_service_catalog() else [])
        user = access.username or access.user_id or ""
        project = access.project_name or ""
        project_id = access.project_id or ""
    except MALFORMED:
        raise malformed(url) from None
    with_heat = {region.name for region in regions if region.heat}
    listed = sorted(regions, key=lambda region: not region.heat)
    return CheckReport(
        auth_url=url, user=user, project=project, project_id=project_id,
        regions=tuple(listed[:MAX_REGIONS]),
        reachable_from=tuple(name for name in local_regions
                             if name in with_heat),
        elapsed=time.monotonic() - started,
        unlisted=max(len(listed) - MAX_REGIONS, 0))
