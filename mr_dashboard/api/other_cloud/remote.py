"""A request into another cloud, made with a credential secret.

The stack tree reaches a child in another cloud the way Heat does: it reads
the credential secret (server-side, from the user's own Barbican), loads
the auth plugin from it and gets a token for that cloud, verifying TLS as
the context says (:mod:`~mr_dashboard.api.other_cloud.tls`).
:func:`cloud_request` wraps that token, that cloud's catalog and that TLS
setting in an object the API layer takes for a request, so every function
of :mod:`mr_dashboard.api.heat` works there unchanged. Every call there
(the login, and each connection and redirect of every Heat call) goes
through the outbound guard with the credentials' address policy
(:func:`~mr_dashboard.api.other_cloud.guard.transport`): the other cloud's
catalog is a user's choice. A request is kept in this
process for a short while (never beyond its token's expiry), keyed by the
user's own token, the secret and the TLS options, so polling the tree does
not ask Keystone again every few seconds.
"""

import datetime
import hashlib
import threading
import time
from dataclasses import dataclass

from django.utils.translation import gettext as _
from keystoneauth1 import access
from keystoneauth1 import exceptions as ksa_exc

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api import barbican
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.regions import catalog_regions
from mr_dashboard.api.other_cloud import auth
from mr_dashboard.api.other_cloud import check
from mr_dashboard.api.other_cloud import guard
from mr_dashboard.api.other_cloud import plugins
from mr_dashboard.api.other_cloud.tls import Access
from mr_dashboard.api.other_cloud.tls import InvalidCa

#: Most seconds a request into another cloud is kept.
KEEP_SECONDS = 120.0
#: Seconds before its token expires that a kept request is dropped.
EXPIRY_MARGIN = 60.0

_kept: dict[str, tuple[float, "CloudRequest"]] = {}
_lock = threading.Lock()


class CloudUnavailable(Exception):
    """The other cloud cannot be reached with what this user may read;
    says why."""

    def error(self) -> RegionError:
        """The reason, as the tree shows it on the unreachable child."""
        return RegionError(constants.KIND_OTHER_CLOUD, str(self))


@dataclass(frozen=True)
class _Token:
    id: str


class CloudUser:
    """The other cloud's token and catalog, where the API layer looks
    (``access_info``: as the login gave them, for openstacksdk's
    :func:`~mr_dashboard.api.transport.session.catalog_session`)."""

    is_authenticated = True

    def __init__(self, info: access.AccessInfo) -> None:
        self.access_info = info
        self.token = _Token(info.auth_token)
        self.service_catalog = (info.service_catalog.catalog
                                if info.has_service_catalog() else [])
        self.project_id = info.project_id
        self.username = info.username


class CloudRequest:
    """An :class:`~mr_dashboard.api.contract.ApiRequest` into another cloud
    (API layer only); ``tls_verify`` is keystoneauth's ``verify`` (or a
    context trusting the context's CA alone) and
    ``transport`` its requests session (the guard) for every call there
    (:mod:`mr_dashboard.api.transport.session`)."""

    def __init__(self, info: access.AccessInfo,
                 tls_verify: guard.Verify = True) -> None:
        self.user = CloudUser(info)
        self.expires = info.expires
        self.tls_verify = tls_verify
        self.transport = guard.transport()


def _key(request: ApiRequest, secret_id: str, cloud: Access) -> str:
    return hashlib.sha256("\0".join((
        request.user.token.id, secret_id, cloud.ca_cert or "",
        str(cloud.insecure))).encode()).hexdigest()


def _read_secret(request: ApiRequest, secret_id: str) -> str:
    """The payload, from the first of the user's Barbicans holding it."""
    for region in barbican.key_manager_regions(request):
        try:
            return barbican.secret_payload(request, region, secret_id)
        except ksa_exc.NotFound:
            continue
    raise CloudUnavailable(_("The credential secret %(id)s is not in your "
                             "key manager.") % {"id": secret_id})


def _connect(request: ApiRequest, secret_id: str,
             cloud: Access) -> "CloudRequest":
    try:
        verify = cloud.verify()
    except InvalidCa as exc:
        raise CloudUnavailable(str(exc)) from None
    try:
        payload = auth.parse_payload(_read_secret(request, secret_id))
    except ksa_exc.ClientException as exc:
        error = RegionError.from_exception(exc, (request.user.token.id,))
        raise CloudUnavailable(_(
            "The credential secret %(id)s cannot be read: %(why)s")
            % {"id": secret_id, "why": error.message}) from None
    except auth.InvalidCredential as exc:
        raise CloudUnavailable(str(exc)) from None
    url = str(payload["auth"].get("auth_url") or "")
    try:
        info = auth.authenticate(payload, verify, only_given_urls=False)
    except (ksa_exc.ClientException, ValueError) as exc:
        failure = check.failure_of(exc, url, plugins.secret_values(payload))
        raise CloudUnavailable(failure.message) from None
    except check.MALFORMED:
        raise CloudUnavailable(check.malformed(url).message) from None
    try:
        made = CloudRequest(info, verify)
        # Read the catalog now: one keystoneauth cannot read is told here,
        # not in the middle of a page.
        catalog_regions(made.user.service_catalog,
                        conf.endpoint_interfaces())
    except check.MALFORMED:
        raise CloudUnavailable(check.malformed(url).message) from None
    return made


def _keep_until(info_expires: datetime.datetime | None) -> float:
    now = time.monotonic()
    if info_expires is None:
        return now + KEEP_SECONDS
    left = (info_expires - datetime.datetime.now(datetime.timezone.utc)
            ).total_seconds() - EXPIRY_MARGIN
    return now + max(0.0, min(KEEP_SECONDS, left))


def cloud_request(request: ApiRequest, cloud: Access | str) -> CloudRequest:
    """A request into the cloud ``cloud`` reaches (an :class:`Access`, or
    only a secret's id or reference: TLS then as Horizon's own);
    :class:`CloudUnavailable` says why there is none."""
    if not isinstance(cloud, Access):
        cloud = Access(cloud)
    secret_id = barbican.secret_uuid(cloud.secret)
    key = _key(request, secret_id, cloud)
    now = time.monotonic()
    with _lock:
        for old in [k for k, (until, _) in _kept.items() if until <= now]:
            del _kept[old]
        if key in _kept:
            return _kept[key][1]
    made = _connect(request, secret_id, cloud)
    with _lock:
        _kept[key] = (_keep_until(made.expires), made)
    return made


def reset() -> None:
    """Forget every kept request (the tests' clean start)."""
    with _lock:
        _kept.clear()


def cloud_request_call(request: ApiRequest, region: str,
                       access: Access) -> "ApiRequest | CloudUnavailable":
    """:func:`cloud_request` as a call of a scheduler
    (:class:`~mr_dashboard.api.parallel.Call`: a region first): the
    refusal is an answer like any other, not a failed call."""
    try:
        return cloud_request(request, access)
    except CloudUnavailable as exc:
        return exc
