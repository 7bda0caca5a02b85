"""Every address form the outbound guard refuses or allows.

Literals only: each goes through the guard's own resolution
(``socket.getaddrinfo`` on a literal, no DNS) and is judged there; none is
ever connected to (the guard refuses, or answers an address, before any
connection: these tests make none).
"""

import ipaddress

import pytest
from django.test import override_settings

from mr_dashboard import conf
from mr_dashboard.api.transport import addresses
from mr_dashboard.api.transport import outbound

LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))

REFUSED_BY_DEFAULT = [
    # IPv4
    "127.0.0.1", "127.255.255.254", "10.0.0.1", "172.16.0.1", "192.168.0.1",
    "169.254.169.254", "0.0.0.0", "100.64.0.1", "192.0.2.1", "198.18.0.1",
    "240.0.0.1", "255.255.255.255", "224.0.0.1",
    # IPv6
    "::1", "::", "fe80::1", "fd00::1", "fc00::1", "ff02::1", "2001:db8::1",
    # IPv4-mapped
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
    # IPv4-compatible ::/96 (Python 3.11 calls ::a00:1 global)
    "::127.0.0.1", "::10.0.0.1", "::169.254.169.254", "::0.0.0.2",
    # 6to4 2002::/16, carrying 127.0.0.1, 10.0.0.1, 169.254.169.254
    "2002:7f00:1::1", "2002:a00:1::", "2002:a9fe:a9fe::1",
    # NAT64 64:ff9b::/96 (Python 3.11 calls it global)
    "64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b::a9fe:a9fe",
    # Local-use NAT64 64:ff9b:1::/48 (not global, whatever it carries)
    "64:ff9b:1::a00:1", "64:ff9b:1::808:808",
    # Teredo 2001::/32: server 8.8.8.8, client 10.0.0.1 (obfuscated)
    "2001:0:808:808::f5ff:fffe",
]

GLOBAL = [
    "8.8.8.8", "2001:4860:4860::8888", "::ffff:8.8.8.8", "::8.8.8.8",
    "2002:808:808::1", "64:ff9b::808:808",
]


@pytest.mark.parametrize("literal", REFUSED_BY_DEFAULT)
def test_non_global_forms_are_refused(literal):
    with pytest.raises(outbound.AddressRefused) as caught:
        outbound.checked_address(literal, 443)
    assert "loopback, link-local or private" in str(caught.value)


@pytest.mark.parametrize("literal", GLOBAL)
def test_global_forms_pass(literal):
    assert outbound.checked_address(literal, 443) == str(ipaddress.ip_address(literal))


@pytest.mark.parametrize("literal", [
    "127.0.0.1", "::1", "::ffff:127.0.0.1",  # mapped: it is that IPv4 address
    "2002:7f00:1::1", "64:ff9b::7f00:1", "::127.0.0.1",  # carrying 127.0.0.1
])
def test_loopback_forms_pass_when_loopback_is_allowed(literal):
    assert outbound.checked_address(literal, 443, LOOPBACK)


@pytest.mark.parametrize("literal", [
    "10.0.0.1", "169.254.169.254", "fd00::1", "::ffff:10.0.0.1", "2002:a00:1::",
    "64:ff9b::a00:1", "::10.0.0.1", "64:ff9b:1::7f00:1", "2001:0:808:808::f5ff:fffe",
])
def test_the_loopback_allow_list_allows_nothing_else(literal):
    with pytest.raises(outbound.AddressRefused):
        outbound.checked_address(literal, 443, LOOPBACK)


def test_an_allowed_outer_network_does_not_allow_the_ipv4_inside():
    teredo = ipaddress.ip_network("2001::/32")
    local_nat64 = ipaddress.ip_network("64:ff9b:1::/48")
    # Teredo: server 8.8.8.8; client 10.0.0.1, then 8.8.8.8 (obfuscated).
    assert not addresses.acceptable(ipaddress.ip_address("2001:0:808:808::f5ff:fffe"),
                                    (teredo,))
    assert addresses.acceptable(ipaddress.ip_address("2001:0:808:808::f7f7:f7f7"), (teredo,))
    assert not addresses.acceptable(ipaddress.ip_address("64:ff9b:1::a00:1"), (local_nat64,))
    assert addresses.acceptable(ipaddress.ip_address("64:ff9b:1::808:808"), (local_nat64,))


@pytest.mark.parametrize("literal, inner", [
    ("2002:a00:1::", ("10.0.0.1",)),
    ("64:ff9b::a00:1", ("10.0.0.1",)),
    ("64:ff9b:1::a00:1", ("10.0.0.1",)),
    ("::a00:1", ("10.0.0.1",)),
    ("2001:0:808:808::f5ff:fffe", ("8.8.8.8", "10.0.0.1")),
    ("::1", ()), ("::", ()), ("2001:4860:4860::8888", ()),
])
def test_the_ipv4_an_ipv6_address_carries(literal, inner):
    assert addresses.embedded_ipv4(ipaddress.ip_address(literal)) == tuple(
        ipaddress.ip_address(each) for each in inner)


def test_the_allow_lists_are_read_from_the_settings_as_networks():
    with override_settings(MR_DASHBOARD={"TEMPLATE_URL_ALLOWED_NETWORKS": ["127.0.0.1/8"],
                                         "CREDENTIAL_CHECK_ALLOWED_NETWORKS": ["::1"]}):
        assert conf.template_url_allowed_networks() == (ipaddress.ip_network("127.0.0.0/8"),)
        assert conf.credential_check_allowed_networks() == (ipaddress.ip_network("::1/128"),)
    assert conf.template_url_allowed_networks() == ()  # the default: none
    with override_settings(MR_DASHBOARD={"TEMPLATE_URL_ALLOWED_NETWORKS": ["loopback"]}):
        with pytest.raises(conf.ImproperlyConfigured, match="must be a list of CIDRs"):
            conf.template_url_allowed_networks()


def test_a_removed_boolean_is_not_read_and_is_warned_about(caplog):
    conf.reset_warnings()
    with override_settings(MR_DASHBOARD={"CREDENTIAL_CHECK_ALLOW_PRIVATE": True}):
        assert conf.credential_check_allowed_networks() == ()
        conf.credential_check_allowed_networks()
    assert [r.getMessage() for r in caplog.records if r.name == conf.__name__] == [
        "MR_DASHBOARD['CREDENTIAL_CHECK_ALLOW_PRIVATE'] is no longer read: list the "
        "networks to allow in MR_DASHBOARD['CREDENTIAL_CHECK_ALLOWED_NETWORKS']."]
