"""Tests of the TLS options of a check and of a child in another cloud."""

import datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.core.exceptions import ValidationError
from django.test import override_settings

from mr_dashboard.api.other_cloud import tls as other_cloud_tls
from mr_dashboard.panels.shared import tls_fields


@pytest.fixture(scope="module")
def ca_pem() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "unit CA")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def test_fields_carry_their_prefix_and_a_plain_warning():
    fields = tls_fields.tls_fields("tls__remote__")
    assert list(fields) == ["tls__remote__ca_cert", "tls__remote__insecure"]
    assert "could read and change what is sent" in str(fields[
        "tls__remote__insecure"].help_text)


def test_the_pem_field_reads_a_file_in_the_browser():
    html = tls_fields.PemWidget().render("ca_cert", "", {"id": "id_ca_cert"})
    assert '<textarea name="ca_cert"' in html
    assert 'type="file"' in html and 'data-mr-pem-into="id_ca_cert"' in html
    assert "name=" not in html.split("<input", 1)[1]  # nothing is uploaded


def test_a_pem_ca_is_kept(ca_pem):
    assert tls_fields.ca_cert_of({"p_ca_cert": f"  {ca_pem}  "}, "p_") == ca_pem.strip() + "\n"
    assert tls_fields.ca_cert_of({"ca_cert": ""}) is None


@pytest.mark.parametrize("text", ["not a certificate",
                                  "-----BEGIN CERTIFICATE-----\nAAAA\n"
                                  "-----END CERTIFICATE-----"])
def test_anything_else_is_a_form_error(text):
    with pytest.raises(ValidationError) as caught:
        tls_fields.ca_cert_of({"ca_cert": text})
    assert caught.value.messages == ["This is not a CA certificate in PEM format."]


def test_verify_is_false_when_insecure_else_a_context_or_horizons_setting(ca_pem):
    with tls_fields.verify_for(ca_pem, True) as verify:
        assert verify is False
    with tls_fields.verify_for(ca_pem, False) as verify:
        # A context trusting that CA alone, built from its text (no file);
        # the one of the calls into that cloud too.
        assert [cert["subject"] for cert in verify.get_ca_certs()] == [
            ((("commonName", "unit CA"),),)]
    assert verify is other_cloud_tls.verify(ca_pem, False)
    with override_settings(OPENSTACK_SSL_CACERT="/etc/ssl/horizon-ca.pem"):
        with tls_fields.verify_for(None, False) as verify:
            assert verify == "/etc/ssl/horizon-ca.pem"
