"""The tests of reaching another cloud read keystoneauth's real exception
messages; some talk to a local server that sends headers (a token, a
redirect)."""

import http.server
import json

import pytest

from mr_dashboard.api.other_cloud import remote
from tests.conftest import serving


@pytest.fixture
def empty_keep():
    """No request into another cloud kept from before, nor left after."""
    remote.reset()
    yield
    remote.reset()


@pytest.fixture(autouse=True)
def real_messages(keystoneauth_messages):
    """Every test here, with keystoneauth's own messages."""


class _Handler(http.server.BaseHTTPRequestHandler):
    """Answers with the server's ``(status, headers, JSON body)``."""

    def _answer(self) -> None:
        status, headers, body = self.server.answer(self)
        payload = json.dumps(body).encode()
        self.send_response(status)
        for name, value in {**headers, "Content-Type": "application/json",
                            "Content-Length": str(len(payload)),
                            "Connection": "close"}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _answer

    def log_message(self, format, *args) -> None:  # noqa: A002 - quiet
        return


@pytest.fixture
def header_server():
    """Like ``http_server``, with headers: ``answer(handler) -> (status,
    headers, body)`` (a Keystone's X-Subject-Token, a redirect's Location).
    Returns its port."""
    yield from serving(_Handler)
