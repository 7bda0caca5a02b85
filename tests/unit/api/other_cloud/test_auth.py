"""Tests of reading a credential the way Heat reads it."""

from unittest import mock

import pytest
from django.test import override_settings
from keystoneauth1 import exceptions as ksa_exc
from keystoneauth1.identity.v3 import ApplicationCredential

from mr_dashboard.api.other_cloud import auth
from mr_dashboard.api.other_cloud import guard
from tests.unit import fakes

SECRET = "top-secret-value"
ALLOW = override_settings(MR_DASHBOARD={"CREDENTIAL_CHECK_ALLOWED_NETWORKS": ["127.0.0.0/8"]})


@pytest.mark.parametrize("text, message", [
    ("{'auth_type': 'password', 'auth': {'password': '%s'}}" % SECRET,
     "The secret is not JSON (line 1, column 2); JSON needs double quotes."),
    ('{"auth_type": "password"}', "The secret's JSON needs the keys auth_type and auth."),
    ('["auth_type", "auth"]', "The secret's JSON needs the keys auth_type and auth."),
    ('{"auth_type": "password", "auth": "%s"}' % SECRET,
     "The secret's auth must be a JSON map."),
])
def test_payloads_heat_would_refuse_are_refused_without_quoting_them(text, message):
    with pytest.raises(auth.InvalidCredential) as caught:
        auth.parse_payload(text)
    assert str(caught.value) == message


def test_the_plugin_is_the_one_heat_loads():
    plugin = auth.plugin_of({"auth_type": "v3applicationcredential", "auth": {
        "auth_url": "https://k.example.com/v3", "application_credential_id": "ac",
        "application_credential_secret": SECRET}})
    assert isinstance(plugin, ApplicationCredential)
    assert plugin.auth_url == "https://k.example.com/v3"


@pytest.mark.parametrize("payload, message", [
    ({"auth_type": "nope", "auth": {}}, "keystoneauth has no auth type named nope."),
    ({"auth_type": "v3applicationcredential", "auth": {
        "auth_url": "https://k/v3", "application_credential_id": "ac"}},
     "You must provide an auth secret."),
    ({"auth_type": "v3password", "auth": {"user_id": "u", "password": SECRET}},
     "Missing for this auth type: auth_url."),
    ({"auth_type": "v3applicationcredential", "auth": {
        "auth_url": "https://k/v3", "application_credential_secret": SECRET}},
     "You must provide either an application credential ID or an application "
     "credential name and user."),
    ({"auth_type": "v3password", "auth": {"auth_url": "https://k/v3", "colour": "red"}},
     "These options do not belong to auth type v3password."),
])
def test_unusable_credentials_say_why(payload, message):
    with pytest.raises(auth.InvalidCredential) as caught:
        auth.plugin_of(payload)
    assert str(caught.value) == message


def test_a_check_may_call_only_the_urls_the_credential_names():
    assert auth.origins_of({"auth_type": "v3oidcclientcredentials", "auth": {
        "auth_url": "https://keystone.example.com/v3",
        "discovery_endpoint": "https://idp.example.com/.well-known/openid-configuration",
        "client_id": "https://not-a-url-option.example.com"}}) == frozenset({
            ("https", "keystone.example.com", 443), ("https", "idp.example.com", 443)})
    with pytest.raises(auth.InvalidCredential):
        auth.origins_of({"auth_type": "password", "auth": {"username": "u"}})
    with pytest.raises(guard.AddressRefused):
        auth.origins_of({"auth_type": "password", "auth": {"auth_url": "ftp://k/"}})


@pytest.mark.parametrize("status", [201, 401])
def test_the_session_of_a_login_is_closed_once_it_is_done(header_server, status):
    port = header_server(lambda handler: (status, {"X-Subject-Token": "gAAAAA-x"},
                                          fakes.keystone_token([])))
    made, real = [], guard.outbound.transport

    def kept(*args):
        made.append(real(*args))
        return made[-1]

    payload = {"auth_type": "v3applicationcredential", "auth": {
        "auth_url": f"http://127.0.0.1:{port}/v3", "application_credential_id": "ac",
        "application_credential_secret": SECRET}}
    with ALLOW, mock.patch.object(guard.outbound, "transport", kept):
        try:
            assert auth.authenticate(payload, True).project_id == "p1"
        except ksa_exc.Unauthorized:
            assert status == 401
    [transport] = made
    # Every pool (and its sockets) of the login is gone.
    assert all(not adapter.poolmanager.pools for adapter in transport.adapters.values())
