"""Updating a cross-region stack through the real pages: new parameter
values (PATCH) and a new template (PUT), each previewed per resource with
plain warnings about the remote child."""
import re

from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api import heat
from tests.functional import launch_helpers as lh


def launch(client) -> tuple:
    step = lh.select_folder(client, "update", template_path="parent.yaml")
    response = lh.submit(client, lh.draft_of(step), "go",
                         stack_name=lh.unique_name("upd"))
    assert response.status_code == 302, response.content[:3000]
    stack_id = re.search(r"/RegionOne/([0-9a-f-]{36})/", response["Location"]).group(1)
    request = response.wsgi_request
    assert lh.wait_settled(request, "RegionOne", stack_id) == "CREATE_COMPLETE"
    return request, stack_id


def said(request, stack_id) -> str:
    outputs = heat.stack_show(request, "RegionOne", stack_id).outputs
    return {o.key: o.value for o in outputs}["said"]


def patch(client, stack_id, action, **values):
    return client.post(reverse(constants.STACK_PATCH_URL, args=("RegionOne", stack_id)),
                       {"action": action, **{f"param__{k}": v for k, v in values.items()}})


def changes_of(response) -> dict[str, str]:
    form = response.context["form"]
    assert form.changes is not None, form.errors
    return {change.name: change.change for change in form.changes}


def test_patch_and_template_updates_preview_then_update(demo_client):
    request, stack_id = launch(demo_client)
    args = ("RegionOne", stack_id)
    try:
        page = demo_client.get(reverse(constants.STACK_PATCH_URL, args=args))
        assert page.status_code == 200
        assert 'value="hello"' in page.content.decode()

        moved = patch(demo_client, stack_id, "preview", child_region="RegionThree",
                      greeting="hello")
        assert changes_of(moved) == {"child": "replaced"}
        assert moved.context["form"].child_warnings == [
            "child will be replaced: its stack in RegionTwo is deleted and a new one "
            "is created in RegionThree."]

        resent = patch(demo_client, stack_id, "preview", greeting="bonjour")
        assert changes_of(resent)["child"] == "updated"
        assert "sent again to RegionTwo" in resent.context["form"].child_warnings[0]

        done = patch(demo_client, stack_id, "go", greeting="bonjour")
        assert done.status_code == 302, done.content[:3000]
        assert done["Location"] == reverse(constants.STACK_DETAIL_URL, args=args)
        assert lh.wait_settled(request, "RegionOne", stack_id) == "UPDATE_COMPLETE"
        assert said(request, stack_id) == "bonjour"

        new_template = (lh.TEMPLATES / "update" / "parent.yaml").read_text() + (
            "  extra:\n    value: {get_param: greeting}\n")
        new_template = new_template.replace(
            "resources:\n", "resources:\n  marker:\n    type: OS::Heat::None\n", 1)
        uploads, paths = lh.folder_files("update")
        step = demo_client.post(reverse(constants.STACK_UPDATE_URL, args=args), {
            "region": "RegionOne", "template_source": "raw",
            "template_data": new_template, "folder": uploads,
            "folder_paths": __import__("json").dumps(paths)}, follow=True)
        assert step.status_code == 200, step.content[:2000]
        draft = lh.draft_of(step)
        url = constants.STACK_UPDATE_STACK_URL
        preview = lh.submit(demo_client, draft, "preview", url_name=url, args=args,
                            greeting="bonjour")
        assert changes_of(preview) == {"marker": "added", "child": "updated"}
        updated = lh.submit(demo_client, draft, "go", url_name=url, args=args,
                            greeting="salut")
        assert updated.status_code == 302, updated.content[:3000]
        assert lh.wait_settled(request, "RegionOne", stack_id) == "UPDATE_COMPLETE"
        assert said(request, stack_id) == "salut"
    finally:
        lh.delete_stack(request, "RegionOne", stack_id)
