"""Tests of reaching another cloud with a credential secret."""

import datetime
import json
from unittest import mock

import pytest
from django.test import override_settings

from mr_dashboard.api.other_cloud import remote
from tests.unit import fakes

SECRET_ID = "0b0e7c3e-1f6e-4c1e-9d7e-000000000001"


pytestmark = pytest.mark.usefixtures("empty_keep")


def test_a_cloud_request_carries_the_other_clouds_token_and_catalog():
    cloud = remote.CloudRequest(fakes.access_info())
    assert cloud.user.token.id == "gAAAAA-other-cloud-token"
    assert cloud.user.project_id == "p1"
    [service] = cloud.user.service_catalog
    assert service["type"] == "orchestration"


def test_it_is_kept_per_user_token_and_secret():
    made = remote.CloudRequest(fakes.access_info())
    request = fakes.api_request(fakes.catalog())
    with mock.patch.object(remote, "_connect", return_value=made) as connect:
        assert remote.cloud_request(request, SECRET_ID) is made
        # A reference to the same secret is the same secret.
        assert remote.cloud_request(
            request, f"https://barbican.example.com/v1/secrets/{SECRET_ID}") is made
        assert connect.call_count == 1
        other_user = fakes.api_request(fakes.catalog(), token="gAAAAB-another-user")
        remote.cloud_request(other_user, SECRET_ID)
        assert connect.call_count == 2


def test_it_is_not_kept_beyond_its_tokens_expiry():
    soon = remote.CloudRequest(fakes.access_info(expires_in=30))
    request = fakes.api_request(fakes.catalog())
    with mock.patch.object(remote, "_connect", return_value=soon) as connect:
        remote.cloud_request(request, SECRET_ID)
        remote.cloud_request(request, SECRET_ID)
    assert connect.call_count == 2


def test_keeping_time_is_capped():
    now = datetime.datetime.now(datetime.timezone.utc)
    for expires in (now + datetime.timedelta(hours=1), None):
        # KEEP_SECONDS from the moment it was asked: between the clock's
        # readings before and after.
        before = remote.time.monotonic()
        kept_until = remote._keep_until(expires)
        after = remote.time.monotonic()
        assert before + remote.KEEP_SECONDS <= kept_until <= after + remote.KEEP_SECONDS


def test_a_catalog_keystoneauth_cannot_read_makes_the_cloud_unavailable(header_server):
    port = header_server(lambda handler: (201, {"X-Subject-Token": "gAAAAA-x"},
                                          fakes.keystone_token([{"type": "orchestration",
                                                                 "endpoints": None}])))
    secret = json.dumps({"auth_type": "v3applicationcredential", "auth": {
        "auth_url": f"http://127.0.0.1:{port}/v3", "application_credential_id": "ac",
        "application_credential_secret": "s3cr3t-value"}})
    with override_settings(MR_DASHBOARD={"CREDENTIAL_CHECK_ALLOWED_NETWORKS": ["127.0.0.0/8"]}), \
            mock.patch.object(remote, "_read_secret", return_value=secret):
        with pytest.raises(remote.CloudUnavailable, match="answered a token that is not valid"):
            remote.cloud_request(fakes.api_request(fakes.catalog()), SECRET_ID)
