"""The blueprint's two use cases through the real Launch Stack pages.

Use case 1 as written (Neutron networks, routers, VPN services and servers
in two regions, one image and flavor for both) is offered by both regions
but fails the checks where RegionOne's values land in RegionTwo; use case
2 (a database stack in RegionTwo feeding the app stack in RegionOne, from
a folder with provider templates and get_file) launches, and its tree is
right. The demo's own use case 2 with real servers runs in
the browser (tests/browser/test_use_case_2.py).
"""
import re

from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.tree.walk import stack_tree
from tests.functional import launch_helpers as lh
from tests.functional import resource_stacks

ONE, TWO = resource_stacks.ONE, resource_stacks.TWO


def checks_of(response) -> list[tuple[str, str, str]]:
    """(region, status, text) of every row of the checklist."""
    form = response.context["form"]
    return [(c.region, c.status, f"{c.stack} {c.name} {c.reason}")
            for c in form.checklist.checks]


def test_use_case_1_as_written_fails_where_region_one_values_land_in_region_two(demo_client):
    """The blueprint's first use case as written passes one image and one
    flavor to both sites. Every resource type is offered in both regions and
    each site validates on its own region's Heat, but the values picked are
    RegionOne's: the checks find them missing where they land, in RegionTwo
    (Heat's create fails there too), and pass them in RegionOne. The browser
    test launches the demo's version, with an image per site."""
    step = lh.select_folder(demo_client, "use_case_1", template_path="main.yaml")
    assert step.status_code == 200
    form = step.context["form"]
    # Both values go to both sites: picked by name, RegionOne's own image
    # marked as such (the flavor is in both regions).
    choices = {field: dict(form.fields[f"param__{field}"].choices)
               for field in ("image", "flavor")}
    assert choices["image"]["ubuntu-regionone"] == "ubuntu-regionone (only in RegionOne)"
    assert choices["flavor"]["m1.tiny"] == "m1.tiny"
    pick = {"image": "ubuntu-regionone", "flavor": "m1.tiny"}
    name = lh.unique_name("uc1")
    response = lh.submit(demo_client, lh.draft_of(step), "check", stack_name=name, **pick)
    assert response.status_code == 200
    checks = checks_of(response)
    assert {region for region, _status, _text in checks} >= {"RegionOne", "RegionTwo"}
    failed = {(c.region, c.name): c.reason
              for c in response.context["form"].checklist.failures()}
    # The flavor's name resolves in both regions; RegionOne's image does not
    # exist in RegionTwo (Heat's own preview there refuses it too).
    assert set(failed) - {("RegionTwo", "Heat's preview there")} == {
        ("RegionTwo", "server: image (glance.image)")}, checks
    assert "RegionTwo has no image" in failed[("RegionTwo", "server: image (glance.image)")]
    assert not heat.stacks_list(response.wsgi_request, "RegionOne", name=name)


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
