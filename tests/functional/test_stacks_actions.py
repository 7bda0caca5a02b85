"""Every action of the Stacks page, in every region of the real cloud.

One stack per region, all tagged alike so the page's tag filter shows only
them; each action is one batch across the three regions, and each stack's
own region is then asked how it went. The stacks are deleted at the end
whatever happens.
"""
import json
import uuid

import pytest
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api import heat
from tests.functional.stacks_helpers import NONE
from tests.functional.stacks_helpers import follow_up
from tests.functional.stacks_helpers import wait_for

INDEX_URL = reverse(constants.STACKS_INDEX_URL)
# An update that waits long enough to be cancelled.
SLOW_UPDATE = {"heat_template_version": "2021-04-16",
               "resources": {"nothing": {"type": "OS::Heat::None"},
                             "slow": {"type": "OS::Heat::TestResource",
                                      "properties": {"action_wait_secs": {
                                          "create": 15, "update": 15}}}}}


@pytest.fixture(autouse=True)
def patient(settings):
    """Room for a busy shared cloud: these tests check where calls go, not
    how fast they come back."""
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": 30.0, "PAGE_BUDGET_CEILING": 0}


@pytest.fixture
def tagged_stacks(cloud, demo_client, demo_request):
    """One stack per region, sharing a new tag; the page filters on it."""
    tag = f"mrstk-{uuid.uuid4().hex[:8]}"
    stacks = {region: heat.stack_create(
        demo_request, region, stack_name=f"{tag}-{region.lower()}",
        template=NONE, tags=tag) for region in cloud.regions}
    try:
        wait_for(demo_request, stacks, lambda s: s == "CREATE_COMPLETE")
        demo_client.post(INDEX_URL, {"stacks__filter__q_field": "tag",
                                     "stacks__filter__q": tag})
        yield tag, stacks
    finally:
        for region, stack_id in stacks.items():
            if heat.stacks_by_id(demo_request, region, [stack_id]):
                heat.stack_delete(demo_request, region, stack_id)


def act(client, action: str, stacks: dict) -> list[str]:
    """Run a table action on the stacks; the page's messages."""
    response = client.post(INDEX_URL, {
        "action": f"stacks__{action}",
        "object_ids": [f"{region}:{stack_id}"
                       for region, stack_id in stacks.items()]}, follow=True)
    assert response.status_code == 200
    return [str(message) for message in response.context["messages"]]


def test_every_action_reaches_each_stack_in_its_own_region(
        cloud, demo_client, demo_request, tagged_stacks):
    tag, stacks = tagged_stacks
    page = demo_client.get(INDEX_URL)
    shown = {stack.region: stack.id for stack in
             page.context["stacks_table"].data}
    assert shown == stacks

    said = act(demo_client, "check", stacks)
    assert any(text.startswith("Started checking Stacks:") for text in said)
    assert wait_for(demo_request, stacks,
                    lambda s: s == "CHECK_COMPLETE")

    act(demo_client, "suspend", stacks)
    wait_for(demo_request, stacks, lambda s: s == "SUSPEND_COMPLETE")

    act(demo_client, "resume", stacks)
    wait_for(demo_request, stacks, lambda s: s == "RESUME_COMPLETE")

    for region, stack_id in stacks.items():
        heat.heatclient(demo_request, region).stacks.update(
            stack_id, template=SLOW_UPDATE, tags=tag)
    wait_for(demo_request, stacks,
             lambda s: s == "UPDATE_IN_PROGRESS")
    said = act(demo_client, "cancel_update", stacks)
    assert not [text for text in said if text.startswith("Unable")], said
    wait_for(demo_request, stacks,
             lambda s: s.startswith("ROLLBACK_") and "PROGRESS" not in s)

    said = act(demo_client, "delete", stacks)
    assert any(text.startswith("Started deleting Stacks:") for text in said)
    wait_for(demo_request, stacks, lambda s: s == "GONE")


PARENT = {"heat_template_version": "2021-04-16",
          "resources": {"child": {"type": "OS::Heat::Stack", "properties": {
              "context": {"region_name": "RegionTwo"},
              "template": json.dumps(NONE)}}}}


@pytest.fixture
def parent(demo_client, demo_request):
    """A RegionOne stack whose child lives in RegionTwo, on a new tag."""
    tag = f"mrstk-{uuid.uuid4().hex[:8]}"
    stack_id = heat.stack_create(demo_request, "RegionOne",
                                 stack_name=f"{tag}-parent",
                                 template=PARENT, tags=tag)
    try:
        wait_for(demo_request, {"RegionOne": stack_id},
                 lambda s: s == "CREATE_COMPLETE")
        demo_client.post(INDEX_URL, {"stacks__filter__q_field": "tag",
                                     "stacks__filter__q": tag})
        yield stack_id
    finally:
        if heat.stacks_by_id(demo_request, "RegionOne", [stack_id]):
            heat.stack_delete(demo_request, "RegionOne", stack_id)


def test_deleting_a_parent_names_its_remote_child_and_takes_it(
        demo_client, demo_request, parent):
    first = demo_client.get(INDEX_URL)
    [shown] = first.context["stacks_table"].data
    assert 'data-mr-family="pending"' in first.content.decode()
    [entry] = follow_up(demo_client, first).values()
    warning = entry["warning"]
    page = demo_client.get(INDEX_URL)  # the follow-up's finds are cached
    table = page.context["stacks_table"]
    [child] = table.family_of(shown).children
    assert child.region == "RegionTwo"
    assert child.name.startswith(f"{shown.name}-child-")
    assert heat.stacks_by_id(demo_request, "RegionTwo", [child.id])
    assert warning == (f"{shown.name} (RegionOne), whose child stacks are "
                       f"deleted with it: {child.name} (RegionTwo)")
    assert warning in page.content.decode()

    said = act(demo_client, "delete", {"RegionOne": parent})
    assert any(f"takes its child stacks with it: {child.name} "
               f"(RegionTwo)" in text for text in said), said
    wait_for(demo_request, {"RegionOne": parent, "RegionTwo": child.id},
             lambda s: s == "GONE")


def test_a_delete_confirmed_before_the_follow_up_names_the_child(
        demo_client, demo_request, parent):
    page = demo_client.get(INDEX_URL)
    [shown] = page.context["stacks_table"].data
    assert 'data-mr-family="pending"' in page.content.decode()

    said = act(demo_client, "delete", {"RegionOne": parent})
    [text] = [text for text in said
              if "takes its child stacks with it" in text]
    child_name = text.rpartition(": ")[2].removesuffix(" (RegionTwo)")
    assert child_name.startswith(f"{shown.name}-child-")
    # The child may be gone already: Heat's own listing, deleted ones too.
    [child] = heat.heatclient(demo_request, "RegionTwo").stacks.list(
        show_deleted=True, filters={"name": [child_name]})
    wait_for(demo_request, {"RegionOne": parent, "RegionTwo": child.id},
             lambda s: s == "GONE")
