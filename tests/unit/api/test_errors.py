"""Tests of mr_dashboard.api.errors: kinds of failure and safe messages."""

import pytest
from heatclient import exc as heat_exc
from keystoneauth1 import exceptions as ksa_exc

from mr_dashboard import constants
from mr_dashboard.api import errors
from tests.unit import fakes


@pytest.mark.parametrize("exc, kind", [
    (ksa_exc.ConnectFailure("refused"), constants.KIND_UNREACHABLE),
    (ConnectionRefusedError(111, "refused"), constants.KIND_UNREACHABLE),
    (heat_exc.CommunicationError("no route"), constants.KIND_UNREACHABLE),
    (ksa_exc.ConnectTimeout("timed out"), constants.KIND_TIMEOUT),
    (TimeoutError("late"), constants.KIND_TIMEOUT),
    (heat_exc.HTTPUnauthorized(), constants.KIND_UNAUTHORIZED),
    (ksa_exc.Unauthorized(), constants.KIND_UNAUTHORIZED),
    (heat_exc.HTTPForbidden(), constants.KIND_FORBIDDEN),
    (heat_exc.HTTPInternalServerError(), constants.KIND_SERVER_ERROR),
    (heat_exc.HTTPServiceUnavailable(), constants.KIND_SERVER_ERROR),
    (heat_exc.HTTPException(code=504), constants.KIND_SERVER_ERROR),
    (ksa_exc.InternalServerError(), constants.KIND_SERVER_ERROR),
    (heat_exc.HTTPNotFound(), constants.KIND_ERROR),
    (ValueError("bad"), constants.KIND_ERROR),
])
def test_error_kind(exc, kind):
    assert errors.error_kind(exc) == kind


def test_every_kind_has_a_label():
    for kind in constants.ERROR_LABELS:
        assert str(errors.RegionError(kind, "").label)


@pytest.mark.parametrize("text", [
    "headers: {'X-Auth-Token': 'abc123secret', 'Accept': 'json'}",
    "X-Subject-Token: abc123secret",
    '{"token": "abc123secret"}',
    "x-auth-token=abc123secret",
])
def test_sanitize_removes_token_fields(text):
    cleaned = errors.sanitize(text)
    assert "abc123secret" not in cleaned
    assert errors.REDACTED in cleaned


def test_sanitize_removes_known_secrets_and_fernet_tokens():
    text = f"echo {fakes.TOKEN} and gAAAAAB{'x' * 40}"
    cleaned = errors.sanitize(text, (fakes.TOKEN,))
    assert "gAAAA" not in cleaned
    assert cleaned == "echo *** and ***"


def test_sanitize_keeps_messages_short_and_on_one_line():
    cleaned = errors.sanitize("line one\nline two " + "x" * 1000)
    assert "\n" not in cleaned
    assert len(cleaned) == errors.MAX_MESSAGE_LENGTH


def test_message_names_the_exception_class():
    # message= by keyword: Horizon's test data replaces keystoneauth's
    # exception constructors with ones taking (code, message).
    error = errors.RegionError.from_exception(
        ksa_exc.ConnectFailure(message=f"token {fakes.TOKEN} refused"),
        (fakes.TOKEN,))
    assert error.kind == constants.KIND_UNREACHABLE
    assert error.message == "ConnectFailure: token *** refused"
