"""The Check of the Create Credential form, against the second cloud's real
Keystone: it succeeds, and fails clearly for a wrong secret, a wrong URL,
an unreachable or silent URL, an untrusted CA and a private address, and
it calls no address but the auth URL given.

TLS cases go through a TLS front to the second cloud's Keystone, with
certificates made for the test (tests/tls_front.py).
"""
import re
import uuid

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from mr_dashboard import constants
from tests import tls_front
from tests.cloud import keystone_session
from tests.functional.conftest import LOOPBACK, login
from tests.secret_watch import watch

# keystoneauth's own messages, whatever Horizon test ran first.
pytestmark = pytest.mark.usefixtures("keystoneauth_messages")

CHECK_URL = reverse(constants.CREDENTIAL_CHECK_URL)


@pytest.fixture
def allow_private():
    """The demo's setting: the second cloud is on 127.0.0.1."""
    with override_settings(MR_DASHBOARD={**LOOPBACK, "CREDENTIAL_CHECK_TIMEOUT": 3.0}):
        yield


def password_fields(cloud, **changes) -> dict:
    fields = {"auth_type": "v3password", "opt_auth_url": cloud.second_cloud_url,
              "opt_username": "demo", "opt_password": cloud.demo_password,
              "opt_project_name": "demo", "opt_user_domain_id": "default",
              "opt_project_domain_id": "default"}
    fields.update(changes)
    return fields


def outcome(response) -> tuple[str, str]:
    """The check's state and its text, from the HTML fragment."""
    assert response.status_code == 200
    page = response.content.decode()
    state = re.search(r'data-mr-check-state="(\w+)"', page).group(1)
    return state, " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_check_reports_project_regions_and_heat(demo_client, cloud, allow_private):
    state, text = outcome(demo_client.post(CHECK_URL, password_fields(cloud)))
    assert state == "ok", text
    assert f"As demo in project demo, at {cloud.second_cloud_url}" in text
    assert "RegionOne Yes" in text
    assert "Parents in RegionOne can put children there." in text


def test_wrong_secret_is_refused_by_keystone(demo_client, cloud, allow_private):
    wrong = "wrong-" + uuid.uuid4().hex
    watch(wrong, "a wrong password typed in a test")
    state, text = outcome(demo_client.post(CHECK_URL, password_fields(
        cloud, opt_password=wrong)))
    assert state == "failed"
    assert text.startswith("Not authenticated: The Keystone at "
                           f"{cloud.second_cloud_url} refused these credentials"), text


def test_wrong_url_says_no_keystone_answers(demo_client, cloud, allow_private):
    url = cloud.second_cloud_url.replace("/v3", "/nothing-here")
    state, text = outcome(demo_client.post(CHECK_URL, password_fields(
        cloud, auth_type="password", opt_auth_url=url)))
    assert state == "failed"
    assert text.startswith(f"No Keystone there: No Keystone API answers at {url}"), text


def test_unreachable_url_says_so(demo_client, cloud, allow_private, closed_port):
    url = f"http://127.0.0.1:{closed_port}/v3"
    state, text = outcome(demo_client.post(CHECK_URL, password_fields(
        cloud, opt_auth_url=url)))
    assert state == "failed"
    assert text == f"Unreachable: {url} cannot be reached: [Errno 111] Connection refused"


def test_silent_url_times_out_within_the_setting(demo_client, cloud, allow_private,
                                                 silent_port):
    url = f"http://127.0.0.1:{silent_port}/v3"
    state, text = outcome(demo_client.post(CHECK_URL, password_fields(
        cloud, opt_auth_url=url)))
    assert state == "failed"
    assert text == f"Timed out: {url} did not answer within 3.0 seconds."


def test_private_addresses_are_refused_by_default(demo_client, cloud):
    state, text = outcome(demo_client.post(CHECK_URL, password_fields(cloud)))
    assert state == "failed"
    assert text == ("Refused: 127.0.0.1 is a loopback, link-local or private address: "
                    "the dashboard does not call it.")


def test_form_errors_come_back_without_a_check(demo_client, cloud, allow_private):
    state, text = outcome(demo_client.post(CHECK_URL, password_fields(
        cloud, opt_auth_url="")))
    assert state == "invalid"
    assert "Required for this auth type: Auth URL." in text


def test_check_needs_the_csrf_token(cloud, allow_private):
    client = login(cloud)
    client.handler.enforce_csrf_checks = True
    response = client.post(CHECK_URL, password_fields(cloud))
    assert response.status_code == 403


# --- An application credential of the second cloud -------------------------

@pytest.fixture
def application_credential(cloud):
    """An application credential of ``demo`` in the second cloud (deleted
    after the test); its secret is watched."""
    session = keystone_session(cloud, auth_url=cloud.second_cloud_url, timeout=10)
    user = session.get_user_id()
    created = session.post(f"{cloud.second_cloud_url}/users/{user}/application_credentials",
                           json={"application_credential": {
                               "name": f"mrcred-{uuid.uuid4().hex[:8]}"}}).json()
    credential = created["application_credential"]
    watch(credential["secret"], "an application credential secret")
    yield credential
    session.delete(f"{cloud.second_cloud_url}/users/{user}/application_credentials/"
                   f"{credential['id']}")


def test_application_credential_checks(demo_client, cloud, allow_private,
                                       application_credential):
    state, text = outcome(demo_client.post(CHECK_URL, {
        "auth_type": "v3applicationcredential", "opt_auth_url": cloud.second_cloud_url,
        "opt_application_credential_id": application_credential["id"],
        "opt_application_credential_secret": application_credential["secret"]}))
    assert state == "ok", text
    assert "in project demo" in text


# --- TLS: the second cloud's Keystone behind a TLS front (tests/tls_front.py)

@pytest.fixture(scope="module")
def tls_keystone():
    """``(url, ca_pem, other_ca_pem)``: the second cloud's Keystone behind
    TLS on 127.0.0.1, its CA, and a CA that did not sign it."""
    from tests.cloud import running_cloud
    signer = tls_front.authority("mrcred test CA")
    with tls_front.tls_front({"keystone": running_cloud().second_cloud_url},
                             signer) as front:
        yield (front.url("keystone", "/v3"), signer.ca_pem,
               tls_front.authority("mrcred other CA").ca_pem)


def test_check_trusts_the_ca_given(demo_client, cloud, allow_private, tls_keystone):
    url, ca, _ = tls_keystone
    state, text = outcome(demo_client.post(CHECK_URL, password_fields(
        cloud, opt_auth_url=url, ca_cert=ca)))
    assert state == "ok", text
    assert f"at {url}" in text


def test_an_untrusted_ca_fails_clearly(demo_client, cloud, allow_private, tls_keystone):
    url, _, other = tls_keystone
    state, text = outcome(demo_client.post(CHECK_URL, password_fields(
        cloud, opt_auth_url=url, ca_cert=other)))
    assert state == "failed"
    assert text.startswith(f"Certificate not trusted: The certificate of {url} is not "
                           "trusted"), text
    assert "CERTIFICATE_VERIFY_FAILED" in text


def test_insecure_skips_verification(demo_client, cloud, allow_private, tls_keystone):
    url, _, _ = tls_keystone
    state, text = outcome(demo_client.post(CHECK_URL, password_fields(
        cloud, opt_auth_url=url, insecure="on")))
    assert state == "ok", text


def test_a_ca_that_is_not_pem_is_a_form_error(demo_client, cloud, allow_private):
    state, text = outcome(demo_client.post(CHECK_URL, password_fields(
        cloud, ca_cert="-----BEGIN CERTIFICATE-----\nnot one\n")))
    assert state == "invalid"
    assert "This is not a CA certificate in PEM format." in text


def test_the_check_calls_only_the_urls_given(demo_client, cloud, allow_private,
                                             http_server, closed_port):
    # An OpenID Connect provider's discovery document names its token
    # endpoint; one on another address than those given is not called.
    elsewhere = f"http://127.0.0.1:{closed_port}/token"
    port = http_server(lambda handler: (200, {"token_endpoint": elsewhere}))
    discovery = f"http://127.0.0.1:{port}/.well-known/openid-configuration"
    state, text = outcome(demo_client.post(CHECK_URL, {
        "auth_type": "v3oidcclientcredentials", "opt_auth_url": cloud.second_cloud_url,
        "opt_identity_provider": "idp", "opt_protocol": "openid",
        "opt_client_id": "dashboard", "opt_client_secret": "not-a-real-secret",
        "opt_discovery_endpoint": discovery}))
    assert state == "failed"
    assert text == (f"Refused: {elsewhere} is not one of the URLs given: the check "
                    "calls no other address."), text


def test_client_without_login_is_sent_to_login(cloud):
    response = Client().post(CHECK_URL, {})
    assert response.status_code == 302
    assert "/auth/login/" in response["Location"]
