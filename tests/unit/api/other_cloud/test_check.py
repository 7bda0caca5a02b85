"""Tests of the credential check: what it reports and how it fails."""

import pytest
from django.test import override_settings
from keystoneauth1 import exceptions as ksa_exc

from mr_dashboard.api.other_cloud import auth
from mr_dashboard.api.other_cloud import check
from mr_dashboard.api.other_cloud import guard
from tests.unit import fakes

URL = "https://keystone.example.com/v3"
SECRET = "the-secret-value-42"


def payload(url: str = URL) -> dict:
    return {"auth_type": "v3applicationcredential", "auth": {
        "auth_url": url, "application_credential_id": "ac",
        "application_credential_secret": SECRET}}


def test_regions_of_the_other_catalog_and_which_run_heat():
    catalog = fakes.catalog(("RegionOne",), other_regions=("Edge",))
    assert check._regions(catalog) == (check.RemoteRegion("Edge", False),
                                       check.RemoteRegion("RegionOne", True))


@pytest.mark.parametrize("exc, kind, start", [
    (guard.AddressRefused("10.0.0.1 is private"), check.REFUSED, "10.0.0.1 is private"),
    (auth.InvalidCredential("bad JSON"), check.INVALID, "bad JSON"),
    (ksa_exc.SSLError("certificate verify failed"), check.TLS,
     f"The certificate of {URL} is not trusted (give its CA, or check the URL)"),
    (ksa_exc.ConnectTimeout("slow"), "timeout", f"{URL} did not answer within 10.0"),
    (ksa_exc.Unauthorized(f"denied for {SECRET}"), "unauthorized",
     f"The Keystone at {URL} refused these credentials (HTTP 401)."),
    (ksa_exc.NotFound("no"), check.NOT_KEYSTONE, f"No Keystone API answers at {URL}"),
    (ksa_exc.DiscoveryFailure("no versions"), check.NOT_KEYSTONE, "No Keystone API"),
    (ksa_exc.ConnectFailure("Unable to establish connection to x: ('Connection aborted.', "
                            "ConnectionRefusedError(111, '[Errno 111] Connection refused'))"),
     "unreachable", f"{URL} cannot be reached: [Errno 111] Connection refused"),
    (ksa_exc.InternalServerError("boom"), "server_error", f"{URL} answered HTTP 500."),
])
def test_each_failure_has_its_kind_and_a_message_without_secrets(exc, kind, start):
    failure = check.failure_of(exc, URL, (SECRET,))
    assert failure.kind == kind
    assert failure.message.startswith(start), failure.message
    assert SECRET not in failure.message
    assert str(failure.label)


def test_private_auth_urls_are_refused_before_any_call():
    with pytest.raises(check.CheckFailed) as caught:
        check.check_credential(payload("http://127.0.0.1:5000/v3"), True)
    assert caught.value.kind == check.REFUSED


def test_an_unreachable_keystone(closed_port):
    with override_settings(MR_DASHBOARD={"CREDENTIAL_CHECK_ALLOWED_NETWORKS": ["127.0.0.0/8"]}):
        with pytest.raises(check.CheckFailed) as caught:
            check.check_credential(payload(f"http://127.0.0.1:{closed_port}/v3"), True)
    assert caught.value.kind == "unreachable"
    assert caught.value.message.endswith("[Errno 111] Connection refused")


def test_a_silent_keystone_times_out(silent_port):
    with override_settings(MR_DASHBOARD={"CREDENTIAL_CHECK_ALLOWED_NETWORKS": ["127.0.0.0/8"],
                                         "CREDENTIAL_CHECK_TIMEOUT": 0.3}):
        with pytest.raises(check.CheckFailed) as caught:
            check.check_credential(payload(f"http://127.0.0.1:{silent_port}/v3"), True)
    assert caught.value.kind == "timeout"
    assert caught.value.message.endswith("did not answer within 0.3 seconds.")


def test_a_keystone_refusing_the_secret(http_server):
    port = http_server(lambda handler: (401, {"error": {
        "code": 401, "title": "Unauthorized", "message": "Invalid application credential"}}))
    with override_settings(MR_DASHBOARD={"CREDENTIAL_CHECK_ALLOWED_NETWORKS": ["127.0.0.0/8"]}):
        with pytest.raises(check.CheckFailed) as caught:
            check.check_credential(payload(f"http://127.0.0.1:{port}/v3"), True)
    assert caught.value.kind == "unauthorized"
    # What happened, never the other side's words.
    assert caught.value.message.endswith("refused these credentials (HTTP 401).")
    assert "Invalid application credential" not in caught.value.message


@pytest.mark.parametrize("catalog", [
    [{"type": "orchestration", "endpoints": None}],
    [{"type": "orchestration", "endpoints": ["not an object"]}],
    [None],
])
def test_a_catalog_keystoneauth_cannot_read_is_a_clear_failure(header_server, catalog):
    port = header_server(lambda handler: (
        201, {"X-Subject-Token": "gAAAAA-malformed"}, fakes.keystone_token(catalog)))
    url = f"http://127.0.0.1:{port}/v3"
    with override_settings(MR_DASHBOARD={"CREDENTIAL_CHECK_ALLOWED_NETWORKS": ["127.0.0.0/8"]}):
        with pytest.raises(check.CheckFailed) as caught:
            check.check_credential(payload(url), True)
    assert caught.value.kind == check.INVALID
    assert caught.value.message == (
        f"The Keystone at {url} answered a token that is not valid: its header, catalog, "
        "user or project cannot be read.")


def test_a_token_without_its_header_is_a_clear_failure(header_server):
    port = header_server(lambda handler: (201, {}, fakes.keystone_token([])))
    with override_settings(MR_DASHBOARD={"CREDENTIAL_CHECK_ALLOWED_NETWORKS": ["127.0.0.0/8"]}):
        with pytest.raises(check.CheckFailed) as caught:
            check.check_credential(payload(f"http://127.0.0.1:{port}/v3"), True)
    assert caught.value.kind == check.INVALID


def test_a_valid_token_from_a_local_keystone_is_reported(header_server):
    catalog = fakes.local_catalog({"RegionOne": 1})
    port = header_server(lambda handler: (
        201, {"X-Subject-Token": "gAAAAA-good"}, fakes.keystone_token(catalog)))
    with override_settings(MR_DASHBOARD={"CREDENTIAL_CHECK_ALLOWED_NETWORKS": ["127.0.0.0/8"]}):
        report = check.check_credential(payload(f"http://127.0.0.1:{port}/v3"), True,
                                        ("RegionOne",))
    assert (report.project, report.regions, report.reachable_from) == (
        "demo", (check.RemoteRegion("RegionOne", True),), ("RegionOne",))


def test_a_catalog_of_many_regions_lists_those_with_heat_first_and_counts_the_rest(
        header_server):
    heat_regions = {f"Heat{index:03d}": 1 for index in range(3)}
    catalog = fakes.local_catalog(heat_regions) + [fakes.service(
        "image", {f"Edge{index:04d}": f"http://127.0.0.1:1/{index}"
                  for index in range(check.MAX_REGIONS + 20)},
        interfaces=("public",))]
    port = header_server(lambda handler: (
        201, {"X-Subject-Token": "gAAAAA-good"}, fakes.keystone_token(catalog)))
    with override_settings(MR_DASHBOARD={"CREDENTIAL_CHECK_ALLOWED_NETWORKS": ["127.0.0.0/8"]}):
        report = check.check_credential(payload(f"http://127.0.0.1:{port}/v3"), True,
                                        ("Heat002",))
    assert len(report.regions) == check.MAX_REGIONS
    assert [region.name for region in report.regions[:3]] == list(heat_regions)
    assert all(region.heat for region in report.regions[:3])
    assert report.unlisted == 23
    assert report.reachable_from == ("Heat002",)
