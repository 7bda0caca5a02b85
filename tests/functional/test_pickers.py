"""The launch form's pickers against the demo cloud's real Nova, Glance and
Neutron: each lists its *target* region's own items (RegionTwo's image
names differ from RegionOne's), every page of them, and a region whose
Nova or Neutron is stopped turns its pickers into text fields with a
message, not the page into an error."""
import html
import pathlib
import re

import pytest
from django.test import override_settings
from django.urls import reverse

from mr_dashboard import constants

from tests.cloud import stopped
from tests.functional import launch_helpers as lh
from tests.functional import resource_stacks
from tests.functional.launch_helpers import options

ONE, TWO = "RegionOne", "RegionTwo"
# The stopped services below are given less time than lh.PATIENT, so that
# waiting for them stays short.
STOPPED = {"REGION_TIMEOUT": 8.0, "PAGE_BUDGET_CEILING": 0}


# The demo user's own openstacksdk connection, outside the dashboard: the
# truth the pickers are compared with.
independent = resource_stacks.connection


def named(items) -> dict[str, str]:
    """``{id: name}`` of an sdk listing, a nameless item by its id."""
    return {item.id: item.name or item.id for item in items}


def form_page(client, settings: dict = lh.PATIENT) -> str:
    with override_settings(MR_DASHBOARD=settings):
        step = lh.select_folder(client, "pickers")
    assert step.status_code == 200, step.content.decode()[-3000:]
    return step.content.decode()


def notes(page: str, kind: str = "picker") -> list[str]:
    """The form's notes on its pickers: why one is a text field
    (``picker``), where a value goes (``reach``)."""
    return [html.unescape(re.sub(r"</?span[^>]*>", "", note)) for note in
            re.findall(rf"<li data-mr-{kind}-note[^>]*>(.*?)</li>", page, re.S)]


def test_each_picker_lists_its_target_regions_own_items(demo_client, cloud):
    page = form_page(demo_client)
    one, two = independent(cloud, ONE), independent(cloud, TWO)
    images_one = named(one.image.images(status="active"))
    images_two = named(two.image.images(status="active"))
    assert set(images_one.values()) != set(images_two.values())

    assert options(page, "image_one") == images_one
    assert options(page, "image_two") == images_two
    assert options(page, "flavor") == named(one.compute.flavors())
    assert options(page, "flavor_two") == named(two.compute.flavors())
    assert options(page, "key") == {k.name: k.name for k in one.compute.keypairs()}
    assert options(page, "key")  # the demo's key pair
    networks = named(one.network.networks())
    assert "public" in networks.values()
    assert options(page, "network") == networks
    assert options(page, "network_two") == named(two.network.networks())
    assert options(page, "subnet") == named(one.network.subnets())
    assert options(page, "router") == named(one.network.routers())
    assert options(page, "security_group") == named(one.network.security_groups())
    # No Cinder in the demo: a text field, and the form says why.
    assert options(page, "volume") is None
    assert any("block-storage" in note for note in notes(page)), notes(page)


def test_pickers_read_every_page(demo_client, cloud):
    one = independent(cloud, ONE)
    flavors = named(one.compute.flavors())
    images = named(one.image.images(status="active"))
    assert len(flavors) > 12 and len(images) > 12  # seeded to need paging
    page = form_page(demo_client, {**lh.PATIENT, "PICKER_PAGE_SIZE": 5})
    assert options(page, "flavor") == flavors
    assert options(page, "image_one") == images


# RegionTwo's, not the user's current region's: Horizon's own page frame
# asks RegionOne's Neutron (its navigation's extension checks) with no
# timeout of its own, so a stopped Neutron there would hang Horizon itself.
@pytest.mark.parametrize("service, pickers, others", [
    ("nova", ["flavor_two"], ["image_two", "network_two"]),
    ("neutron", ["network_two"], ["flavor_two", "image_two", "network"]),
])
def test_a_stopped_service_degrades_the_form_not_the_page(
        demo_client, cloud, service, pickers, others):
    with stopped(cloud, service, TWO):
        page = form_page(demo_client, STOPPED)
    for name in pickers:
        assert options(page, name) is None, name  # a text field
    for name in others:
        assert options(page, name), (name, notes(page))  # others still listed
    said = " ".join(notes(page))
    assert TWO in said and "could not be listed" in said, said


# A value that goes to two regions: a root parameter passed to a server in
# a RegionOne child and in a RegionTwo child (the browser tests' template).
# No parameter below the root declares a constraint for ``image`` and
# ``flavor``: the server type's schema in each region says what they name.
# ``key`` is passed to a child parameter that declares ``nova.keypair`` (as
# hello_world.yaml does).
REGION_VALUES = pathlib.Path(__file__).resolve().parents[1] / "browser" / "templates" / \
    "region_values"


def two_regions_page(client) -> str:
    with override_settings(MR_DASHBOARD=lh.PATIENT):
        step = lh.select_folder(client, "two_regions", parent=REGION_VALUES)
    assert step.status_code == 200, step.content.decode()[-3000:]
    return step.content.decode()


def help_of(page: str, name: str) -> str:
    """The help text of ``param__<name>``'s field (Horizon's tooltip)."""
    found = re.search(rf'for="id_param__{name}".*?title="([^"]*)"', page,
                      re.S)
    assert found, name
    return html.unescape(found.group(1))


def test_a_value_going_to_two_regions_offers_what_both_hold_first(demo_client, cloud):
    page = two_regions_page(demo_client)
    one, two = independent(cloud, ONE), independent(cloud, TWO)

    flavors = options(page, "flavor")
    both = set(named(one.compute.flavors()).values()) & set(
        named(two.compute.flavors()).values())
    assert both and "m1.tiny" in both
    listed = list(flavors.items())
    # Names, not ids: an id of one region means nothing in the other.
    assert listed[:len(both)] == [(name, name) for name in sorted(
        both, key=lambda name: (name.lower(), name))]
    only_one = set(named(one.compute.flavors()).values()) - both
    assert only_one  # the paging flavors of RegionOne
    assert {flavors[name] for name in only_one} == {
        f"{name} (only in {ONE})" for name in only_one}

    images = options(page, "image")
    assert images["ubuntu-regionone"] == f"ubuntu-regionone (only in {ONE})"
    assert images["debian-regiontwo"] == f"debian-regiontwo (only in {TWO})"
    assert not notes(page)  # everything was listed
    said = " ".join(notes(page, "reach"))
    assert "No choice exists in every region" in said and \
        "stack set" in said, said
    assert f"{ONE}, {TWO}" in help_of(page, "image")
    assert f"Its value goes to {ONE}, {TWO}." in said

    # A child parameter's own constraint counts as well as a schema's.
    keys = options(page, "key")
    assert keys["demo-key"] == "demo-key", keys
    assert f"{ONE}, {TWO}" in help_of(page, "key")


def test_the_chosen_name_is_checked_in_each_region(demo_client):
    page = two_regions_page(demo_client)
    draft = re.search(r'name="draft" value="([^"]+)"', page).group(1)
    with override_settings(MR_DASHBOARD=lh.PATIENT):
        checked = lh.submit(demo_client, draft, "check",
                            stack_name=lh.unique_name("reach"),
                            image="ubuntu-regionone", flavor="m1.tiny")
    text = html.unescape(checked.content.decode())
    assert "RegionTwo has no image" in text and "ubuntu-regionone" in text
    assert 'data-mr-passed="false"' in checked.content.decode()


def test_a_stack_set_s_pickers_follow_the_values_too(demo_client, cloud):
    """A set member's parameters declare no constraint: the server's schema
    makes them pickers, each region's own by id, and the common field by
    name, what both regions hold first."""
    with override_settings(MR_DASHBOARD=lh.PATIENT):
        step = demo_client.post(reverse(constants.STACK_SET_LAUNCH_URL), {
            "regions": [ONE, TWO], "template_source": "raw",
            "template_data": (REGION_VALUES / "set_member.yaml").read_text()}, follow=True)
    assert step.status_code == 200
    page = step.content.decode()
    one, two = independent(cloud, ONE), independent(cloud, TWO)
    assert options(page, "image__0") == named(one.image.images(status="active"))
    assert options(page, "image__1") == named(two.image.images(status="active"))
    flavors = options(page, "flavor")
    both = set(named(one.compute.flavors()).values()) & set(
        named(two.compute.flavors()).values())
    assert [label for label in flavors.values()][:len(both)] == sorted(
        both, key=lambda name: (name.lower(), name))
    only_one = set(named(one.compute.flavors()).values()) - both
    assert {flavors[name] for name in only_one} == {
        f"{name} (only in {ONE})" for name in only_one}
