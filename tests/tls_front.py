"""A TLS front for the demo's second cloud, made by a test on 127.0.0.1.

The second cloud's Keystone and Heat speak plain HTTP. :func:`tls_front`
puts each behind a TLS listener of its own, with a server certificate for
127.0.0.1 signed by a CA made in the test (``cryptography``), and rewrites
the upstream URLs in every answer (the Keystone catalog, version documents,
Heat's links and redirects) to the fronts' https URLs: a credential whose
``auth_url`` is the front's then reaches that cloud over TLS only, for Heat
(which creates the child with the context's ``ca_cert``) and for the
dashboard alike. :meth:`TlsFront.present` switches the certificate the
fronts show (one signed by another CA: a wrong CA for whoever verifies).
Each request is its own connection (HTTP/1.0), so a switch counts at once.
"""
import contextlib
import datetime
import http.client
import http.server
import ipaddress
import ssl
import tempfile
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

_HOP_HEADERS = ("connection", "transfer-encoding", "content-length", "keep-alive")


def certificate(subject: str, key, issuer=None, issuer_key=None, ip=None):
    """A certificate for ``subject``: a CA (self-signed without ``issuer``),
    or a server certificate for address ``ip``."""
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(name)
               .issuer_name(issuer.subject if issuer else name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(minutes=5))
               .not_valid_after(now + datetime.timedelta(hours=1))
               .add_extension(x509.BasicConstraints(ca=ip is None, path_length=None),
                              critical=True))
    if ip:
        builder = builder.add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address(ip))]), critical=False)
    return builder.sign(issuer_key or key, hashes.SHA256())


def pem(cert) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode()


@dataclass(frozen=True)
class Authority:
    """A CA made for a test, and a server context for 127.0.0.1 it signed."""

    ca_pem: str
    server: ssl.SSLContext


def authority(name: str) -> Authority:
    ca_key, server_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(
        ec.SECP256R1())
    ca = certificate(name, ca_key)
    server = certificate("127.0.0.1", server_key, ca, ca_key, ip="127.0.0.1")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with tempfile.TemporaryDirectory(prefix="mrd-tls-") as folder:
        chain, key = f"{folder}/server.pem", f"{folder}/server.key"
        with open(chain, "w") as out:
            out.write(pem(server))
        with open(key, "wb") as out:
            out.write(server_key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption()))
        context.load_cert_chain(chain, key)
    return Authority(pem(ca), context)


class _Relay(http.server.BaseHTTPRequestHandler):
    """One request passed on to ``upstream``; upstream URLs in the answer
    (headers and body) replaced by the fronts' (``rewrites``)."""

    upstream = ("127.0.0.1", 0)
    rewrites: dict[bytes, bytes] = {}

    def _relay(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        connection = http.client.HTTPConnection(*self.upstream, timeout=60)
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in ("host", "accept-encoding")}
        connection.request(self.command, self.path, body or None, headers)
        answer = connection.getresponse()
        payload = self._rewritten(answer.read())
        self.send_response(answer.status)
        for key, value in answer.getheaders():
            if key.lower() not in _HOP_HEADERS:
                self.send_header(key, self._rewritten(value.encode("latin-1")).decode(
                    "latin-1"))
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
        connection.close()

    def _rewritten(self, data: bytes) -> bytes:
        for old, new in self.rewrites.items():
            data = data.replace(old, new)
        return data

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _relay

    def log_message(self, format, *args):  # noqa: A002 - quiet
        return


class _TlsServer(http.server.ThreadingHTTPServer):
    """Each connection wrapped with the context of the moment (the
    handshake then runs in the request's own thread)."""

    daemon_threads = True
    tls: ssl.SSLContext

    def get_request(self):
        sock, address = super().get_request()
        return self.tls.wrap_socket(sock, server_side=True,
                                    do_handshake_on_connect=False), address

    def handle_error(self, request, client_address):
        return  # a refused handshake is what some tests want


class TlsFront:
    """TLS listeners on 127.0.0.1 in front of plain-HTTP services."""

    def __init__(self, upstreams: dict[str, str], first: Authority) -> None:
        self.servers = {}
        for name in upstreams:
            server = _TlsServer(("127.0.0.1", 0), _Relay)
            server.tls = first.server
            self.servers[name] = server
        origins = {name: urllib.parse.urlsplit(url) for name, url in upstreams.items()}
        rewrites = {f"http://{o.hostname}:{o.port}".encode():
                    f"https://127.0.0.1:{self.servers[n].server_address[1]}".encode()
                    for n, o in origins.items()}
        for name, server in self.servers.items():
            server.RequestHandlerClass = type("Relay", (_Relay,), {
                "upstream": (origins[name].hostname, origins[name].port),
                "rewrites": rewrites})
            threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()

    def url(self, name: str, path: str = "") -> str:
        return f"https://127.0.0.1:{self.servers[name].server_address[1]}{path}"

    def present(self, signer: Authority) -> None:
        """Show from now on the server certificate ``signer`` signed."""
        for server in self.servers.values():
            server.tls = signer.server

    def close(self) -> None:
        for server in self.servers.values():
            server.shutdown()
            server.server_close()


@contextlib.contextmanager
def tls_front(upstreams: dict[str, str], first: Authority) -> Iterator[TlsFront]:
    """:class:`TlsFront` for the block, presenting ``first``'s certificate."""
    front = TlsFront(upstreams, first)
    try:
        yield front
    finally:
        front.close()
