"""What the API layer reads of the request it is given.

Every call of ``mr_dashboard.api`` takes a request first. It reads only the
logged-in user's token (``user.token.id``), service catalog
(``user.service_catalog``) and project (``user.project_id``): a Django
``HttpRequest`` after Horizon's authentication middleware is one, and so is
:class:`~mr_dashboard.api.other_cloud.remote.CloudRequest`, which carries
another cloud's token and catalog, and the TLS verification for that cloud
(``tls_verify``, optional: Horizon's own otherwise). Calls are memoized per
request object.
"""

from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class ApiToken(Protocol):
    """A Keystone token: its id is sent as ``X-Auth-Token``."""

    id: str


@runtime_checkable
class ApiUser(Protocol):
    """The user a call is made for."""

    token: ApiToken
    service_catalog: list[dict[str, Any]]
    project_id: str | None


@runtime_checkable
class ApiRequest(Protocol):
    """The request-like object every API call takes."""

    user: ApiUser
