"""Tests of reaching another cloud as the parent's context says: the TLS
options, the gateway a stack of that cloud is reached through."""

from unittest import mock

import pytest

from mr_dashboard import constants
from mr_dashboard.api.transport import session
from mr_dashboard.api.heat import StackDetail
from mr_dashboard.api.heat import Stack
from mr_dashboard.api.other_cloud import gateway
from mr_dashboard.api.other_cloud import remote
from mr_dashboard.api.other_cloud import tls
from mr_dashboard.api.tree import events
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.placing import ChildPlacing
from mr_dashboard.hot import context
from mr_dashboard.panels.shared import stack_urls
from mr_dashboard.panels.stacks.detail import links
from tests.unit import fakes


@pytest.fixture
def ca_pem():
    """A real CA certificate, made for the test."""
    from tests import tls_front
    return tls_front.authority("unit CA").ca_pem


pytestmark = pytest.mark.usefixtures("empty_keep")


def test_verify_follows_the_context(ca_pem):
    assert tls.verify(ca_pem, True) is False  # insecure wins, as in Heat
    context = tls.verify(ca_pem, False)  # trusting that CA alone, no file
    assert len(context.get_ca_certs()) == 1
    assert tls.verify(ca_pem, False) is context  # one context per CA
    with mock.patch.object(tls.conf, "ssl_verify", return_value="/etc/horizon-ca"):
        assert tls.verify(None, False) == "/etc/horizon-ca"


def test_a_ca_that_is_not_pem_is_refused_before_any_call():
    with pytest.raises(tls.InvalidCa):
        tls.Access("5ec", "not a certificate").verify()
    with pytest.raises(remote.CloudUnavailable, match="not a CA certificate"):
        remote.cloud_request(fakes.api_request(fakes.catalog()),
                             tls.Access("5ec", "not a certificate"))


def test_a_cloud_is_kept_per_tls_options_too(ca_pem):
    request = fakes.api_request(fakes.catalog())
    with mock.patch.object(remote, "_connect",
                           side_effect=lambda r, s, c: remote.CloudRequest(
                               fakes.access_info(), c.verify())) as connect:
        with_ca = remote.cloud_request(request, tls.Access("5ec", ca_pem))
        assert remote.cloud_request(request, tls.Access("5ec", ca_pem)) is with_ca
        plain = remote.cloud_request(request, "5ec")
        insecure = remote.cloud_request(request, tls.Access("5ec", ca_pem, True))
    assert connect.call_count == 3
    assert (plain.tls_verify, insecure.tls_verify) == (True, False)
    # Every call into that cloud verifies as its context says.
    url = "https://heat.other.example.com/v1/p1"
    assert session.endpoint_session(with_ca, url).verify == tls.verify(ca_pem, False)
    assert session.endpoint_session(insecure, url).verify is False


def test_a_gateway_reads_the_holders_context_again(ca_pem):
    template = {"heat_template_version": "2021-04-16", "resources": {
        "away": {"type": "OS::Heat::Stack", "properties": {"context": {
            "credential_secret_id": {"get_param": "credential"},
            "ca_cert": {"get_param": "ca"}, "insecure": False}}},
        "near": {"type": "OS::Heat::Stack", "properties": {
            "context": {"region_name": "RegionTwo"}}}}}
    detail = StackDetail(stack=Stack("RegionOne", "t0p", "top", "CREATE_COMPLETE"),
                         parameters={"credential": "5ec", "ca": ca_pem})
    with mock.patch.object(gateway.heat, "stack_show", return_value=detail), \
            mock.patch.object(gateway.heat, "stack_template", return_value=template):
        found = gateway.open_gateway(None, "RegionOne", "t0p", "away")
        assert found == gateway.Gateway("RegionOne", "t0p", "top", "away",
                                        tls.Access("5ec", ca_pem, False))
        with pytest.raises(gateway.NoGateway, match="near of top creates no stack"):
            gateway.open_gateway(None, "RegionOne", "t0p", "near")
    assert stack_urls.stack_page("RegionOne", "c4ild", found) == (
        "/project/mr_stacks/RegionOne/t0p/cloud/away/RegionOne/c4ild/")
    assert stack_urls.page_of(constants.STACK_TREE_URL, "RegionOne", "c4ild", found) == (
        "/project/mr_stacks/RegionOne/t0p/cloud/away/RegionOne/c4ild/tree/")


def test_the_walk_enters_another_cloud_once_and_no_further(ca_pem):
    holder = StackNode("RegionOne", "t0p", "top", constants.NODE_ROOT)
    child = StackNode("RegionOne", "c4ild", "", constants.NODE_REMOTE,
                      parent_resource="away")
    spec = context.RemoteSpec("away", "RegionOne", "5ec", ca_pem, False)
    assert ChildPlacing._enter(holder, child, spec)
    assert child.cloud == "5ec" and child.gateway.access.ca_cert == ca_pem
    assert links.stack_url(child) == (
        "/project/mr_stacks/RegionOne/t0p/cloud/away/RegionOne/c4ild/")
    # Its events are read with the context's TLS options, not the bare secret.
    assert events.cloud_of(child) == tls.Access("5ec", ca_pem, False)
    assert events.cloud_of(holder) is None
    # A credential named by a stack of that cloud lives in that cloud's
    # key manager: not followed, and said so.
    further = StackNode("RegionOne", "f4r", "", constants.NODE_REMOTE,
                        parent_resource="further")
    assert not ChildPlacing._enter(child, further, spec)
    assert further.error.kind == constants.KIND_OTHER_CLOUD
