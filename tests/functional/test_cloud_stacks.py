"""A stack of another cloud is first-class: its own page (tabs, tree, way
up), actions routed to that cloud, and the parent's ``ca_cert`` honoured.

The demo's ``cross-cloud`` sample (its child in the second cloud, plain
HTTP) is read as it is. For TLS, the second cloud's Keystone and Heat are
put behind a TLS front made by the test (tests/tls_front.py: a CA and a
server certificate for 127.0.0.1 made with ``cryptography``); one parent
stack is launched with a credential pointing at the front and the CA in
its context, so Heat creates its child over TLS; the dashboard then
reaches it with that CA, and refuses the front once it shows a certificate
of another CA.
"""
import json
import re
import uuid

import pytest
from django.test import override_settings
from django.urls import reverse
from heatclient import exc as heat_exc

from democloud.layout import HOST, PORTS
from mr_dashboard import constants
from mr_dashboard.api import barbican
from mr_dashboard.api import heat
from mr_dashboard.api.other_cloud import remote
from mr_dashboard.api.stacks import family as stack_family
from mr_dashboard.panels.stacks import marks
from tests import tls_front
from tests.cloud import keystone_access, password_auth, second_cloud_heat
from tests.functional import launch_helpers as lh
from tests.functional.conftest import LOOPBACK, forget_other_clouds
from tests.functional.test_credentials_panel import DEMO_SECRET
from tests.keystoneauth_messages import keystoneauth_messages  # noqa: F401
from tests.waiting import wait_until

pytestmark = pytest.mark.usefixtures("keystoneauth_messages")

TEMPLATE = """
heat_template_version: 2021-04-16
parameters:
  credential: {type: string}
  ca_cert: {type: string}
resources:
  remote:
    type: OS::Heat::Stack
    properties:
      context:
        credential_secret_id: {get_param: credential}
        ca_cert: {get_param: ca_cert}
      template: |
        heat_template_version: 2021-04-16
        parameters:
          label: {type: string, default: first}
        resources:
          marker: {type: OS::Heat::None}
        outputs:
          where: {value: over-tls}
"""
TAB = "?tab=stack_details__"


@pytest.fixture(scope="module")
def api_request(cloud):
    """What the API layer needs of a request: the demo user's token and
    catalog of the first cloud (a request into a cloud, as the dashboard
    makes one from a login). Its calls go through the outbound guard, and
    the demo's clouds are on 127.0.0.1: private addresses are allowed while
    it is used, as the demo's Horizon allows them."""
    with override_settings(MR_DASHBOARD=LOOPBACK):
        yield remote.CloudRequest(keystone_access(cloud, timeout=None))


def tree(client, url: str) -> str:
    answer = client.get(url)
    assert answer.status_code == 200
    return json.loads(answer.content)["html"]


def node_of(html: str, stack_id: str) -> str:
    """The tree's ``<li>`` of the stack ``stack_id``, up to its first
    child's (or its end)."""
    found = re.search(rf'<li class="mr-tree-node"[^>]*data-mr-stack-id="{stack_id}"'
                      r'[^>]*>.*?</?li', html, re.S)
    assert found, html[:3000]
    return found.group(0)


def link_of(node: str) -> str:
    return re.search(r'class="mr-node-link" href="([^"]+)"', node).group(1)


def cloud_page(parent_id: str, resource: str, child_id: str) -> str:
    return reverse(constants.STACK_DETAIL_URL,
                   args=("RegionOne", parent_id, resource, "RegionOne", child_id))


# --- the demo's cross-cloud sample: page, tabs, way up ----------------------

def test_the_samples_child_opens_from_the_tree_with_every_tab(loopback_client, api_request):
    [parent] = [s for s in heat.stacks_list(api_request, "RegionOne")
                if s.name == "cross-cloud"]
    html = tree(loopback_client, reverse(constants.STACK_TREE_URL, args=("RegionOne", parent.id)))
    child_id = re.search(r'data-mr-stack-id="([^"]+)" data-mr-region="RegionOne" '
                         r'data-mr-kind="remote"', html).group(1)
    url = link_of(node_of(html, child_id))
    assert url == cloud_page(parent.id, "remote_db", child_id)

    page = loopback_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="mr-cloud-stack"' in text and "mr-cloud-badge" in text
    assert "remote_db of cross-cloud (RegionOne) created it" in text
    # Its actions, routed to that cloud, each under Heat's policy.
    assert 'id="mr-cloud-check"' in text and 'id="mr-cloud-delete"' in text
    assert "cross-cloud-remote_db-" in text  # its own name, as Heat gave it
    tabs = {tab: loopback_client.get(url + TAB + tab) for tab in
            ("overview", "resources", "events", "template")}
    assert {tab: answer.status_code for tab, answer in tabs.items()} == dict.fromkeys(tabs, 200)
    assert "db_address" in tabs["overview"].content.decode()
    assert "db_address" in tabs["template"].content.decode()
    resources = tabs["resources"].content.decode()
    assert 'id="resources"' in resources and "Unable to list" not in resources
    assert "mr-region-cell" in tabs["events"].content.decode()
    # Its own subtree, walked in the other cloud, in a lane of its own.
    answer = json.loads(loopback_client.get(reverse(constants.STACK_TREE_URL, args=(
        "RegionOne", parent.id, "remote_db", "RegionOne", child_id))).content)
    root = node_of(answer["html"], child_id)
    assert 'data-mr-state="complete"' in root and "mr-cloud-badge" in root
    assert [(lane["region"], lane["cloud"]) for lane in answer["graph"]["lanes"]] == [
        ("RegionOne", True)]
    # The way up leads back to the parent in the first cloud.
    lineage = json.loads(loopback_client.get(reverse(constants.STACK_LINEAGE_URL, args=(
        "RegionOne", parent.id, "remote_db", "RegionOne", child_id))).content)
    assert lineage["ancestors"] == [{
        "name": "cross-cloud", "region": "RegionOne", "cloud": False,
        "url": reverse(constants.STACK_DETAIL_URL, args=("RegionOne", parent.id))}]


def test_the_stacks_page_marks_link_the_samples_child_to_its_page(loopback_client, api_request):
    [parent] = [s for s in heat.stacks_list(api_request, "RegionOne")
                if s.name == "cross-cloud"]
    found = stack_family.families(api_request, [parent])[parent.id]
    [mark] = marks.marks(found)
    [link] = mark.links
    assert (mark.label, link.region) == ("Parent of", "RegionOne, another cloud")
    [resource] = [r.name for r in heat.resources_list(api_request, "RegionOne", parent.identity)
                  if r.type == "OS::Heat::Stack"]
    [child] = [stack for stack in found.children]
    assert link.url == cloud_page(parent.id, resource, child.id)
    page = loopback_client.get(link.url)
    assert page.status_code == 200 and 'id="mr-cloud-stack"' in page.content.decode()


def test_a_resource_that_reaches_no_other_cloud_is_told_not_a_5xx(loopback_client, api_request):
    [parent] = [s for s in heat.stacks_list(api_request, "RegionOne")
                if s.name == "cross-cloud"]
    page = loopback_client.get(cloud_page(parent.id, "no_such_resource", str(uuid.uuid4())))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="mr-region-problems"' in text
    assert "no_such_resource of cross-cloud creates no stack in another cloud." in text


# --- TLS: the parent's ca_cert, for every call to that cloud ---------------
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
    [plain] = [s.id for s in barbican.secrets_list(api_request, "RegionOne")
               if s.name == DEMO_SECRET]
    heat.stack_update(api_request, "RegionOne", stack_id, existing=True,
                      parameters={"credential": plain, "ca_cert": ""})
    assert lh.wait_settled(api_request, "RegionOne", stack_id) == "UPDATE_COMPLETE"


def other_cloud_status(child_id: str) -> str:
    from tests.cloud import running_cloud
    try:
        return second_cloud_heat(running_cloud()).stacks.get(child_id).stack_status
    except heat_exc.HTTPNotFound:
        return "GONE"


def other_cloud_parameters(child_id: str) -> dict:
    from tests.cloud import running_cloud
    return second_cloud_heat(running_cloud()).stacks.get(child_id).parameters


def wait_other_cloud(child_id: str, done) -> str:
    return wait_until(lambda: other_cloud_status(child_id), 60, what=f"{child_id} over there",
                      done=done, fail=False)


def test_with_the_parents_ca_the_child_is_reached_and_acted_on(loopback_client, front, signers,
                                                               tls_stack, api_request):
    parent_id, child_id = tls_stack
    forget_other_clouds()
    node = node_of(tree(loopback_client, reverse(constants.STACK_TREE_URL,
                                                 args=("RegionOne", parent_id))), child_id)
    assert 'data-mr-status="CREATE_COMPLETE"' in node
    url = link_of(node)
    assert url == cloud_page(parent_id, "remote", child_id)
    assert loopback_client.get(url).status_code == 200
    assert "over-tls" in loopback_client.get(url + TAB + "overview").content.decode()
    assert "marker" in loopback_client.get(url + TAB + "resources").content.decode()

    # Check, routed to the other cloud (over TLS, with the parent's CA).
    checked = loopback_client.post(reverse(constants.CLOUD_STACK_CHECK_URL, args=(
        "RegionOne", parent_id, "remote", "RegionOne", child_id)))
    assert (checked.status_code, checked["Location"]) == (302, url)
    assert wait_other_cloud(child_id, lambda s: s.startswith("CHECK_") and not s.endswith(
        "IN_PROGRESS")) == "CHECK_COMPLETE"

    # Its parameters, changed over there after the warning (PATCH).
    update_url = reverse(constants.CLOUD_STACK_UPDATE_URL, args=(
        "RegionOne", parent_id, "remote", "RegionOne", child_id))
    form = loopback_client.get(update_url).content.decode()
    assert 'id="mr-cloud-update-warning"' in form and 'name="param__label"' in form
    refused = loopback_client.post(update_url, {"param__label": "second"})
    assert refused.status_code == 200 and "This field is required" in refused.content.decode()
    updated = loopback_client.post(update_url, {"param__label": "second", "understood": "on"})
    assert (updated.status_code, updated["Location"]) == (302, url)
    assert wait_other_cloud(child_id, lambda s: s.startswith("UPDATE_") and not s.endswith(
        "IN_PROGRESS")) == "UPDATE_COMPLETE"
    assert other_cloud_parameters(child_id)["label"] == "second"

    # The front now shows a certificate of another CA: refused, said plainly.
    front.present(signers[1])
    forget_other_clouds()
    try:
        page = loopback_client.get(url)
        assert page.status_code == 200
        text = page.content.decode()
        assert 'id="mr-region-problems"' in text
        assert (f"The certificate of {front.url('keystone', '/v3')} is not trusted"
                in text), text[-3000:]
        assert "CERTIFICATE_VERIFY_FAILED" in text
        node = node_of(tree(loopback_client, reverse(constants.STACK_TREE_URL,
                                                     args=("RegionOne", parent_id))), child_id)
        assert 'data-mr-state="unreachable"' in node and "is not trusted" in node
    finally:
        front.present(signers[0])
        forget_other_clouds()

    # Delete: a warning that the parent owns it first, then routed there.
    off_tls(api_request, parent_id)
    delete_url = reverse(constants.CLOUD_STACK_DELETE_URL, args=(
        "RegionOne", parent_id, "remote", "RegionOne", child_id))
    warning = loopback_client.get(delete_url).content.decode()
    assert "It belongs to its parent" in warning and 'id="mr-cloud-delete-submit"' in warning
    deleted = loopback_client.post(delete_url)
    assert deleted.status_code == 302
    assert deleted["Location"] == reverse(constants.STACK_DETAIL_URL,
                                          args=("RegionOne", parent_id))
    assert wait_other_cloud(child_id, lambda s: s in ("GONE", "DELETE_COMPLETE")) in (
        "GONE", "DELETE_COMPLETE")
