"""Credential secrets in the project's Barbicans: list, store, read.

A credential is an opaque text secret whose payload is the JSON Heat reads.
The dashboard records its auth type and auth URL as the secret's metadata
when it stores one, so the list can show them without reading any payload;
secrets stored elsewhere show what their metadata holds, if anything.
Every Barbican of the catalog is listed once (regions sharing one are
listed as the first of them), secrets' metadata all at once.
"""

import dataclasses
import json
from datetime import datetime
from functools import partial
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from keystoneauth1 import exceptions as ksa_exc

from mr_dashboard import conf
from mr_dashboard.api import barbican
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.regions import heat_region_names
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.api.parallel import Call
from mr_dashboard.api.parallel import CallScheduler
from mr_dashboard.api.other_cloud import auth
from mr_dashboard.api.other_cloud import check

#: Metadata keys the dashboard records (Barbican keeps keys lower-case).
AUTH_TYPE_KEY = "auth_type"
AUTH_URL_KEY = "auth_url"
#: Longest metadata value Barbican keeps.
MAX_METADATA_VALUE = 255


@dataclasses.dataclass
class Listing:
    """The credential secrets found, and the regions that failed."""

    secrets: list[barbican.SecretInfo]
    errors: dict[str, RegionError]


def credentials_list(request: HttpRequest) -> Listing:
    """The opaque secrets of every Barbican, with their metadata."""
    listing = Listing([], {})
    scheduler = CallScheduler(request, conf.max_parallel(),
                              conf.fan_out_deadline())

    def described(secret: barbican.SecretInfo, result: RegionResult) -> None:
        if not result.ok:  # listed all the same, without its metadata
            listing.errors[f"{secret.region}: {secret.name}"] = result.error
        listing.secrets.append(dataclasses.replace(
            secret, metadata=result.value if result.ok else {}))

    def listed(region: str, result: RegionResult) -> None:
        if not result.ok:
            listing.errors[region] = result.error
            return
        for secret in result.value:
            scheduler.call(partial(described, secret), Call(
                region, barbican.secret_metadata, (secret.id,)))

    for region in barbican.key_manager_regions(request):
        scheduler.call(partial(listed, region), Call(
            region, partial(barbican.secrets_list, secret_type="opaque")))
    scheduler.run()
    listing.secrets.sort(key=lambda secret: (secret.name.lower(),
                                             secret.region, secret.id))
    return listing


def credential_store(request: HttpRequest, region: str, name: str,
                     payload: dict[str, Any],
                     expiration: datetime | None = None) -> str:
    """Store ``payload`` as the secret Heat reads; returns its id."""
    metadata = {AUTH_TYPE_KEY: payload["auth_type"]}
    url = str(payload["auth"].get("auth_url") or "")
    if url and len(url) <= MAX_METADATA_VALUE:
        metadata[AUTH_URL_KEY] = url
    return barbican.secret_create(request, region, name,
                                  json.dumps(payload), expiration, metadata)


def credential_payload(request: HttpRequest, region: str,
                       secret_id: str) -> dict[str, Any]:
    """A stored credential, parsed as Heat parses it (server-side only:
    never hand it to a page)."""
    return auth.parse_payload(barbican.secret_payload(request, region,
                                                      secret_id))


def credential_check(request: HttpRequest, region: str,
                     secret_id: str) -> check.CheckReport:
    """Check a stored credential as Heat will use it (Horizon's own TLS
    settings); :class:`~mr_dashboard.api.other_cloud.check.CheckFailed` says
    why it does not work."""
    try:
        payload = credential_payload(request, region, secret_id)
    except ksa_exc.ClientException as exc:
        error = RegionError.from_exception(exc, (request.user.token.id,))
        raise check.CheckFailed(error.kind, _(
            "The secret cannot be read: %(why)s")
            % {"why": error.message}) from None
    except auth.InvalidCredential as exc:
        raise check.CheckFailed(check.INVALID, str(exc)) from None
    return check.check_credential(payload, conf.ssl_verify(),
                                  heat_region_names(request))
