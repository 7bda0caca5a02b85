"""Hostile HTTP servers on 127.0.0.1 for the outbound cases: what a
template URL or another cloud's Keystone could answer.

One server answers by the path's first part; ``answer`` (see
``tests.conftest.serving``) is the :class:`Hits` it counts requests in, so
a case can tell a refused URL (no request) from a bounded fetch:

- ``/drip-headers``: the status line, then one header byte every 2 s;
- ``/drip-body``: headers, then one body byte every 2 s;
- ``/endless``: a chunked body that never ends, sent as fast as read;
- ``/huge``: a 2 GiB body (Content-Length given), as fast as read;
- ``/loop``: a redirect to itself, for ever;
- ``/merge-bomb``: a 707-byte template of chained merge keys;
- ``/ks-<kind>/v3/auth/tokens``: a Keystone token answer (201 with
  ``X-Subject-Token``) whose body is ``huge``, a ``drip``, ``malformed``
  JSON or a ``catalog`` of 100,000 endpoints (``brief-catalog``: 50,000
  of them, in less than the plugin's 4 MiB cap).

Every answer stops when the client goes away or after :data:`LONGEST`.
"""

import collections
import functools
import http.server
import json
import threading
import time

from tests.functional.hostile import payloads

#: Seconds between two bytes of a drip.
DRIP_SECONDS = 2.0
#: Longest any answer goes on (the client is expected to leave long before).
LONGEST = 120.0
_CHUNK = b"#" * 65536
_HUGE = 2 ** 31
#: The token every hostile Keystone hands out: never in a page.
TOKEN = "hostile-token-5f0c9d1e"
#: Endpoints of the ``catalog`` Keystone, each in its own region.
CATALOG_ENDPOINTS = 100_000


class Hits:
    """Requests seen, by the path's first part."""

    def __init__(self) -> None:
        self._lock, self._counts = threading.Lock(), collections.Counter()

    def add(self, path: str) -> None:
        with self._lock:
            self._counts[path.lstrip("/").split("/", 1)[0].split("?", 1)[0]] += 1

    def __getitem__(self, route: str) -> int:
        with self._lock:
            return self._counts[route]


def _token(catalog: list) -> bytes:
    return json.dumps({"token": {
        "methods": ["password"], "expires_at": "2099-01-01T00:00:00.000000Z",
        "issued_at": "2026-01-01T00:00:00.000000Z",
        "user": {"id": "u1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
        "project": {"id": "p1", "name": "demo",
                    "domain": {"id": "default", "name": "Default"}},
        "catalog": catalog}}).encode()


@functools.cache
def catalog_token(brief: bool = False) -> bytes:
    """A token whose Heat has :data:`CATALOG_ENDPOINTS` endpoints, each in
    its own region: ~13 MB, or ``brief`` half as many in ~3.9 MB (under the
    plugin's 4 MiB cap on another cloud's answer)."""
    if brief:
        endpoints = [{"interface": "public", "region_id": f"r{n}", "url": "http://127.0.0.1:9/"}
                     for n in range(CATALOG_ENDPOINTS // 2)]
    else:
        endpoints = [{"id": f"e{n}", "interface": "public", "region": f"r{n:06d}",
                      "region_id": f"r{n:06d}", "url": f"http://127.0.0.1:9/v1/p1?{n}"}
                     for n in range(CATALOG_ENDPOINTS)]
    return _token([{"type": "orchestration", "name": "heat", "id": "heat",
                    "endpoints": endpoints}])


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers as the module says; ``self.server.answer`` is its Hits."""

    protocol_version = "HTTP/1.1"

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client left: the point of the exercise

    def _route(self) -> None:
        self.server.answer.add(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        route = self.path.lstrip("/").split("/", 1)[0].split("?", 1)[0]
        getattr(self, "_" + route.replace("-", "_"), self._missing)(
            time.monotonic() + LONGEST)

    do_GET = do_POST = _route

    def _head(self, status: int, length: int | None, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", headers.pop("content_type", "application/json"))
        if length is None:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(length))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.flush()

    def _drip(self, until: float) -> None:
        while time.monotonic() < until:
            self.wfile.write(b"a")
            self.wfile.flush()
            time.sleep(DRIP_SECONDS)

    def _stream(self, until: float, first: bytes = b"", chunked: bool = False) -> None:
        sent = 0
        if first:
            self.wfile.write(first)
        while time.monotonic() < until and sent < _HUGE:
            self.wfile.write(b"10000\r\n" + _CHUNK + b"\r\n" if chunked else _CHUNK)
            sent += len(_CHUNK)

    def _drip_headers(self, until: float) -> None:
        self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Drip: ")
        self._drip(until)

    def _drip_body(self, until: float) -> None:
        self._head(200, 1_000_000, content_type="text/plain")
        self._drip(until)

    def _endless(self, until: float) -> None:
        self._head(200, None, content_type="text/plain")
        self._stream(until, chunked=True)

    def _huge(self, until: float) -> None:
        self._head(200, _HUGE, content_type="text/plain")
        self._stream(until)

    def _loop(self, until: float) -> None:
        self._head(302, 0, Location=f"/loop?{time.monotonic_ns()}")

    def _merge_bomb(self, until: float) -> None:
        body = payloads.merge_chain().encode()
        self._head(200, len(body), content_type="text/yaml")
        self.wfile.write(body)

    def _ks_huge(self, until: float) -> None:
        self._head(201, _HUGE, X_Subject_Token=TOKEN)
        self._stream(until, first=b'{"token": {"methods": ["password"], "x": "')

    def _ks_drip(self, until: float) -> None:
        self._head(201, 100_000, X_Subject_Token=TOKEN)
        self._drip(until)

    def _ks_malformed(self, until: float) -> None:
        body = b'{"token": {"methods": ["password"], "catalog": [{"endpoints": \xff\x00 nope'
        self._head(201, len(body), X_Subject_Token=TOKEN)
        self.wfile.write(body)

    def _ks_catalog(self, until: float) -> None:
        body = catalog_token()
        self._head(201, len(body), X_Subject_Token=TOKEN)
        self.wfile.write(body)

    def _ks_brief_catalog(self, until: float) -> None:
        body = catalog_token(brief=True)
        self._head(201, len(body), X_Subject_Token=TOKEN)
        self.wfile.write(body)

    def _missing(self, until: float) -> None:
        self._head(404, 2)
        self.wfile.write(b"{}")

    def log_message(self, format, *args) -> None:  # noqa: A002 - quiet
        return


def started(start) -> tuple[str, Hits]:
    """A hostile server started with ``start`` (what
    ``tests.conftest.serving`` yields): its base URL and its Hits. The big
    catalog is built first, so no case waits for it."""
    catalog_token()
    catalog_token(brief=True)
    hits = Hits()
    return f"http://127.0.0.1:{start(hits)}", hits
