"""Signed tokens the plugin hands to the browser and takes back.

Every value that travels through a page and comes back (a launch draft in
a hidden field, a Stacks page's cursor, a tree's events marker, a batch of
rows whose remote links are asked for later) is a token of
:func:`django.core.signing.dumps`: URL-safe, compressed, signed with the
site's ``SECRET_KEY`` and salted with what it is for (and, given a
``scope``, whose it is: a project), so the server only ever takes back what
it produced, for that purpose. Such a token is signed, not hidden: the
user can read it. A value the page must not show (a launch draft may hold
an environment file's hidden parameter values) is **sealed** instead
(:func:`seal`): encrypted and authenticated with Fernet, its key derived
from ``SECRET_KEY`` and the same salt.
"""

import base64
import hashlib
import json
import zlib
from typing import Any

from cryptography import fernet
from django.conf import settings
from django.core import signing

BadToken = signing.BadSignature


def _salt(purpose: str, scope: str) -> str:
    return f"mr_dashboard.{purpose}" + (f":{scope}" if scope else "")


def dumps(value: Any, purpose: str, scope: str = "") -> str:
    """``value`` (JSON) as a signed, URL-safe token for ``purpose``."""
    return signing.dumps(value, salt=_salt(purpose, scope), compress=True)


def loads(token: str, purpose: str, scope: str = "",
          max_age: float | None = None) -> Any:
    """The value of a token of :func:`dumps`; :data:`BadToken` if it was
    not made here for ``purpose`` and ``scope`` or is older than
    ``max_age`` seconds."""
    return signing.loads(token, salt=_salt(purpose, scope),
                         max_age=max_age)


def _fernet(purpose: str, scope: str) -> fernet.Fernet:
    key = hashlib.sha256(
        f"{settings.SECRET_KEY}\0{_salt(purpose, scope)}".encode()).digest()
    return fernet.Fernet(base64.urlsafe_b64encode(key))


def seal(value: Any, purpose: str, scope: str = "") -> str:
    """``value`` (JSON) compressed, encrypted and authenticated for
    ``purpose``: a URL-safe token nobody can read or change."""
    data = zlib.compress(json.dumps(value, separators=(",", ":")).encode())
    return _fernet(purpose, scope).encrypt(data).decode()


def unseal(token: str, purpose: str, scope: str = "",
           max_age: float | None = None) -> Any:
    """The value of a token of :func:`seal`; :data:`BadToken` if it was
    not sealed here for ``purpose`` and ``scope`` or is older than
    ``max_age`` seconds."""
    try:
        data = _fernet(purpose, scope).decrypt(
            token.encode(), ttl=None if max_age is None else int(max_age))
        return json.loads(zlib.decompress(data))
    except (fernet.InvalidToken, zlib.error, ValueError, UnicodeError):
        raise BadToken("not a token of this site for this purpose") from None
