"""The Stack Sets pages through the Django test client against the demo
cloud, on a light template: launch as a set (per-region values, checks
naming the region), the list and the set's page, update with a preview per
region, delete; bad input and Heat's policy refusals."""
import contextlib
import re
import signal

from django.test import override_settings
from django.urls import reverse
from openstack_auth import policy

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.stack_sets import operations
from mr_dashboard.api.stack_sets import pending
from mr_dashboard.api.stack_sets import steps
from tests.functional import stack_sets_helpers as helpers

ONE, TWO, THREE = "RegionOne", "RegionTwo", "RegionThree"
ALL = (ONE, TWO, THREE)


def step_one(client, regions, **fields):
    return client.post(reverse(constants.STACK_SET_LAUNCH_URL), {
        "regions": list(regions), "template_source": "raw",
        "template_data": helpers.light_text(), **fields}, follow=True)


def step_two(client, draft, action, **fields):
    return client.post(reverse(constants.STACK_SET_LAUNCH_STACK_URL), {
        "draft": draft, "action": action, "timeout_mins": 5, **fields})


def draft_of(response) -> str:
    return response.context["form"]["draft"].value()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@contextlib.contextmanager
def heat_refuses(tmp_path, settings, *rules):
    """Horizon reads Heat's policy with ``rules`` refused, meanwhile."""
    overrides = tmp_path / "heat_policy.yaml"
    overrides.write_text("".join(f'"{rule}": "!"\n' for rule in rules))
    policy.reset()
    try:
        with override_settings(POLICY_FILES={**settings.POLICY_FILES,
                                             "orchestration": str(overrides)}):
            yield
    finally:
        policy.reset()


def test_launch_inspect_update_delete_through_the_pages(demo_client, request_, name):
    page = demo_client.get(reverse(constants.STACK_SET_LAUNCH_URL))
    assert page.status_code == 200
    assert set(dict(page.context["form"].fields["regions"].choices)) == set(ALL)

    second = step_one(demo_client, (ONE, TWO))
    assert second.status_code == 200, second.content[:2000]
    form = second.context["form"]
    assert form.regions == [ONE, TWO]
    assert {"param__image__0", "param__image__1", "param__cidr__1"} <= set(form.fields)
    draft = draft_of(second)

    # The image has no default: every region needs one.
    checked = step_two(demo_client, draft, "go", stack_name=name,
                       param__image__0="img-one")
    assert checked.status_code == 200
    assert "one for each of: RegionTwo" in checked.content.decode()

    # A per-region value wins; the checks run in both regions.
    checked = step_two(demo_client, draft, "check", stack_name=name, param__image="img-all",
                       param__cidr__1="10.2.0.0/24")
    regions = [region for region, _checks in checked.context["form"].checklist.by_region()]
    assert regions == [ONE, TWO] and checked.context["form"].checklist.passed
    assert checked.context["form"].values_by_region[TWO]["cidr"] == "10.2.0.0/24"
    assert "cidr" not in checked.context["form"].values_by_region[ONE]  # the default

    done = step_two(demo_client, draft, "go", stack_name=name, param__image="img-all",
                    param__image__1="img-two", param__cidr__1="10.2.0.0/24")
    assert done.status_code == 302, done.content[:3000]
    assert done["Location"] == reverse(constants.STACK_SET_DETAIL_URL, args=(name,))
    found = helpers.settled(request_, name, (ONE, TWO))
    assert found.regions == (ONE, TWO)

    index = demo_client.get(reverse(constants.STACK_SETS_INDEX_URL))
    assert index.status_code == 200
    listed = {one.name: one for one, _rows in index.context["sets"]}
    assert listed[name].drifted() == []
    assert f'data-mr-set="{name}"' in index.content.decode()

    detail = demo_client.get(done["Location"])
    page = detail.content.decode()
    for region in (ONE, TWO):
        url = reverse(constants.STACK_DETAIL_URL, args=(region, found.members[region].stack.id))
        assert f'href="{url}"' in page
    assert [row.drift for row in detail.context["rows"]] == [(), ()]
    assert THREE in detail.context["addable"]
    assert [row.changed_outside_heat for row in detail.context["rows"]] == [None, None]
    # Drift (what changed outside Heat) of every member, kept on each member's page.
    detected = demo_client.post(reverse(constants.STACK_SET_DRIFT_URL, args=(name,)), follow=True)
    assert [row.changed_outside_heat for row in detected.context["rows"]] == [0, 0]
    assert {str(m) for m in detected.context["messages"]} >= {
        f"{ONE}: no drift.", f"{TWO}: no drift."}
    member_tab = demo_client.get(reverse(constants.STACK_DETAIL_URL, args=(
        TWO, found.members[TWO].stack.id)), {"tab": "stack_details__drift"})
    assert 'data-mr-drift-status="' in member_tab.content.decode()
    nothing = demo_client.post(reverse(constants.STACK_SET_DRIFT_REPAIR_URL, args=(name,)),
                               follow=True)
    assert nothing.status_code == 200 and not [
        m for m in nothing.context["messages"] if "Bringing" in str(m)]

    update_url = reverse(constants.STACK_SET_UPDATE_URL, args=(name,))
    update = demo_client.get(update_url)
    assert update.status_code == 200
    assert update.context["form"]["param__image__1"].value() == "img-two"
    new = {"param__cidr__1": "10.5.0.0/24", "param__size__1": "2"}
    new = {"set_regions": [ONE, TWO], **new}
    preview = demo_client.post(update_url, {"action": "preview", **new})
    previews = preview.context["form"].previews
    assert set(previews) == {ONE, TWO} and all(r.ok for r in previews.values()), previews
    changes = {region: {change.name: change.change for change in result.value}
               for region, result in previews.items()}
    assert (changes[ONE]["word"], changes[TWO]["word"]) == ("unchanged", "replaced")
    updated = demo_client.post(update_url, {"action": "go", **new})
    assert updated.status_code == 302, updated.content[:3000]
    found = helpers.settled(request_, name, (ONE, TWO))
    assert {member.tags.rev for member in found.members.values()} == {2}
    assert {member.stack.status for member in found.members.values()} == {"UPDATE_COMPLETE"}

    # A new template (one more output) for every member: chosen in a step
    # of its own, previewed, then sent; the set's template digest follows.
    template_url = reverse(constants.STACK_SET_UPDATE_TEMPLATE_URL, args=(name,))
    assert demo_client.get(template_url).status_code == 200
    second = demo_client.post(template_url, {
        "template_source": "raw",
        "template_data": helpers.light_text() + "  size:\n    value: {get_param: size}\n"},
        follow=True)
    assert second.status_code == 200, second.content[:2000]
    assert second.context["form"].new_template
    moved = {"set_regions": [ONE, TWO], "draft": draft_of(second)}
    preview = demo_client.post(update_url, {"action": "preview", **moved})
    assert all(result.ok for result in preview.context["form"].previews.values())
    updated = demo_client.post(update_url, {"action": "go", **moved})
    assert updated.status_code == 302, updated.content[:3000]
    found = helpers.settled(request_, name, (ONE, TWO))
    assert {member.tags.rev for member in found.members.values()} == {3}
    for region, member in found.members.items():
        assert "size" in heat.stack_template(request_, region, member.stack.identity)["outputs"]
    assert found.drifted() == []

    deleted = demo_client.post(reverse(constants.STACK_SET_DELETE_URL, args=(name,)),
                               follow=True)
    assert any(f"Deleting the set in {region}" in text
               for text in messages_of(deleted) for region in (ONE, TWO))
    helpers.gone(request_, name, ALL)


def test_bad_input_is_told_in_the_form(demo_client):
    none = step_one(demo_client, ())
    assert none.status_code == 200 and none.context["form"].errors["regions"]
    second = step_one(demo_client, (ONE, TWO))
    bad = step_two(demo_client, draft_of(second), "go", stack_name="1-not-a-name",
                   param__image="x", param__size__1="9", param__cidr__0="no way")
    errors = bad.context["form"].errors
    assert "stack_name" in errors and "param__size__1" in errors and "param__cidr__0" in errors
    assert "Digits, dots and a slash." in str(errors["param__cidr__0"])
    missing = demo_client.get(reverse(constants.STACK_SET_DETAIL_URL, args=("mrset-nothing",)),
                              follow=True)
    assert missing.redirect_chain[0][0] == reverse(constants.STACK_SETS_INDEX_URL)
    assert "No region holds a member of the set mrset-nothing." in messages_of(missing)


def test_heat_policy_refuses_create_and_delete(demo_client, request_, name, tmp_path, settings):
    operations.create(request_, name, [ONE], {"template": helpers.light()},
                      {ONE: {"image": "x"}})
    helpers.settled(request_, name, (ONE,))
    with heat_refuses(tmp_path, settings, "stacks:create", "stacks:delete"):
        launch = demo_client.get(reverse(constants.STACK_SET_LAUNCH_URL), follow=True)
        page = demo_client.get(reverse(constants.STACK_SET_DETAIL_URL, args=(name,)))
        deleted = demo_client.post(reverse(constants.STACK_SET_DELETE_URL, args=(name,)),
                                   follow=True)
        added = demo_client.get(reverse(constants.STACK_SET_ADD_URL, args=(name, TWO)))
    assert launch.redirect_chain[0][0] == reverse(constants.STACK_SETS_INDEX_URL)
    assert "Heat's policy refuses it" in " ".join(messages_of(launch))
    assert 'id="mr-launch-set"' not in launch.content.decode()
    shown = page.content.decode()
    assert 'id="mr-set-delete"' not in shown and 'data-mr-add-region' not in shown
    assert 'id="mr-set-update"' in shown
    assert "Heat's policy refuses it" in " ".join(messages_of(deleted))
    assert added.status_code == 302
    assert set(helpers.stacks_named(request_, name, ALL)) == {ONE}


def test_a_region_is_added_only_once_and_a_retry_needs_its_steps_rules(
        demo_client, request_, name, tmp_path, settings):
    operations.create(request_, name, [ONE], {"template": helpers.light()},
                      {ONE: {"image": "x"}})
    helpers.settled(request_, name, (ONE,))
    for region, told in ((ONE, f"{ONE} already holds a member of the set."),
                         ("RegionNine", "RegionNine is not a region of this cloud.")):
        added = demo_client.get(reverse(constants.STACK_SET_ADD_URL, args=(name, region)),
                                follow=True)
        assert added.redirect_chain[0][0] == reverse(constants.STACK_SET_DETAIL_URL,
                                                     args=(name,))
        assert told in messages_of(added)
    # A kept create step (another user's, perhaps) needs Heat's create rule.
    kept = dict(steps.step(steps.CREATE, TWO, name, fields={"template": helpers.light()}))
    pending.keep(request_, name, [], [kept])
    try:
        with heat_refuses(tmp_path, settings, "stacks:create"):
            retried = demo_client.post(reverse(constants.STACK_SET_RETRY_URL, args=(name,)),
                                       follow=True)
    finally:
        pending.keep(request_, name, [TWO], [])
    assert "Heat's policy refuses it" in " ".join(messages_of(retried))
    assert set(helpers.stacks_named(request_, name, ALL)) == {ONE}


def test_a_frozen_region_is_reported_then_retried(cloud, settings, demo_client, request_, name):
    operations.create(request_, name, [ONE, THREE], {"template": helpers.light()},
                      {ONE: {"image": "a"}, THREE: {"image": "c"}})
    helpers.settled(request_, name, (ONE, THREE))
    update_url = reverse(constants.STACK_SET_UPDATE_URL, args=(name,))
    assert demo_client.get(update_url).context["form"].regions == [ONE, THREE]
    # No page budget: the set's page after the update waits for RegionOne
    # (a busy RegionOne is not late) and gives RegionThree up at 3 s.
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": 3.0, "STACK_ACTION_TIMEOUT": 30.0,
                             "PAGE_BUDGET_CEILING": 0}
    cloud.signal_heat_api(THREE, signal.SIGSTOP)
    try:
        updated = demo_client.post(update_url, {
            "action": "go", "set_regions": [ONE, THREE],
            "param__cidr__0": "10.7.0.0/24", "param__cidr__1": "10.8.0.0/24"}, follow=True)
    finally:
        cloud.signal_heat_api(THREE, signal.SIGCONT)
    told = " ".join(messages_of(updated))
    assert f"Updating the set in {ONE}: Started." in told
    assert f"Updating the set in {THREE}: Failed: Not sent: " in told
    assert set(pending.kept(request_, name)) == {THREE}
    page = updated.content.decode()
    assert f'data-mr-pending-region="{THREE}"' in page
    # Still frozen when the set's page was drawn: its member is not known,
    # not called missing.
    assert re.search(rf'data-mr-member-region="{THREE}".*?data-mr-member-unknown', page, re.S)

    settings.MR_DASHBOARD = {"REGION_TIMEOUT": 20.0, "STACK_ACTION_TIMEOUT": 30.0,
                             "PAGE_BUDGET_CEILING": 0}
    found = helpers.settled(request_, name, (ONE, THREE))
    assert [region for region in found.regions if found.drift(region)] == [THREE]
    retried = demo_client.post(reverse(constants.STACK_SET_RETRY_URL, args=(name,)),
                               follow=True)
    assert f"Retrying in {THREE}: Started." in " ".join(messages_of(retried))
    assert pending.kept(request_, name) == {}
    found = helpers.settled(request_, name, (ONE, THREE))
    assert {member.tags.rev for member in found.members.values()} == {2}
    assert found.drifted() == []
    assert heat.stack_show(request_, THREE, found.members[THREE].stack.identity
                           ).parameters["cidr"] == "10.8.0.0/24"
