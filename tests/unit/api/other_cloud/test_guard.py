"""Tests of the address policy of calls to other clouds."""

import ipaddress

import pytest
from django.test import override_settings

from mr_dashboard.api.transport import outbound
from mr_dashboard.api.other_cloud import guard

ALLOW = override_settings(MR_DASHBOARD={"CREDENTIAL_CHECK_ALLOWED_NETWORKS": ["127.0.0.0/8"]})


@pytest.mark.parametrize("url, origin", [
    ("https://Keystone.Example.com/v3", ("https", "keystone.example.com", 443)),
    ("http://keystone.example.com:5000", ("http", "keystone.example.com", 5000)),
    ("https://[2001:db8::1]:13000/v3", ("https", "2001:db8::1", 13000)),
])
def test_origin_of(url, origin):
    assert guard.origin_of(url) == origin


@pytest.mark.parametrize("url", ["ftp://k.example.com/", "file:///etc/passwd",
                                 "keystone.example.com/v3", "http://k:99999/v3"])
def test_origin_of_refuses_what_is_not_http(url):
    with pytest.raises(guard.AddressRefused):
        guard.origin_of(url)


@pytest.mark.parametrize("host", ["127.0.0.1", "10.1.2.3", "192.168.0.1",
                                  "169.254.169.254", "::1", "fd00::1", "0.0.0.0",
                                  "::ffff:127.0.0.1"])
def test_loopback_link_local_and_private_addresses_are_refused(host):
    with pytest.raises(guard.AddressRefused) as caught:
        outbound.checked_address(host, 443)
    assert "loopback, link-local or private" in str(caught.value)


def test_an_operator_may_allow_them():
    loopback = (ipaddress.ip_network("127.0.0.0/8"),)
    assert outbound.checked_address("127.0.0.1", 5000, loopback) == "127.0.0.1"


def test_global_addresses_pass():
    assert outbound.checked_address("8.8.8.8", 443) == "8.8.8.8"


def test_unknown_hosts_are_refused():
    with pytest.raises(guard.AddressRefused) as caught:
        outbound.checked_address("no-such-host.invalid", 443)
    assert str(caught.value) == "The host no-such-host.invalid is not known."


def test_a_guarded_session_reaches_an_allowed_origin_keeping_its_host(http_server):
    seen = []
    port = http_server(lambda handler: (seen.append(handler.headers["Host"])
                                        or (200, {"ok": True})))
    with ALLOW:
        session = guard.guarded_session(True, frozenset({guard.origin_of(
            f"http://localhost:{port}/")}))
        answer = session.get(f"http://localhost:{port}/v3", authenticated=False)
    assert answer.json() == {"ok": True}
    assert seen == [f"localhost:{port}"]


def test_a_guarded_session_calls_no_other_origin(http_server):
    seen = []
    port = http_server(lambda handler: seen.append(handler.path) or (200, {}))
    with ALLOW:
        session = guard.guarded_session(True, frozenset({("http", "127.0.0.1", 1)}))
        with pytest.raises(guard.AddressRefused) as caught:
            session.get(f"http://127.0.0.1:{port}/v3", authenticated=False)
    assert str(caught.value) == (f"http://127.0.0.1:{port}/v3 is not one of the URLs "
                                 "given: the check calls no other address.")
    assert seen == []


def test_without_origins_only_the_address_policy_applies(http_server):
    port = http_server(lambda handler: (200, {}))
    session = guard.guarded_session(True)
    with pytest.raises(guard.AddressRefused):
        session.get(f"http://127.0.0.1:{port}/", authenticated=False)
    with ALLOW:
        assert session.get(f"http://127.0.0.1:{port}/",
                           authenticated=False).status_code == 200
