"""The blueprint's two use cases through the real Launch Stack pages.

Use case 1 as written (Neutron networks, routers, VPN services and servers
in two regions) is refused by the checks, each missing type named per
region; use case 2 (a database stack in RegionTwo feeding the app stack in
RegionOne, from a folder with provider templates and get_file) launches,
and its tree is right.
"""
import re

from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.tree import stack_tree
from tests.functional import launch_helpers as lh

SITE_TYPES = ("OS::Neutron::Net", "OS::Neutron::Subnet", "OS::Neutron::Router",
              "OS::Neutron::RouterInterface", "OS::Neutron::VPNService",
              "OS::Neutron::IKEPolicy", "OS::Neutron::IPsecPolicy",
              "OS::Neutron::IPsecSiteConnection", "OS::Nova::Server")


def checks_of(response) -> list[tuple[str, str, str]]:
    """(region, status, text) of every row of the checklist."""
    form = response.context["form"]
    return [(c.region, c.status, f"{c.stack} {c.name} {c.reason}")
            for c in form.checklist.checks]


def test_use_case_1_is_refused_naming_each_missing_type_per_region(demo_client):
    step = lh.select_folder(demo_client, "use_case_1", template_path="main.yaml")
    assert step.status_code == 200
    response = lh.submit(demo_client, lh.draft_of(step), "go",
                         stack_name=lh.unique_name("uc1"))
    assert response.status_code == 200  # refused: the form again
    assert "Refused:" in response.content.decode()
    checks = checks_of(response)
    failed = [c for c in checks if c[1] == constants.CHECK_FAILED]
    for region, site in (("RegionOne", "site_one"), ("RegionTwo", "site_two")):
        [types] = [text for r, status, text in failed
                   if r == region and text.startswith(site) and "Resource types" in text]
        for name in SITE_TYPES:
            assert name in types, (region, types)
    page = response.content.decode()
    assert 'data-mr-passed="false"' in page
    assert "OS::Neutron::VPNService" in page
    assert not heat.stacks_list(response.wsgi_request, "RegionOne",
                                name=response.context["form"].data["stack_name"])


def test_use_case_2_launches_from_a_folder_and_its_tree_is_right(demo_client):
    step = lh.select_folder(demo_client, "use_case_2", region="RegionOne")
    assert step.status_code == 200, step.content[:2000]
    page = step.content.decode()
    assert "Database region" in page and 'type="password"' in page
    name = lh.unique_name("uc2")
    fields = {"stack_name": name, "admin_password": "s3cret-pass"}
    checked = lh.submit(demo_client, lh.draft_of(step), "check", **fields)
    assert checked.context["form"].checklist.passed, checks_of(checked)
    assert {c[0] for c in checks_of(checked)} == {"RegionOne", "RegionTwo"}
    assert "s3cret-pass" not in checked.content.decode()
    launched = lh.submit(demo_client, lh.draft_of(step), "go", **fields)
    assert launched.status_code == 302, launched.content[:3000]
    match = re.search(r"/project/mr_stacks/RegionOne/([0-9a-f-]{36})/", launched["Location"])
    assert match, launched["Location"]
    request = launched.wsgi_request
    stack_id = match.group(1)
    try:
        assert launched["Location"] == reverse(constants.STACK_DETAIL_URL,
                                               args=("RegionOne", stack_id))
        assert lh.wait_settled(request, "RegionOne", stack_id) == "CREATE_COMPLETE"
        tree = stack_tree(request, "RegionOne", stack_id)
        children = {child.parent_resource: child for child in tree.root.children}
        assert children["database"].region == "RegionTwo"
        assert children["app"].region == "RegionOne"
        assert children["app"].kind == constants.NODE_REMOTE
        assert all(c.status == "CREATE_COMPLETE" for c in children.values())
        outputs = {o.key: o.value for o in
                   heat.stack_show(request, "RegionOne", stack_id).outputs}
        assert outputs["db_address"] == "192.0.2.20"
        assert outputs["app_servers"] == ["app-0 uses 192.0.2.20"]
    finally:
        lh.delete_stack(request, "RegionOne", stack_id)
