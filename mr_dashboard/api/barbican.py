"""Barbican, in any region: secrets' metadata, creation and deletion.

The launch checks only ask whether the user can see the secret an
``OS::Heat::Stack`` names in its ``credential_secret_id``. A payload is
sent once, when a credential is stored, and read back only by
:func:`secret_payload`, server-side, to authenticate with it: no view
ever receives one. Calls that carry a payload are never logged.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext
from keystoneauth1.session import Session

from mr_dashboard import constants
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.regions import heat_regions
from mr_dashboard.api.regions import region_named
from mr_dashboard.api.transport.session import endpoint_session

_JSON = {"Accept": "application/json"}
#: Most secrets Barbican returns in one page (its own upper limit).
PAGE_SIZE = 100


@dataclass(frozen=True)
class SecretInfo:
    """A secret's metadata (never its payload)."""

    region: str
    id: str
    name: str
    secret_type: str
    status: str
    created: datetime | None = None
    expiration: datetime | None = None
    content_type: str = ""
    #: The secret's user metadata, when asked for (:func:`secret_metadata`).
    metadata: Mapping[str, str] = field(default_factory=dict, hash=False)

    @classmethod
    def from_barbican(cls, region: str,
                      info: dict[str, Any]) -> "SecretInfo":
        """Build a SecretInfo from Barbican's JSON representation."""
        when = info.get("created")
        until = info.get("expiration")
        return cls(region=region, id=secret_uuid(info.get("secret_ref") or ""),
                   name=info.get("name") or "",
                   secret_type=info.get("secret_type") or "",
                   status=info.get("status") or "",
                   created=parse_datetime(when) if when else None,
                   expiration=parse_datetime(until) if until else None,
                   content_type=(info.get("content_types") or {}).get(
                       "default", ""))


def secret_uuid(secret: str) -> str:
    """The secret's id, from an id or a reference (its URL's last part:
    the host a reference names is never called)."""
    return secret.rstrip("/").rsplit("/", 1)[-1]


def _secrets(request: ApiRequest, region: str) -> tuple[Session, str]:
    """The user's session for ``region``'s Barbican, and the URL of its
    ``.../v1/secrets``."""
    url = region_named(request, region).url_for(constants.KEY_MANAGER)
    if not url:
        raise LookupError(gettext("Region %(region)s has no key manager.")
                          % {"region": region})
    base = url.rstrip("/")
    base = base if base.endswith("/v1") else base + "/v1"
    return endpoint_session(request, url), f"{base}/secrets"


def secret_ref(request: ApiRequest, region: str, secret_id: str) -> str:
    """The reference (URL) of secret ``secret_id`` of ``region``."""
    return f"{_secrets(request, region)[1]}/{secret_id}"


def secret_show(request: ApiRequest, region: str,
                secret_id: str) -> SecretInfo:
    """Metadata of a secret, by id or reference, from ``region``'s
    Barbican; the clients' errors (404, 403) tell why not."""
    session, url = _secrets(request, region)
    response = session.get(f"{url}/{secret_uuid(secret_id)}", headers=_JSON)
    return SecretInfo.from_barbican(region, response.json())


def key_manager_regions(request: ApiRequest) -> list[str]:
    """One region per distinct Barbican of the catalog (the first by
    name of the regions sharing it)."""
    seen: dict[str, str] = {}
    for region in heat_regions(request):
        url = region.url_for(constants.KEY_MANAGER)
        if url:
            seen.setdefault(url.rstrip("/"), region.name)
    return list(seen.values())


def secrets_list(request: ApiRequest, region: str,
                 **filters: Any) -> list[SecretInfo]:
    """The project's secrets in ``region``'s Barbican, every page,
    filtered like Barbican's API (``secret_type="opaque"``...)."""
    session, url = _secrets(request, region)
    found, offset = [], 0
    while True:
        answer = session.get(url, headers=_JSON, params={
            **filters, "limit": PAGE_SIZE, "offset": offset}).json()
        page = answer.get("secrets") or []
        found += [SecretInfo.from_barbican(region, info) for info in page]
        offset += len(page)
        if not page or not answer.get("next"):
            return found


def secret_metadata(request: ApiRequest, region: str,
                    secret_id: str) -> dict[str, str]:
    """The user metadata of a secret."""
    session, url = _secrets(request, region)
    answer = session.get(f"{url}/{secret_uuid(secret_id)}/metadata",
                         headers=_JSON).json()
    return dict(answer.get("metadata") or {})


def secret_create(request: ApiRequest, region: str, name: str,
                  payload: str, expiration: datetime | None = None,
                  metadata: Mapping[str, str] | None = None) -> str:
    """Store an opaque text secret (and its metadata); returns its id.

    If the metadata cannot be stored, the secret is deleted again.
    """
    session, url = _secrets(request, region)
    body = {"name": name, "payload": payload, "secret_type": "opaque",
            "payload_content_type": "text/plain"}
    if expiration is not None:
        body["expiration"] = expiration.isoformat()
    answer = session.post(url, json=body, headers=_JSON, log=False).json()
    secret_id = secret_uuid(answer["secret_ref"])
    if metadata:
        try:
            session.put(f"{url}/{secret_id}/metadata", headers=_JSON,
                        json={"metadata": dict(metadata)})
        except Exception:
            secret_delete(request, region, secret_id)
            raise
    return secret_id


def secret_delete(request: ApiRequest, region: str, secret_id: str) -> None:
    """Delete a secret."""
    session, url = _secrets(request, region)
    session.delete(f"{url}/{secret_uuid(secret_id)}")


def secret_payload(request: ApiRequest, region: str, secret_id: str) -> str:
    """A secret's payload, as text. For authenticating with it on the
    server only: never return it to a view, a page or a log."""
    info = secret_show(request, region, secret_id)
    session, url = _secrets(request, region)
    response = session.get(
        f"{url}/{info.id}/payload", log=False,
        headers={"Accept": info.content_type or "text/plain"})
    return response.text
