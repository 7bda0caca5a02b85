"""Pick a credential in the launch form: a stack launched with it gets its
child in the second cloud, and the stack's tree shows that child, reached
with the credential.

The credential is created through the Create Credential form; the template
passes a plain string parameter to ``credential_secret_id`` (no custom
constraint), which the launch form turns into a picker of secrets.
"""
import re
import uuid

import pytest
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api import barbican
from mr_dashboard.api.tree.walk import stack_tree
from tests.functional import launch_helpers as lh
from tests.functional.credentials_helpers import LAUNCH_TEMPLATE, other_cloud_stacks
from tests.waiting import wait_until
from tests.waiting import whole_tree

# keystoneauth's own messages, whatever Horizon test ran first.
pytestmark = pytest.mark.usefixtures("keystoneauth_messages")


@pytest.fixture(scope="module")
def credential(loopback_client, cloud):
    """A credential for the second cloud, made through the form; its
    reference. Deleted after the module."""
    name = f"mrcred-launch-{uuid.uuid4().hex[:6]}"
    response = loopback_client.post(reverse(constants.CREDENTIAL_CREATE_URL), {
        "name": name, "region": "RegionOne", "auth_type": "password",
        "opt_auth_url": cloud.second_cloud_url, "opt_username": "demo",
        "opt_password": cloud.demo_password, "opt_project_name": "demo",
        "opt_user_domain_id": "default", "opt_project_domain_id": "default"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    request = loopback_client.get(reverse(constants.CREDENTIALS_INDEX_URL)).wsgi_request
    [secret] = [s for s in barbican.secrets_list(request, "RegionOne") if s.name == name]
    yield secret
    barbican.secret_delete(request, "RegionOne", secret.id)


def reached_child(request, stack_id: str, name: str):
    """The tree's only child once a walk reached it in its cloud (the page
    walks again every few seconds; a busy cloud may miss one walk)."""
    def child():
        [found] = stack_tree(request, "RegionOne", stack_id, name).root.children
        return found
    found = wait_until(child, 8, 2, what="the child reached", done=lambda seen: seen.listed,
                       fail=False)
    assert found.listed, found.error
    return found


def test_a_picked_credential_puts_the_child_in_the_other_cloud(loopback_client, cloud, credential):
    step = lh.select(loopback_client, template_source="raw", template_data=LAUNCH_TEMPLATE)
    assert step.status_code == 200, step.content.decode()[-3000:]
    page = step.content.decode()
    picker = re.search(r'<select name="param__credential".*?</select>', page, re.S)
    assert picker, step.context["form"].errors
    refs = re.findall(r'<option value="([^"]+)"', picker.group(0))
    mine = [ref for ref in refs if ref.endswith("/" + credential.id)]
    assert mine, refs
    assert 'name="tls__remote__ca_cert"' in page
    assert 'name="tls__remote__insecure"' in page
    name = lh.unique_name("cred")
    launched = lh.submit(loopback_client, lh.draft_of(step), "go", stack_name=name,
                         credential=mine[0])
    assert launched.status_code == 302, launched.content.decode()[-3000:]
    stack_id = re.search(r"/RegionOne/([0-9a-f-]{36})/", launched["Location"]).group(1)
    request = launched.wsgi_request
    try:
        assert lh.wait_settled(request, "RegionOne", stack_id) == "CREATE_COMPLETE"
        children = {n: v for n, v in other_cloud_stacks(cloud).items()
                    if n.startswith(f"{name}-remote-")}
        [(child_id, child_status)] = children.values()
        assert child_status == "CREATE_COMPLETE"

        child = reached_child(request, stack_id, name)
        assert (child.id, child.kind, child.region) == (child_id, "remote", "RegionOne")
        assert child.cloud == mine[0] and child.status == "CREATE_COMPLETE"

        html = whole_tree(loopback_client, reverse(
            constants.STACK_TREE_URL, args=("RegionOne", stack_id)))["html"]
        node = re.search(rf'<li class="mr-tree-node"[^>]*data-mr-stack-id="{child_id}"[^>]*>',
                         html)
        assert node and 'data-mr-kind="remote"' in node.group(0)
        assert 'data-mr-status="CREATE_COMPLETE"' in node.group(0)
        assert "mr-cloud-badge" in html
    finally:
        lh.delete_stack(request, "RegionOne", stack_id)
    assert not [n for n in other_cloud_stacks(cloud) if n.startswith(f"{name}-remote-")]
