"""Fixtures shared by the plugin's tests: tiny servers on 127.0.0.1 that
stand in for a region's service answering, failing, hanging or being down.

Kept free of Django configuration, so test directories with other needs
(functional, browser) can bring their own.
"""

import http.server
import json
import random
import socket
import threading

import pytest

from tests.functional import tree_stacks

# Fails the run when a watched secret shows up in a page, a response or a
# log (see tests/secret_watch.py); then the fixtures that tests of several
# folders share (unit, functional and browser tests: one pytest process
# runs them all), each beside the helpers of its kind.
pytest_plugins = ["tests.secret_watch",
                  "tests.keystoneauth_messages",
                  "tests.functional.credentials_helpers",
                  "tests.functional.tls_stacks",
                  "tests.functional.untrusted_fixtures"]

# Ports tried for the test servers: clear of the ports the project's demo
# cloud and Horizon use.
_PORTS = range(56000, 61000)


def _bound_socket() -> socket.socket:
    """A TCP socket bound to a free port of 127.0.0.1 in ``_PORTS``."""
    for port in random.sample(_PORTS, 100):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            sock.close()
            continue
        return sock
    raise RuntimeError("no free port for a test server")


@pytest.fixture(scope="session", autouse=True)
def stacks_deleted_in_the_background():
    """The deletes the tests left going on (tree_stacks.delete_later),
    waited for at the end of the session."""
    yield
    tree_stacks.reap()


@pytest.fixture
def closed_port():
    """A port of 127.0.0.1 where nothing listens: connections are refused."""
    sock = _bound_socket()  # bound, never listening: nobody else takes it
    yield sock.getsockname()[1]
    sock.close()


@pytest.fixture
def silent_port():
    """A port that accepts connections and never answers."""
    sock = _bound_socket()
    sock.listen(16)  # the kernel completes handshakes; nobody reads
    yield sock.getsockname()[1]
    sock.close()


class _Handler(http.server.BaseHTTPRequestHandler):
    """Answers every request with the server's status and JSON body."""

    def _answer(self) -> None:
        status, body = self.server.answer(self)
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_DELETE = _answer

    def log_message(self, format, *args) -> None:  # noqa: A002 - quiet
        return


@pytest.fixture
def http_server():
    """Start a server whose ``answer(handler) -> (status, body)`` decides
    every reply; returns its port. Servers stop after the test."""
    yield from serving(_Handler)


def serving(handler):
    """The body of a test-server fixture: yields ``start(answer) -> port``
    for servers of ``handler`` (which reads ``self.server.answer``), and
    stops them after the test."""
    servers = []

    def start(answer) -> int:
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), handler, bind_and_activate=False)
        server.socket.close()
        server.socket = _bound_socket()
        server.server_address = server.socket.getsockname()
        server.server_activate()
        server.answer = answer
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, args=(0.05,),
                         daemon=True).start()
        servers.append(server)
        return server.server_address[1]

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
