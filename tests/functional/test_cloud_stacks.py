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
from django.urls import reverse
from heatclient import exc as heat_exc

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.stacks import family as stack_family
from mr_dashboard.panels.stacks import marks
from tests.cloud import second_cloud_heat
from tests.functional.conftest import forget_other_clouds
from tests.functional.tls_stacks import off_tls
from tests.waiting import wait_until
from tests.waiting import whole_tree

pytestmark = pytest.mark.usefixtures("keystoneauth_messages")

TAB = "?tab=stack_details__"


def tree(client, url: str) -> str:
    return whole_tree(client, url)["html"]


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

def test_the_samples_child_opens_from_the_tree_with_every_tab(
        loopback_client, api_request):
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
    answer = whole_tree(loopback_client, reverse(constants.STACK_TREE_URL, args=(
        "RegionOne", parent.id, "remote_db", "RegionOne", child_id)))
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


def test_the_stacks_page_marks_link_the_samples_child_to_its_page(
        loopback_client, api_request):
    [parent] = [s for s in heat.stacks_list(api_request, "RegionOne")
                if s.name == "cross-cloud"]
    found = stack_family.families(api_request, [parent])[parent.id]
    [mark] = marks.marks(found)
    [link] = mark.links
    assert (mark.label, link.region) == ("Parent of", "RegionOne of another cloud")
    [resource] = [r.name for r in heat.resources_list(api_request, "RegionOne", parent.identity)
                  if r.type == "OS::Heat::Stack"]
    [child] = [stack for stack in found.children]
    assert link.url == cloud_page(parent.id, resource, child.id)
    page = loopback_client.get(link.url)
    assert page.status_code == 200 and 'id="mr-cloud-stack"' in page.content.decode()


def test_a_resource_that_reaches_no_other_cloud_is_told_not_a_5xx(
        loopback_client, api_request):
    [parent] = [s for s in heat.stacks_list(api_request, "RegionOne")
                if s.name == "cross-cloud"]
    page = loopback_client.get(cloud_page(parent.id, "no_such_resource", str(uuid.uuid4())))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="mr-region-problems"' in text
    assert "no_such_resource of cross-cloud creates no stack in another cloud." in text


# --- TLS: the parent's ca_cert, for every call to that cloud ---------------
# (the stack and its TLS front: tests/functional/tls_stacks.py)


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


def test_with_the_parents_ca_the_child_is_reached_and_acted_on(
        loopback_client, front, signers, tls_stack, api_request):
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
