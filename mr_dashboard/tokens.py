"""Signed tokens the plugin hands to the browser and takes back.

Every value that travels through a page and comes back (a launch draft in
a hidden field, a Stacks page's cursor, a tree's events marker, a batch of
rows whose remote links are asked for later) is a token of
:func:`django.core.signing.dumps`: URL-safe, compressed, signed with the
site's ``SECRET_KEY`` and salted with what it is for (and, given a
``scope``, whose it is: a project), so the server only ever takes back what
it produced, for that purpose.
"""

from typing import Any

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
