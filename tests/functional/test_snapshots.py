"""A stack's snapshots through the detail page's views, on the real demo cloud.

One small stack (templates/snapshots/: a value in RegionOne and a remote
child in RegionTwo, both given the parameter ``label``) is snapshotted,
changed, restored and snapshotted again after its child was taken away
(a failed snapshot). What Heat does to the remote child is checked
against what the restore dialog says (docs/snapshots.md).
"""
import pytest
from django.test import override_settings
from django.urls import reverse
from openstack_auth import policy

from mr_dashboard import constants
from mr_dashboard.api.tree.walk import stack_tree
from mr_dashboard.panels.stacks.detail.links import stack_url
from tests.cloud import heat_client
from tests.functional import tree_stacks
from tests.functional.conftest import LOOPBACK
from tests.functional.snapshot_stacks import made
from tests.waiting import wait_until

ONE, TWO = "RegionOne", "RegionTwo"
AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


pytestmark = pytest.mark.usefixtures("patient")


@pytest.fixture(scope="module")
def snapped(cloud):
    """The snapshot tests' stack (with its child in RegionTwo), made once."""
    with made(cloud, "snap", "parent.yaml") as stack:
        yield stack


def detail(stack_id: str) -> str:
    return reverse(constants.STACK_DETAIL_URL, args=(ONE, stack_id))


def snapshot_status(cloud, stack: str, snapshot_id: str, timeout: float = 60) -> dict:
    """The snapshot once no longer in progress."""
    client = heat_client(cloud, ONE)
    return wait_until(lambda: client.stacks.snapshot_show(stack, snapshot_id)["snapshot"],
                      timeout, what=f"snapshot {snapshot_id} done",
                      done=lambda snap: snap["status"] != "IN_PROGRESS")


def child_of(cloud, stack_id: str):
    remote = heat_client(cloud, ONE).resources.get(stack_id, "remote")
    return heat_client(cloud, TWO).stacks.get(remote.physical_resource_id)


def take(demo_client, stack_id: str, name: str):
    return demo_client.post(reverse(constants.SNAPSHOT_CREATE_URL, args=(ONE, stack_id)),
                            {"name": name})


def test_snapshot_change_restore_and_what_the_remote_child_gets(demo_client, cloud, snapped):
    stack_id, name = snapped
    stack = f"{name}/{stack_id}"
    heat_one = heat_client(cloud, ONE)

    # Bad names: a clear message in the form, nothing taken.
    empty = take(demo_client, stack_id, "  ")
    long = take(demo_client, stack_id, "x" * 256)
    assert empty.status_code == long.status_code == 200
    assert "Give the snapshot a name." in empty.content.decode()
    assert "at most 255 characters (this one has 256)" in long.content.decode()
    assert heat_one.stacks.snapshot_list(stack)["snapshots"] == []

    # The dialog says what happens to the child in RegionTwo.
    dialog = demo_client.get(reverse(constants.SNAPSHOT_CREATE_URL, args=(ONE, stack_id)))
    assert dialog.status_code == 200
    assert "mr-snapshot-children" in dialog.content.decode()
    assert f'data-mr-region="{TWO}"' in dialog.content.decode()

    assert take(demo_client, stack_id, "before <b>").status_code == 302
    [snap] = heat_one.stacks.snapshot_list(stack)["snapshots"]
    assert snapshot_status(cloud, stack, snap["id"])["status"] == "COMPLETE"
    child = child_of(cloud, stack_id)
    # Heat snapshotted the remote child in its own region too.
    assert len(heat_client(cloud, TWO).stacks.snapshot_list(child.id)["snapshots"]) == 1

    # The tab lists it, its name escaped; its row answers Horizon's row update.
    tab = demo_client.get(detail(stack_id), {"tab": "stack_details__snapshots"}, **AJAX)
    page = tab.content.decode()
    assert tab.status_code == 200 and "before &lt;b&gt;" in page and "before <b>" not in page
    # Escaped once more for the delete confirmation, which writes it as HTML.
    assert 'data-display="before &amp;lt;b&amp;gt;"' in page
    assert "snapshots__row_%s__action_restore_snapshot" % snap["id"] in page
    row = demo_client.get(detail(stack_id), {"action": "row_update", "table": "snapshots",
                                             "obj_id": snap["id"]}, **AJAX)
    assert row.status_code == 200 and 'status_up' in row.content.decode()

    # Change the stack (and so its child) ...
    heat_one.stacks.update(stack, existing=True, parameters={"label": "second"})
    assert tree_stacks.wait(cloud, ONE, stack_id) == "UPDATE_COMPLETE"
    assert child_of(cloud, stack_id).parameters["label"] == "second"

    # ... restore it from the dialog, which warns about the child.
    restore_url = reverse(constants.SNAPSHOT_RESTORE_URL, args=(ONE, stack_id, snap["id"]))
    dialog = demo_client.get(restore_url).content.decode()
    assert "does <strong>not</strong> restore those snapshots" in dialog
    assert child.stack_name in dialog
    done = demo_client.post(restore_url, {"snapshot_id": snap["id"]})
    assert done.status_code == 302
    assert done["Location"].endswith("?tab=stack_details__tree")
    assert tree_stacks.wait(cloud, ONE, stack_id) == "RESTORE_COMPLETE"

    # The old state is back, in the parent and (by an update) in the child.
    restored = heat_one.stacks.get(stack_id)
    assert restored.parameters["label"] == "first"
    assert {out["output_key"]: out["output_value"] for out in restored.outputs} == {
        "label": "first", "child_label": "first"}
    child = child_of(cloud, stack_id)
    assert child.parameters["label"] == "first" and child.stack_status == "UPDATE_COMPLETE"
    statuses = {event.resource_status for event in heat_one.events.list(stack_id)
                if event.resource_name == name}
    assert "RESTORE_IN_PROGRESS" in statuses

    # Deleting the parent's snapshot leaves the child's in RegionTwo.
    deleted = demo_client.post(detail(stack_id), {
        "action": f"snapshots__delete__{snap['id']}"})
    assert deleted.status_code == 302
    left = wait_until(lambda: heat_one.stacks.snapshot_list(stack)["snapshots"], 30,
                      what="the parent's snapshot deleted", done=lambda found: not found,
                      fail=False)
    assert left == []
    assert len(heat_client(cloud, TWO).stacks.snapshot_list(child.id)["snapshots"]) == 1


@pytest.mark.parametrize("region", ["RegionTwo", "RegionThree"])
def test_a_snapshot_is_taken_and_listed_in_any_region(demo_client, cloud, region):
    with made(cloud, "snapin", "single.yaml", region) as (stack_id, name):
        taken = demo_client.post(reverse(constants.SNAPSHOT_CREATE_URL, args=(region, stack_id)),
                                 {"name": f"in-{region}"})
        assert taken.status_code == 302, taken.content[:2000]
        client = heat_client(cloud, region)
        [snap] = client.stacks.snapshot_list(f"{name}/{stack_id}")["snapshots"]
        snap = wait_until(
            lambda: client.stacks.snapshot_show(f"{name}/{stack_id}", snap["id"])["snapshot"],
            60, what=f"snapshot in {region} done",
            done=lambda found: found["status"] != "IN_PROGRESS", fail=False)
        assert (snap["name"], snap["status"]) == (f"in-{region}", "COMPLETE")
        tab = demo_client.get(reverse(constants.STACK_DETAIL_URL, args=(region, stack_id)),
                              {"tab": "stack_details__snapshots"})
        assert tab.status_code == 200 and snap["id"] in tab.content.decode()  # its row


def test_a_failed_snapshot_is_not_restored(demo_client, cloud, snapped):
    stack_id, name = snapped
    stack = f"{name}/{stack_id}"
    # Take the remote child away behind Heat's back: the next snapshot fails.
    tree_stacks.delete(cloud, TWO, child_of(cloud, stack_id).id)
    assert take(demo_client, stack_id, "broken").status_code == 302
    snap = next(s for s in heat_client(cloud, ONE).stacks.snapshot_list(stack)["snapshots"]
                if s["name"] == "broken")
    assert snapshot_status(cloud, stack, snap["id"])["status"] == "FAILED"

    restore_url = reverse(constants.SNAPSHOT_RESTORE_URL, args=(ONE, stack_id, snap["id"]))
    dialog = demo_client.get(restore_url)
    refused = demo_client.post(restore_url, {"snapshot_id": snap["id"]})

    assert dialog.status_code == 200 and "mr-snapshot-not-complete" in dialog.content.decode()
    assert refused.status_code == 200
    assert "Only a complete snapshot can be restored" in refused.content.decode()
    assert not heat_client(cloud, ONE).stacks.get(stack_id).stack_status.startswith("RESTORE")


def test_a_refused_policy_hides_and_refuses_taking_a_snapshot(demo_client, snapped, cloud):
    """Heat's rule stacks:snapshot refused (every other rule checked as usual)."""
    stack_id, name = snapped

    def check(rules, request, target=None):
        return (rules != constants.SNAPSHOT_CREATE_POLICY
                and policy.check(rules, request, target or {}))

    with override_settings(POLICY_CHECK_FUNCTION=check):
        tab = demo_client.get(detail(stack_id), {"tab": "stack_details__snapshots"}, **AJAX)
        refused = take(demo_client, stack_id, "refused")
    page = tab.content.decode()
    assert tab.status_code == 200 and 'id="snapshots"' in page
    assert "snapshots__action_take_snapshot" not in page
    assert refused.status_code == 302
    assert refused["Location"] == detail(stack_id) + "?tab=stack_details__snapshots"
    names = [snap["name"] for snap in heat_client(cloud, ONE).stacks.snapshot_list(
        f"{name}/{stack_id}")["snapshots"]]
    assert "refused" not in names


def test_a_stack_of_another_cloud_has_its_snapshots_too(demo_client, demo_request, cloud,
                                                        settings):
    """The cross-cloud sample's child: its Snapshots tab and dialog are
    routed through its gateway to the second cloud (read only: the sample
    is not changed)."""
    if not cloud.second_cloud_url:
        pytest.skip("the demo cloud runs without its second cloud")
    # The second cloud is on loopback, which the dashboard only calls when allowed.
    settings.MR_DASHBOARD = {**settings.MR_DASHBOARD, **LOOPBACK}
    [stack] = heat_client(cloud, ONE).stacks.list(filters={"name": "cross-cloud"})
    [child] = stack_tree(demo_request, ONE, stack.id, stack.stack_name).root.children
    page = stack_url(child)
    take_url = page + "snapshots/take/"

    tab = demo_client.get(page, {"tab": "stack_details__snapshots"}, **AJAX)
    dialog = demo_client.get(take_url)
    refused = demo_client.post(take_url, {"name": ""})

    assert tab.status_code == 200 and f'href="{take_url}"' in tab.content.decode()
    assert "Unable to list" not in tab.content.decode()
    assert dialog.status_code == 200 and f'action="{take_url}"' in dialog.content.decode()
    assert refused.status_code == 200 and "Give the snapshot a name." in refused.content.decode()
