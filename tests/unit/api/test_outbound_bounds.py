"""Every outbound call ends at its one deadline and reads at most its size
cap, whatever the server does: real servers on 127.0.0.1, started here,
drip their TLS handshake, headers or body, send without end, send a huge
or a compressed body, or redirect to themselves. Each call is cut at its
deadline or its size cap while the server is still sending (the server
sees the client go), the error says which limit was hit and never quotes
the server, and no thread is left behind. Calls to the user's own
regions, bounded by a socket timeout only, leave a bounded number of
threads behind when they hang."""

import gzip
import http.server
import socketserver
import ssl
import threading
import time

import pytest
from django.test import override_settings
from keystoneauth1 import session as ks_session

from mr_dashboard.api.transport import fetch
from mr_dashboard.api.transport import outbound
from mr_dashboard.api import parallel
from mr_dashboard.api.transport import watchdog
from mr_dashboard.api.heat import client
from mr_dashboard.api.other_cloud import check
from mr_dashboard.api.other_cloud import guard
from tests.conftest import serving
from tests.unit import fakes
from tests.waiting import wait_until

SECONDS = 1.0
DRIP = 0.2  # seconds between two bytes: well under every socket timeout
LOOPBACK = ["127.0.0.0/8"]
SECRET_WORDS = "remote-words-never-shown"


class _Raw(http.server.BaseHTTPRequestHandler):
    """Writes whatever ``self.server.answer(self)`` writes, raw."""

    def _answer(self) -> None:
        try:
            self.server.answer(self)
        except OSError:
            return  # the client went away: what a cut looks like here

    do_GET = do_POST = _answer

    def log_message(self, format, *args) -> None:  # noqa: A002 - quiet
        return


class _Stream(socketserver.StreamRequestHandler):
    """Writes ``self.server.answer(self)`` without reading anything."""

    def handle(self) -> None:
        try:
            self.server.answer(self)
        except OSError:
            return


@pytest.fixture
def tcp_server():
    """``start(answer) -> port``, for answers that are not HTTP."""
    yield from serving(_Stream)


@pytest.fixture
def raw_server():
    """``start(answer) -> port``: ``answer(handler)`` writes the reply
    itself on ``handler.wfile`` (unbuffered)."""
    yield from serving(_Raw)


class Watched:
    """A server's answer that counts the requests it got, and the answers
    it was still writing when the client went away (a write failed): the
    calls cut while the server sent (a drip of 1,000 bytes takes 200 s)."""

    def __init__(self, answer) -> None:
        self.answer, self.asked, self.cut = answer, 0, 0

    def __call__(self, handler) -> None:
        self.asked += 1
        try:
            self.answer(handler)
        except OSError:
            self.cut += 1
            raise

    def cuts(self, expected: int = 1) -> int:
        """The answers cut, once ``expected`` were (the server sees a cut
        at its next write), or after :data:`SETTLE` s."""
        return wait_until(lambda: self.cut, SETTLE, 0.05, "the server to see the cut",
                          done=lambda cut: cut >= expected, fail=False)


def drip(handler, data: bytes) -> None:
    for byte in data:
        handler.wfile.write(bytes([byte]))
        time.sleep(DRIP)


def drip_headers(handler) -> None:
    handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
    drip(handler, b"X-Slow: " + b"a" * 1000)


def drip_body(handler) -> None:
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
    drip(handler, SECRET_WORDS.encode() * 1000)


def endless_body(handler) -> None:
    handler.wfile.write(b"HTTP/1.0 200 OK\r\n\r\n")
    while True:
        handler.wfile.write(SECRET_WORDS.encode() * 4000)


def huge_body(handler) -> None:
    size = 50 * 1024 * 1024
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % size)
    chunk = b"x" * 65536
    for _ in range(size // len(chunk)):
        handler.wfile.write(chunk)


BOMB = gzip.compress(b"\0" * (20 * 1024 * 1024))


def gzip_bomb(handler) -> None:
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
                        b"Content-Length: %d\r\n\r\n" % len(BOMB) + BOMB)


def redirect_to_itself(handler) -> None:
    time.sleep(0.3)
    port = handler.server.server_address[1]
    handler.wfile.write(b"HTTP/1.0 302 Found\r\nLocation: http://127.0.0.1:%d/again"
                        b"\r\nContent-Length: 0\r\n\r\n" % port)


def tls_drip(handler) -> None:
    # A handshake record announcing 16 KiB, then one byte at a time.
    handler.wfile.write(b"\x16\x03\x03\x40\x00")
    drip(handler, b"\x02" * 1000)


@pytest.fixture
def threads_back():
    """The process's one watchdog thread, running before the thread count
    is taken."""
    watchdog.arm(0).disarm()


#: Seconds the threads of ended calls get to go. The unit tests run beside
#: the demo cloud's start and the functional tests (tools/run-tests.sh): on
#: two busy cores a thread may take seconds to be scheduled again.
SETTLE = 20.0


def _threads() -> int:
    """The live threads, but the guard's resolver pool (its threads live on
    once the first lookup started them)."""
    return sum(1 for thread in threading.enumerate()
               if not thread.name.startswith("mr-resolve"))


def settled_threads(before: int) -> int:
    """The thread count once the servers' connection threads have seen
    their clients go (at most :data:`SETTLE` s); counts as :func:`_threads`
    (``before`` too)."""
    return wait_until(_threads, SETTLE, 0.05, "threads to end",
                      done=lambda count: count <= before, fail=False)


def call_threads() -> list[threading.Thread]:
    """The threads of the parallel calls' pools still alive."""
    return [t for t in threading.enumerate() if t.name.startswith("mr-calls")]


def raised(call) -> Exception:
    with pytest.raises(Exception) as caught:
        call()
    return caught.value


def timed(call) -> tuple[float, Exception]:
    started = time.monotonic()
    error = raised(call)
    return time.monotonic() - started, error


TEMPLATE = {"TEMPLATE_URL_ALLOWED_NETWORKS": LOOPBACK, "TEMPLATE_URL_TIMEOUT": SECONDS,
            "TEMPLATE_MAX_BYTES": 1024 * 1024}
CLOUD = {"CREDENTIAL_CHECK_ALLOWED_NETWORKS": LOOPBACK, "CREDENTIAL_CHECK_TIMEOUT": SECONDS,
         "OTHER_CLOUD_MAX_BYTES": 1024 * 1024}


def template_fetch(url: str) -> bytes:
    with override_settings(MR_DASHBOARD=TEMPLATE):
        return fetch.fetch(url)


def cloud_get(url: str) -> bytes:
    with override_settings(MR_DASHBOARD=CLOUD):
        return guard.guarded_session(True).get(url, authenticated=False).content


@pytest.mark.parametrize("caller", [template_fetch, cloud_get])
@pytest.mark.parametrize("answer", [drip_headers, drip_body])
def test_a_dripping_server_is_cut_at_the_deadline(raw_server, threads_back, caller, answer):
    watched = Watched(answer)
    port = raw_server(watched)
    before = _threads()
    elapsed, error = timed(lambda: caller(f"http://127.0.0.1:{port}/t.yaml"))
    assert elapsed >= SECONDS - 0.05, elapsed
    assert f"within {SECONDS:.1f} seconds" in str(error)
    assert watched.cuts() == 1  # cut while the server still dripped
    assert SECRET_WORDS not in str(error)
    if caller is cloud_get:
        assert isinstance(error, outbound.TimeLimit)
    assert settled_threads(before) <= before  # the server's connection ended too


def test_a_tls_handshake_dripping_is_cut_at_the_deadline(tcp_server, threads_back):
    watched = Watched(tls_drip)
    port = tcp_server(watched)
    before = _threads()
    context = ssl.create_default_context()
    with override_settings(MR_DASHBOARD=CLOUD):
        session = guard.guarded_session(context)
        elapsed, error = timed(lambda: session.get(f"https://127.0.0.1:{port}/",
                                                   authenticated=False))
    assert elapsed >= SECONDS - 0.05, elapsed
    assert isinstance(error, outbound.TimeLimit)
    assert watched.cuts() == 1  # cut while the server still dripped
    assert settled_threads(before) <= before


@pytest.mark.parametrize("answer, cut", [
    (endless_body, 2), (huge_body, 2),
    (gzip_bomb, 0),  # all sent (20 KiB): the cap stops its unpacking
], ids=["endless_body", "huge_body", "gzip_bomb"])
def test_a_large_answer_is_cut_at_the_cap(raw_server, threads_back, answer, cut):
    watched = Watched(answer)
    port = raw_server(watched)
    before = _threads()
    url = f"http://127.0.0.1:{port}/t.yaml"
    error = raised(lambda: template_fetch(url))
    assert str(error) == f"{url}: The file is larger than 1048576 bytes."
    error = raised(lambda: cloud_get(url))
    assert isinstance(error, outbound.SizeLimit)
    assert str(error) == f"The answer of {url} is larger than 1048576 bytes."
    # Each call cut at the cap (its error, not the deadline's) while the
    # server was still sending its 50 MiB or its endless stream.
    assert watched.cuts(cut) == cut
    assert settled_threads(before) <= before


def test_a_redirect_loop_shares_one_deadline(raw_server, threads_back):
    watched = Watched(redirect_to_itself)
    port = raw_server(watched)
    before = _threads()
    url = f"http://127.0.0.1:{port}/t.yaml"
    # Template URLs follow no redirect.
    with pytest.raises(fetch.UrlRefused, match="answered HTTP 302"):
        template_fetch(url)
    assert watched.asked == 1
    # keystoneauth follows up to 30 (0.3 s each, each well within a
    # deadline of its own): the hops share the deadline of the first call,
    # which cuts the loop long before.
    error = raised(lambda: cloud_get(url))
    assert isinstance(error, outbound.TimeLimit)
    assert watched.asked - 1 < 30, watched.asked
    assert settled_threads(before) <= before


def test_the_credential_check_says_which_limit_was_hit(raw_server, threads_back):
    slow, large = Watched(drip_body), Watched(huge_body)
    payload = {"auth_type": "v3applicationcredential", "auth": {
        "application_credential_id": "ac", "application_credential_secret": "s3cr3t"}}
    with override_settings(MR_DASHBOARD=CLOUD):
        for watched, kind, message in [
                (slow, "timeout", "did not answer within 1.0 seconds."),
                (large, "error", "is larger than 1048576 bytes.")]:
            payload["auth"]["auth_url"] = f"http://127.0.0.1:{raw_server(watched)}/v3"
            with pytest.raises(check.CheckFailed) as caught:
                check.check_credential(payload, True)
            assert watched.cuts() == 1  # cut while the server still sent
            assert (caught.value.kind, caught.value.message.endswith(message)) == (
                kind, True), caught.value.message
            assert SECRET_WORDS not in caught.value.message


def test_a_heat_call_into_another_cloud_is_cut_at_its_timeout(raw_server, threads_back):
    watched = Watched(drip_body)
    cloud = fakes.cloud_on(raw_server(watched))  # a catalog naming that Heat
    with override_settings(MR_DASHBOARD={**CLOUD, "REGION_TIMEOUT": SECONDS}):
        elapsed, error = timed(lambda: client.heatclient(cloud, "RegionOne").stacks.get("s1"))
    assert isinstance(error, outbound.TimeLimit)
    assert elapsed >= SECONDS - 0.05, elapsed
    assert watched.cuts() == 1  # cut while the server still dripped
    assert SECRET_WORDS not in str(error)


def test_a_quick_answer_is_whole_and_the_connection_kept(raw_server, threads_back):
    calls = []

    def answer(handler):
        calls.append(handler.client_address)
        body = b'{"ok": true}'
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body)
                            + body)
        handler.close_connection = False

    port = raw_server(answer)
    with override_settings(MR_DASHBOARD=CLOUD):
        session = guard.guarded_session(True)
        for _ in range(3):
            answer_ = session.get(f"http://127.0.0.1:{port}/", authenticated=False)
            assert answer_.json() == {"ok": True}
    assert len(set(calls)) == 1  # one kept-alive connection served the three


# --- Calls to the user's own regions: a per-socket timeout only -------------

def test_calls_hung_on_a_region_hold_a_bounded_number_of_threads(raw_server):
    """A region whose server drips its body (a byte every 0.2 s, under the
    1 s socket timeout) hangs every call there. Ten fan-outs give up on
    it: the first MAX_STUCK_PER_REGION leave a thread running, the others
    start none and are told at once; all end once the server stops."""
    stop = threading.Event()

    def drip_until_stopped(handler):
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
        while not stop.is_set():
            handler.wfile.write(b"x")
            time.sleep(DRIP)

    port = raw_server(drip_until_stopped)
    session = ks_session.Session(timeout=1.0)  # as the user's own regions'
    made = []

    def call(request, region):
        made.append(region)
        return session.get(f"http://127.0.0.1:{port}/", authenticated=False).content

    request = fakes.api_request(fakes.catalog())
    before = _threads()
    try:
        results = [parallel.run_all(request, {"r": parallel.Call("RegionOne", call)},
                                    deadline=0.5)["r"] for _ in range(10)]
        stuck = parallel.MAX_STUCK_PER_REGION
        assert [r.error.kind for r in results] == ["timeout"] * 10
        assert [r.error.message.startswith("Not asked") for r in results] == (
            [False] * stuck + [True] * (10 - stuck))
        assert len(made) == stuck  # the others started no call: no wait
        assert parallel.STUCK.total() == stuck
        assert len(call_threads()) == stuck  # one per stuck call, no more
    finally:
        stop.set()
    assert settled_threads(before) <= before
    assert wait_until(lambda: (parallel.STUCK.total(), call_threads()), SETTLE, 0.05,
                      "the stuck calls to end", done=lambda now: now == (0, []),
                      fail=False) == (0, [])
    assert parallel.run_all(request, {"r": parallel.Call("RegionOne", lambda q, r: 1)}
                            )["r"].value == 1


def test_a_url_in_a_message_keeps_no_user_password_query_or_fragment():
    assert outbound.shown("https://u:pw@host.test:8443/t.yaml?temp_url_sig=s#f") == (
        "https://host.test:8443/t.yaml")
    with pytest.raises(outbound.AddressRefused) as refused:
        outbound.origin_of("ftp://u:pw@host.test/t.yaml?sig=s")
    assert "pw" not in str(refused.value) and "sig" not in str(refused.value)
    assert len(outbound.shown("http://h/" + "a" * 500)) == 201


def test_stuck_calls_are_counted_per_region_and_project():
    def request(project: str, other_cloud: bool = False):
        user = type("User", (), {"project_id": project})()
        fields = {"user": user, **({"transport": object()} if other_cloud else {})}
        return type("Request", (), fields)()

    places = {parallel.place_of(request("a"), "RegionOne"),
              parallel.place_of(request("b"), "RegionOne"),
              parallel.place_of(request("a"), "RegionTwo"),
              parallel.place_of(request("a", other_cloud=True), "RegionOne")}
    assert len(places) == 4
    assert parallel.place_of(request("a"), "RegionOne") in places
