"""What went wrong in a region, told safely.

:class:`RegionError` sorts any exception from a call to a region into one
of a few kinds (constants ``UNREACHABLE`` ... ``ERROR``) and carries a
message fit for a page or a log: the exception's class and its text, with
anything that looks like a token removed.
"""

import re
from dataclasses import dataclass

from heatclient import exc as heat_exc
from keystoneauth1 import exceptions as ksa_exc

from mr_dashboard import constants

MAX_MESSAGE_LENGTH = 300
REDACTED = "***"

# Header or JSON fields that carry a token, with their value.
_TOKEN_FIELD = re.compile(
    r"""(?ix)
    (x-(?:auth|subject|service)-token | \btoken\b)
    (['"]?\s*[:=]\s*['"]?)        # separator, maybe quoted
    [^\s'",;}\]]+                 # the value
    """)
# Fernet tokens (what Keystone issues) start with gAAAA.
_FERNET = re.compile(r"gAAAA[0-9A-Za-z_\-=]{20,}")

# heatclient prints its HTTP errors as "ERROR: <message>" ("None" if the
# reply carried none).
_HEAT_PREFIX = "ERROR: "

# Heat's error codes in front of some messages ("HEAT-E99001 Service ...").
_HEAT_CODE = re.compile(r"^HEAT-E\d+\s+")
EXPLANATION_LENGTH = 2000

_TIMEOUTS = (ksa_exc.ConnectTimeout, TimeoutError)
_UNREACHABLE = (ksa_exc.ConnectionError, ConnectionError,
                heat_exc.CommunicationError)


def sanitize(text: str, secrets: tuple[str, ...] = (),
             limit: int = MAX_MESSAGE_LENGTH) -> str:
    """``text`` without tokens, on one line, at most ``limit`` long.

    ``secrets`` are exact strings (the user's token) to remove as well.
    """
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    text = _TOKEN_FIELD.sub(lambda m: m.group(1) + m.group(2) + REDACTED,
                            text)
    text = _FERNET.sub(REDACTED, text)
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit - 1] + "\u2026"
    return text


def _status_code(exc: BaseException) -> int | None:
    for attribute in ("http_status", "code", "status_code"):
        value = getattr(exc, attribute, None)
        if isinstance(value, int):
            return value
    return None


def _plain_text(exc: BaseException) -> str:
    """The exception's own text, without heatclient's decoration."""
    text = str(exc)
    if isinstance(exc, heat_exc.HTTPException):
        text = text.removeprefix(_HEAT_PREFIX)
    return "" if text == "None" else text


def explain(exc: BaseException, secrets: tuple[str, ...] = ()) -> str:
    """What a service said when it refused a request, for a form: Heat
    answers 400 with long texts, kept whole here (up to
    EXPLANATION_LENGTH) without heatclient's prefix, Heat's error code or
    tokens."""
    text = _HEAT_CODE.sub("", _plain_text(exc)) or type(exc).__name__
    return sanitize(text, secrets, EXPLANATION_LENGTH)


def error_kind(exc: BaseException) -> str:
    """The kind of failure ``exc`` stands for."""
    if isinstance(exc, _TIMEOUTS):
        return constants.KIND_TIMEOUT
    if isinstance(exc, _UNREACHABLE):
        return constants.KIND_UNREACHABLE
    status = _status_code(exc)
    if status == 401:
        return constants.KIND_UNAUTHORIZED
    if status == 403:
        return constants.KIND_FORBIDDEN
    if status is not None and 500 <= status < 600:
        return constants.KIND_SERVER_ERROR
    return constants.KIND_ERROR


@dataclass(frozen=True)
class RegionError:
    """A failed call to a region: its kind and a token-free message."""

    kind: str
    message: str

    @property
    def label(self) -> str:
        """Translated name of the kind, for people."""
        return constants.ERROR_LABELS[self.kind]

    @classmethod
    def from_exception(cls, exc: BaseException,
                       secrets: tuple[str, ...] = ()) -> "RegionError":
        """Describe ``exc``; ``secrets`` never reach the message."""
        message = type(exc).__name__
        status = _status_code(exc)
        if status is not None:
            message += f" (HTTP {status})"
        text = sanitize(_plain_text(exc), secrets)
        return cls(kind=error_kind(exc),
                   message=f"{message}: {text}" if text else message)
