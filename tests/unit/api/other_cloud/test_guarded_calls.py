"""Every call into another cloud goes through the outbound guard: each
connection and each redirect of a Heat call is resolved and checked, with
the credentials' address policy (CREDENTIAL_CHECK_ALLOWED_NETWORKS)."""

import ipaddress
from unittest import mock

import pytest
from django.test import override_settings

from mr_dashboard import constants
from mr_dashboard.api.transport import outbound
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.heat import client
from tests.unit import fakes

ALLOW = override_settings(MR_DASHBOARD={"CREDENTIAL_CHECK_ALLOWED_NETWORKS": ["127.0.0.0/8"]})
REFUSED = "127.0.0.1 is a loopback, link-local or private address: the dashboard does not call it."


@pytest.fixture
def redirecting_heat(header_server):
    """Start a "Heat" answering every call with a 302 to ``target``;
    returns its port."""
    return lambda target: header_server(lambda handler: (302, {"Location": target}, {}))


def _stack(port: int) -> dict:
    return {"stack": {"id": "s1", "stack_name": "s", "stack_status": "CREATE_COMPLETE",
                      "links": [{"href": f"http://127.0.0.1:{port}/v1/p1/stacks/s/s1",
                                 "rel": "self"}]}}


def test_a_redirect_to_a_private_address_is_refused(http_server, redirecting_heat):
    internal = []
    internal_port = http_server(lambda handler: internal.append(handler.path) or (200, {}))
    heat_port = redirecting_heat(f"http://127.0.0.1:{internal_port}/latest/meta-data/")
    checked = []
    real = outbound.checked_address

    def heat_is_public(host, port, allowed):
        # The redirecting Heat stands for a public address; the rest is
        # the real policy (no private network allowed: the default).
        checked.append((host, port, allowed))
        return real(host, port, allowed + (ipaddress.ip_network("127.0.0.0/8"),)
                    if port == heat_port else allowed)

    with mock.patch.object(outbound, "checked_address", heat_is_public):
        heat = client.heatclient(fakes.cloud_on(heat_port), "RegionOne")
        with pytest.raises(outbound.AddressRefused) as caught:
            heat.stacks.get("s1")
    assert internal == []  # the internal URL was never called
    assert checked == [("127.0.0.1", heat_port, ()),
                       ("127.0.0.1", internal_port, ())]
    # The tree, a detail page and Horizon's handler tell it like a cloud
    # that cannot be reached, with the guard's words.
    error = RegionError.from_exception(caught.value)
    assert (error.kind, error.message) == (constants.KIND_UNREACHABLE,
                                           f"AddressRefused: {REFUSED}")


def test_redirects_are_followed_when_the_operator_allows_private_addresses(
        http_server, redirecting_heat):
    internal_port = http_server(lambda handler: (200, _stack(0)))
    heat_port = redirecting_heat(f"http://127.0.0.1:{internal_port}/v1/p1/stacks/s/s1")
    with ALLOW:
        stack = client.heatclient(fakes.cloud_on(heat_port), "RegionOne").stacks.get("s1")
    assert stack.stack_name == "s"


def test_the_host_is_checked_at_every_connection(http_server):
    port = http_server(lambda handler: (200, _stack(0)))
    cloud = fakes.cloud_on(port)  # kept for a while and shared by later pages
    with ALLOW:
        assert client.heatclient(cloud, "RegionOne").stacks.get("s1").id == "s1"
    with mock.patch.object(outbound.socket, "getaddrinfo",
                           wraps=outbound.socket.getaddrinfo) as resolve:
        with pytest.raises(outbound.AddressRefused, match=REFUSED):
            # The same request, a later page: resolved and checked again.
            client.heatclient(cloud, "RegionOne").stacks.get("s1")
    assert resolve.call_args.args[:2] == ("127.0.0.1", port)


def test_environment_proxies_are_not_used(http_server, closed_port, monkeypatch):
    port = http_server(lambda handler: (200, _stack(0)))
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{closed_port}")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    with ALLOW:
        assert client.heatclient(fakes.cloud_on(port), "RegionOne").stacks.get("s1").id == "s1"
