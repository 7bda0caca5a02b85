"""The Credentials panel on the real Barbican and both clouds: list, create
through the form (the exact JSON read back from Barbican), check a stored
credential, and delete after a warning naming the stacks that use it."""
import datetime
import json
import re
import uuid

import pytest
from django.urls import reverse

from mr_dashboard import constants
from tests.cloud import keystone_session
from tests.functional.conftest import login
from tests.functional.credentials_helpers import DEMO_SECRET, secret_ids

# keystoneauth's own messages, whatever Horizon test ran first.
pytestmark = pytest.mark.usefixtures("keystoneauth_messages")

INDEX_URL = reverse(constants.CREDENTIALS_INDEX_URL)
CREATE_URL = reverse(constants.CREDENTIAL_CREATE_URL)


@pytest.fixture(scope="module")
def demo_session(cloud):
    return keystone_session(cloud)


def payload_of(demo_session, secret_id: str) -> dict:
    """A secret's payload, read without the dashboard (and unlogged:
    barbicanclient's session would log it at DEBUG)."""
    return json.loads(demo_session.get(
        f"/v1/secrets/{secret_id}/payload", headers={"Accept": "text/plain"}, log=False,
        endpoint_filter={"service_type": "key-manager", "region_name": "RegionOne"}).text)


def create_fields(cloud, name: str, **changes) -> dict:
    fields = {"name": name, "region": "RegionOne", "auth_type": "v3password",
              "opt_auth_url": cloud.second_cloud_url, "opt_username": "demo",
              "opt_password": cloud.demo_password, "opt_project_name": "demo",
              "opt_user_domain_name": "Default", "opt_project_domain_name": "Default"}
    fields.update(changes)
    return fields


def demo_secret_id(barbican) -> str:
    return secret_ids(barbican, DEMO_SECRET)[0]


def test_index_lists_secrets_with_metadata_never_payloads(loopback_client, barbican):
    page = loopback_client.get(INDEX_URL).content.decode()
    row = re.search(rf'<tr[^>]*id="credentials__row__{demo_secret_id(barbican)}".*?</tr>',
                    page, re.S).group(0)
    cells = [" ".join(re.sub(r"<[^>]+>", " ", c).split())
             for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[:4] == [DEMO_SECRET, "Not recorded", "Not recorded", "RegionOne"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", cells[4])
    assert cells[5:7] == ["Never", "Active"]
    assert "auth_type" not in row and "password" not in row.lower()


def test_create_stores_exactly_the_json_heat_reads(loopback_client, cloud, barbican, demo_session,
                                                   secret_name):
    expires = (datetime.datetime.now(datetime.timezone.utc)
               + datetime.timedelta(days=2)).replace(second=0, microsecond=0)
    response = loopback_client.post(CREATE_URL, create_fields(
        cloud, secret_name, expiration=expires.strftime("%Y-%m-%dT%H:%M")))
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert response["Location"] == INDEX_URL
    [secret_id] = secret_ids(barbican, secret_name)
    secret = barbican.secrets.get(secret_id)
    assert payload_of(demo_session, secret_id) == {"auth_type": "v3password", "auth": {
        "auth_url": cloud.second_cloud_url, "username": "demo",
        "password": cloud.demo_password, "project_name": "demo",
        "user_domain_name": "Default", "project_domain_name": "Default"}}
    assert secret.secret_type == "opaque"
    assert secret.content_types == {"default": "text/plain"}
    assert secret.expiration.replace(tzinfo=datetime.timezone.utc) == expires
    assert barbican.secrets.get_secret_metadata(secret.secret_ref)["metadata"] == {
        "auth_type": "v3password", "auth_url": cloud.second_cloud_url}
    page = loopback_client.get(INDEX_URL).content.decode()
    assert f'id="credentials__row__{secret_id}"' in page
    assert "Password (Keystone v3 only)" in page


def test_create_refuses_a_credential_that_fails_its_check(loopback_client, cloud, barbican,
                                                          secret_name):
    response = loopback_client.post(CREATE_URL, create_fields(
        cloud, secret_name, opt_password=f"wrong-{uuid.uuid4().hex}"))
    assert response.status_code == 200
    assert "Not stored: the check failed. The Keystone at" in response.content.decode()
    assert secret_ids(barbican, secret_name) == []


def test_create_can_store_without_a_successful_check(loopback_client, cloud, barbican,
                                                     demo_session, secret_name):
    response = loopback_client.post(CREATE_URL, create_fields(
        cloud, secret_name, opt_auth_url="http://127.0.0.1:1/v3", skip_check="on"))
    assert response.status_code == 302
    [secret_id] = secret_ids(barbican, secret_name)
    assert payload_of(demo_session, secret_id)["auth"]["auth_url"] == (
        "http://127.0.0.1:1/v3")


def test_create_refuses_an_expiration_in_the_past(loopback_client, cloud, barbican, secret_name):
    response = loopback_client.post(CREATE_URL, create_fields(
        cloud, secret_name, expiration="2020-01-01T00:00"))
    assert "The expiration must be in the future." in response.content.decode()
    assert secret_ids(barbican, secret_name) == []


def test_a_stored_credential_is_checked_as_heat_uses_it(loopback_client, barbican):
    page = loopback_client.get(reverse(constants.CREDENTIAL_VERIFY_URL, args=(
        "RegionOne", demo_secret_id(barbican)))).content.decode()
    assert 'data-mr-check-state="ok"' in page
    assert 'data-mr-remote-region="RegionOne" data-mr-remote-heat="yes"' in page


def test_delete_warns_with_the_stacks_using_it(loopback_client, barbican):
    url = reverse(constants.CREDENTIAL_DELETE_URL,
                  args=("RegionOne", demo_secret_id(barbican)))
    for _ in range(3):  # a busy region is reported "not searched": ask again
        page = loopback_client.get(url).content.decode()
        if 'id="mr-credential-users"' in page:
            break
    unknown = re.search(r'id="mr-credential-unknown".*?</ul>', page, re.S)
    assert 'id="mr-credential-users"' in page, unknown and unknown.group(0)
    assert 'data-mr-stack-region="RegionOne" data-mr-stack-name="cross-cloud"' in page
    assert "cross-cloud (RegionOne): remote_db" in page


def test_delete_removes_an_unused_credential(loopback_client, cloud, barbican, secret_name):
    loopback_client.post(CREATE_URL, create_fields(cloud, secret_name))
    [secret_id] = secret_ids(barbican, secret_name)
    url = reverse(constants.CREDENTIAL_DELETE_URL, args=("RegionOne", secret_id))
    assert 'id="mr-credential-unused"' in loopback_client.get(url).content.decode()
    response = loopback_client.post(url, {})
    assert response.status_code == 302
    assert secret_ids(barbican, secret_name) == []


def test_every_form_needs_the_csrf_token(cloud, barbican):
    client = login(cloud)
    client.handler.enforce_csrf_checks = True
    delete_url = reverse(constants.CREDENTIAL_DELETE_URL,
                         args=("RegionOne", demo_secret_id(barbican)))
    for url in (CREATE_URL, reverse(constants.CREDENTIAL_CHECK_URL), delete_url):
        assert client.post(url, {}).status_code == 403, url
    assert secret_ids(barbican, DEMO_SECRET)
