"""A stack of the other-cloud tests whose child Heat makes over TLS: the
second cloud's Keystone and Heat behind a TLS front (tests/tls_front.py: a CA
and a server certificate for 127.0.0.1 made with ``cryptography``), a
credential secret pointing at the front, and a parent with that CA in its
context; made once per module and deleted after. Shared by the functional
and browser tests of a stack in another cloud: its fixtures are registered
for every test in tests/conftest.py.
"""
import json
import uuid

import pytest
from django.test import override_settings

from democloud.layout import HOST, PORTS
from mr_dashboard.api import barbican
from mr_dashboard.api import heat
from mr_dashboard.api.other_cloud import remote
from tests import tls_front
from tests.cloud import keystone_access, password_auth
from tests.functional import credentials_helpers as credentials
from tests.functional import launch_helpers as lh
from tests.functional.conftest import LOOPBACK

TEMPLATE = credentials.in_other_cloud("""heat_template_version: 2021-04-16
parameters:
  label: {type: string, default: first}
resources:
  marker: {type: OS::Heat::None}
outputs:
  where: {value: over-tls}
""", ca_cert=True)


@pytest.fixture(scope="module")
def api_request(cloud):
    """What the API layer needs of a request: the demo user's token and
    catalog of the first cloud (a request into a cloud, as the dashboard
    makes one from a login). Its calls go through the outbound guard, and
    the demo's clouds are on 127.0.0.1: private addresses are allowed while
    it is used, as the demo's Horizon allows them."""
    with override_settings(MR_DASHBOARD=LOOPBACK):
        yield remote.CloudRequest(keystone_access(cloud, timeout=None))


# Heat 27 deletes the child of a parent whose context names a private CA
# only without TLS: its delete validates the credential without the CA
# (remote_stack.py: client_plugin() before TempCACertFile). The parent is
# moved onto the demo's plain-HTTP credential before anything is deleted.

@pytest.fixture(scope="module")
def signers():
    return tls_front.authority("mrd cloud-stack CA"), tls_front.authority("mrd other CA")


@pytest.fixture(scope="module")
def front(cloud, signers):
    upstreams = {"keystone": cloud.second_cloud_url,
                 "heat": f"http://{HOST}:{PORTS['heat-second']}"}
    with tls_front.tls_front(upstreams, signers[0]) as made:
        yield made


@pytest.fixture(scope="module")
def tls_secret(cloud, front, api_request):
    """A credential secret whose auth URL is the TLS front's (stored as the
    dashboard stores one: the payload is never logged)."""
    payload = {"auth_type": "v3password",
               "auth": password_auth(cloud, auth_url=front.url("keystone", "/v3"))}
    secret_id = barbican.secret_create(api_request, "RegionOne",
                                       f"mrd-tls-{uuid.uuid4().hex[:6]}", json.dumps(payload))
    yield secret_id
    barbican.secret_delete(api_request, "RegionOne", secret_id)


@pytest.fixture(scope="module")
def tls_stack(api_request, front, signers, tls_secret):
    """``(parent id, child id)``: a parent whose child Heat made over TLS."""
    name = lh.unique_name("tlscloud")
    stack_id = heat.stack_create(api_request, "RegionOne", stack_name=name,
                                 template=TEMPLATE, parameters={
                                     "credential": tls_secret,
                                     "ca_cert": signers[0].ca_pem})
    try:
        assert lh.wait_settled(api_request, "RegionOne", stack_id) == "CREATE_COMPLETE", \
            heat.stack_get(api_request, "RegionOne", stack_id).status_reason
        [child] = [r.physical_id for r in heat.resources_list(
            api_request, "RegionOne", f"{name}/{stack_id}") if r.name == "remote"]
        yield stack_id, child
    finally:
        front.present(signers[0])
        off_tls(api_request, stack_id)
        lh.delete_stack(api_request, "RegionOne", stack_id)


def off_tls(api_request, stack_id: str) -> None:
    """Move the parent onto the demo's plain-HTTP credential (see above)."""
    if not heat.stack_show(api_request, "RegionOne", stack_id, False).parameters["ca_cert"]:
        return
    heat.stack_update(api_request, "RegionOne", stack_id, existing=True,
                      parameters={"credential": credentials.demo_secret(api_request),
                                  "ca_cert": ""})
    assert lh.wait_settled(api_request, "RegionOne", stack_id) == "UPDATE_COMPLETE"
