"""A tiny HTTP proxy that adds latency in front of one service.

Each listening port forwards every request, unchanged (its Host header
too), to a target port of 127.0.0.1 after sleeping a fixed delay, and
counts what it forwarded. The answer always carries ``Connection: close``
(the demo cloud's services do the same). Two paths of its own serve the
benchmark: ``GET /__count__`` returns the number of requests forwarded so
far as JSON, ``POST /__reset__`` sets it back to zero.

Usage: python -m benchmarks.delay_proxy LISTEN:TARGET:DELAY_MS [...]
"""

import http.client
import http.server
import json
import subprocess
import sys
import threading
import time
import urllib.request

HOST = "127.0.0.1"
# Hop-by-hop headers a proxy must not pass on (RFC 9110, 7.6.1).
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection",
              "transfer-encoding", "upgrade", "te", "trailer"}


class DelayingHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _reply(self, status: int, body: bytes, headers=()) -> None:
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in HOP_BY_HOP | {"content-length"}:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def _forward(self) -> None:
        server = self.server
        if self.path == "/__count__":
            return self._reply(200, json.dumps(server.count).encode())
        if self.path == "/__reset__":
            with server.lock:
                server.count = 0
            return self._reply(200, b"0")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        with server.lock:
            server.count += 1
        time.sleep(server.delay)
        upstream = http.client.HTTPConnection(HOST, server.target,
                                              timeout=120)
        # The Host header stays the proxy's: the links a service writes
        # from it (Nova's and Neutron's version documents, which the
        # clients follow) lead back through the proxy.
        headers = {name: value for name, value in self.headers.items()
                   if name.lower() not in HOP_BY_HOP}
        try:
            upstream.request(self.command, self.path, body, headers)
            answer = upstream.getresponse()
            self._reply(answer.status, answer.read(), answer.getheaders())
        finally:
            upstream.close()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _forward

    def log_message(self, format, *args) -> None:  # noqa: A002 - quiet
        return


def serve(listen: int, target: int, delay_ms: float
          ) -> http.server.ThreadingHTTPServer:
    """Start one delaying proxy in a daemon thread; returns its server."""
    server = http.server.ThreadingHTTPServer((HOST, listen), DelayingHandler)
    server.daemon_threads = True
    server.target, server.delay = target, delay_ms / 1000.0
    server.count, server.lock = 0, threading.Lock()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start(specs: list[str]) -> subprocess.Popen:
    """Run proxies (``LISTEN:TARGET:DELAY_MS`` each) in a process of their
    own, so that they do not share the measured process's time."""
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.delay_proxy", *specs],
        stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    return process


def count(port: int, reset: bool = False) -> int:
    """Requests the proxy on ``port`` forwarded; ``reset`` zeroes it."""
    url = f"http://{HOST}:{port}"
    forwarded = json.load(urllib.request.urlopen(url + "/__count__"))
    if reset:
        urllib.request.urlopen(urllib.request.Request(
            url + "/__reset__", method="POST"))
    return forwarded


def main(specs: list[str]) -> None:
    for spec in specs:
        listen, target, delay = spec.split(":")
        serve(int(listen), int(target), float(delay))
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main(sys.argv[1:])
