"""A context's ``ca_cert``: checked strictly, trusted alone through an
SSLContext built from its text (no file is written anywhere), on real TLS
servers on 127.0.0.1 with certificates made here (tests/tls_front.py)."""

import contextlib
import http.server
import os
import tempfile
import threading

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.test import override_settings
from keystoneauth1 import exceptions as ksa_exc

from mr_dashboard.api.other_cloud import guard
from mr_dashboard.api.other_cloud import tls
from tests import tls_front

# keystoneauth's own messages (the local TLS reason), whatever ran first.
pytestmark = pytest.mark.usefixtures("keystoneauth_messages")
CLOUD = {"CREDENTIAL_CHECK_ALLOWED_NETWORKS": ["127.0.0.0/8"]}


@pytest.fixture(scope="module")
def signer() -> tls_front.Authority:
    return tls_front.authority("mrd unit CA")


@pytest.fixture(scope="module")
def other() -> tls_front.Authority:
    return tls_front.authority("mrd other CA")


def leaf_pem() -> str:
    """A certificate that is no CA (a server's)."""
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(
        ec.SECP256R1())
    ca = tls_front.certificate("issuer", ca_key)
    return tls_front.pem(tls_front.certificate("127.0.0.1", key, ca, ca_key, ip="127.0.0.1"))


class _Ok(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format, *args):  # noqa: A002 - quiet
        return


@contextlib.contextmanager
def tls_server(authority: tls_front.Authority):
    """An https server on 127.0.0.1 showing ``authority``'s certificate."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    server.socket = authority.server.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_one_ca_or_a_chain_of_cas_with_whitespace_is_accepted(signer, other):
    tls.check_pem(signer.ca_pem)
    tls.check_pem(f"\n  {signer.ca_pem}\n\n{other.ca_pem}  \n")


@pytest.mark.parametrize("make", [
    lambda ca: "junk before\n" + ca,
    lambda ca: ca + "junk after",
    lambda ca: ca + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
    lambda ca: ca.replace("CERTIFICATE", "TRUSTED CERTIFICATE"),
    lambda ca: ca.replace("\n-----END", "!!\n-----END"),
    lambda ca: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    lambda ca: ca * (tls.MAX_CERTIFICATES + 1),
    lambda ca: ca + " " * tls.MAX_PEM_CHARS,
    lambda ca: "",
    lambda ca: leaf_pem(),
])
def test_anything_else_is_refused(signer, make):
    with pytest.raises(tls.InvalidCa):
        tls.check_pem(make(signer.ca_pem))


def test_no_file_is_written_and_only_that_ca_is_trusted(signer, other, monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    tls.ca_context.cache_clear()
    context = tls.verify(signer.ca_pem, False)
    with override_settings(MR_DASHBOARD=CLOUD), tls_server(signer) as url:
        answer = guard.guarded_session(context).get(url, authenticated=False)
        assert answer.content == b"ok"
        # Trusting that CA and no other: requests' bundle was not added.
        assert [c["subject"] for c in context.get_ca_certs()] == [
            ((("commonName", "mrd unit CA"),),)]
        with pytest.raises(ksa_exc.SSLError, match="CERTIFICATE_VERIFY_FAILED"):
            guard.guarded_session(tls.verify(other.ca_pem, False)).get(
                url, authenticated=False)
    assert os.listdir(tmp_path) == []


def test_a_context_is_kept_per_ca(signer, other):
    assert tls.verify(signer.ca_pem, False) is tls.verify(signer.ca_pem, False)
    assert tls.verify(signer.ca_pem, False) is not tls.verify(other.ca_pem, False)
    assert tls.verify(signer.ca_pem, True) is False
