"""What each region holds, checked where each value lands, against the demo
cloud's real Heat, Nova, Glance and Neutron: names that exist only in
RegionOne used by a RegionTwo child fail naming RegionTwo and its closest
choice, the same values found where they land pass, a value two levels
down and a parameter passed down are followed, a server without networks
is refused as Heat's create refuses it (quotas: test_region_quotas.py,
on the tight project), a stack set's member is checked with its own
values in its region, and a stopped Glance gives "Not run", not a pass. The checks agree with
Heat: the demo's own samples pass, and Heat's create fails where they
fail."""
import uuid

import pytest
from django.test import override_settings
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.iaas import image as image_api
from mr_dashboard.checks import checklist
from mr_dashboard.hot import children
from mr_dashboard.hot import resolve
from tests.cloud import stopped
from tests.functional import launch_helpers as lh
from tests.functional import resource_stacks
from tests.functional.conftest import LOOPBACK
from tests.functional.region_checks import FOLDER, ONE, THREE, TWO
from tests.functional.region_checks import launchable_of, rows, run, second_cloud_secret

SAMPLES = lh.TEMPLATES.parents[3] / "democloud" / "templates"


def the_row(result, name_part: str, region: str):
    found = [check for check in rows(result, name_part) if check.region == region]
    assert len(found) == 1, [(c.region, c.name, c.status) for c in result.checks]
    return found[0]


def test_values_found_where_they_land_pass(demo_request):
    result = run(demo_request, "site.yaml")
    for part in ("server: image", "server: flavor", "server: key_name",
                 "server: networks[0].network"):
        row = the_row(result, part, TWO)
        assert row.status == constants.CHECK_PASSED, row
        assert row.stack == "site"
    assert result.passed, [(c.region, c.name, c.reason) for c in result.failures()]


def test_an_image_and_a_flavor_of_regionone_fail_in_the_regiontwo_child(demo_request):
    result = run(demo_request, "site.yaml", image="ubuntu-regionone", flavor="tiny.01")
    image = the_row(result, "server: image", TWO)
    assert image.status == constants.CHECK_FAILED
    assert image.reason == ("RegionTwo has no image `ubuntu-regionone`; "
                            "it has `debian-regiontwo`."), image.reason
    flavor = the_row(result, "server: flavor", TWO)
    assert flavor.status == constants.CHECK_FAILED
    assert "RegionTwo has no flavor `tiny.01`" in flavor.reason
    assert "`m1.tiny`" in flavor.reason
    assert not result.passed


@pytest.fixture
def regionone_only(cloud):
    """A key pair and a network made in RegionOne alone (deleted after)."""
    sdk = resource_stacks.connection(cloud, ONE)
    name = f"mrvalues-{uuid.uuid4().hex[:6]}"
    key = sdk.compute.create_keypair(name=name)
    network = sdk.network.create_network(name=name)
    try:
        yield name
    finally:
        sdk.compute.delete_keypair(key)
        sdk.network.delete_network(network)


def test_a_keypair_and_a_network_of_regionone_fail_in_regiontwo(demo_request,
                                                                regionone_only):
    name = regionone_only
    here = run(demo_request, "site.yaml", key=name, network=name, child_region=ONE,
               image="ubuntu-regionone")
    assert the_row(here, "server: key_name", ONE).status == constants.CHECK_PASSED
    assert the_row(here, "networks[0].network", ONE).status == constants.CHECK_PASSED
    there = run(demo_request, "site.yaml", key=name, network=name)
    key = the_row(there, "server: key_name", TWO)
    assert key.status == constants.CHECK_FAILED
    assert key.reason.startswith(f"RegionTwo has no key pair `{name}`; it has ")
    assert "`demo-key`" in key.reason
    network = the_row(there, "networks[0].network", TWO)
    assert network.status == constants.CHECK_FAILED
    assert network.reason.startswith(f"RegionTwo has no network `{name}`")


def test_a_value_two_levels_down_is_checked_in_its_region(demo_request):
    passed = run(demo_request, "deep.yaml")
    row = the_row(passed, "server: image", THREE)
    assert row.status == constants.CHECK_PASSED
    assert row.stack == "middle.bottom"
    failed = run(demo_request, "deep.yaml", image="debian-regiontwo")
    row = the_row(failed, "server: image", THREE)
    assert row.status == constants.CHECK_FAILED
    assert row.reason == ("RegionThree has no image `debian-regiontwo`; "
                          "it has `fedora-regionthree`.")


def test_a_constrained_parameter_passed_down_is_checked_in_the_child(demo_request):
    result = run(demo_request, "constrained.yaml", image="ubuntu-regionone")
    parameter = the_row(result, "Parameter image", TWO)
    assert parameter.status == constants.CHECK_FAILED
    assert parameter.stack == "site"
    assert "RegionTwo has no image `ubuntu-regionone`" in parameter.reason
    assert "(glance.image)" in parameter.name


def test_an_image_id_is_found_by_id_where_it_lands_and_refused_elsewhere(demo_request):
    """Found by id with one call (no listing); an id of RegionOne's image
    is nothing in RegionTwo, whose closest names are then listed."""
    two = image_id(demo_request, TWO, "debian-regiontwo")
    one = image_id(demo_request, ONE, "ubuntu-regionone")
    passed = the_row(run(demo_request, "constrained.yaml", image=two),
                     "Parameter image", TWO)
    assert passed.status == constants.CHECK_PASSED, passed.reason
    failed = the_row(run(demo_request, "constrained.yaml", image=one),
                     "Parameter image", TWO)
    assert failed.status == constants.CHECK_FAILED
    assert failed.reason == f"RegionTwo has no image `{one}`; it has `debian-regiontwo`."


def test_a_value_known_only_at_create_is_said_so_not_passed(demo_request):
    result = run(demo_request, "later.yaml")
    image = the_row(result, "server: image", TWO)
    assert image.status == constants.CHECK_NOT_HERE
    assert image.reason.startswith("Known only at create") and "get_attr" in image.reason
    assert the_row(result, "server: flavor", TWO).status == constants.CHECK_PASSED


def test_a_server_without_networks_fails_as_heat_would(demo_request):
    result = run(demo_request, "no_networks.yaml")
    row = the_row(result, "server: networks", TWO)
    assert row.status == constants.CHECK_FAILED
    assert "nics are required after microversion 2.36" in row.reason
    assert the_row(result, "server: image", TWO).status == constants.CHECK_PASSED


def test_a_stopped_glance_gives_not_run_not_a_pass(demo_request, cloud):
    with stopped(cloud, "glance", TWO), override_settings(
            MR_DASHBOARD={"REGION_TIMEOUT": 5.0}):
        launchable = launchable_of("site.yaml")
        result = checklist.run_checks(demo_request, launchable,
                                      children.placements(launchable, ONE, {}), {})
    image = the_row(result, "server: image", TWO)
    assert image.status == constants.CHECK_SKIPPED
    assert image.reason.startswith("Could not check in RegionTwo"), image.reason
    assert the_row(result, "server: flavor", TWO).status == constants.CHECK_PASSED
    assert not result.passed


def test_the_check_page_shows_the_region_and_the_closest_choice(demo_client):
    step = lh.select_folder(demo_client, "region_values", parent=FOLDER.parent,
                            template_path="site.yaml",
                            files=["site.yaml", "server.yaml"])
    assert step.status_code == 200, step.content[:2000]
    # The image picker offers RegionTwo's images; the child moved to
    # RegionThree keeps the default, RegionTwo's image.
    with override_settings(MR_DASHBOARD=lh.PATIENT):
        checked = lh.submit(demo_client, lh.draft_of(step), "check",
                            stack_name=lh.unique_name("values"), child_region=THREE)
    page = checked.content.decode()
    assert checked.status_code == 200
    assert not checked.context["form"].errors, checked.context["form"].errors
    assert 'data-mr-passed="false"' in page
    assert ("RegionThree has no image `debian-regiontwo`; it has "
            "`fedora-regionthree`.") in page
    assert "server: image (glance.image)" in page


# The demo's own samples, with the values `democloud up` created them with
# (CREATE_COMPLETE there): the checks agree with Heat and pass them.
@pytest.mark.parametrize("root, values", [
    ("vpn_sites.yaml", {"site_one_image": "ubuntu-regionone",
                        "site_two_image": "debian-regiontwo"}),
    ("app_db.yaml", {"db_region": TWO, "app_region": ONE, "db_image": "debian-regiontwo",
                     "app_image": "ubuntu-regionone"}),
    ("cross_region.yaml", {"app_region": TWO, "db_region": THREE}),
])
def test_the_demos_own_samples_pass(demo_request, root, values):
    result = run(demo_request, root, parent=SAMPLES, **values)
    assert result.passed, [(c.region, c.stack, c.name, c.reason) for c in result.checks
                           if c.status != constants.CHECK_PASSED]


# What the checks refuse, Heat refuses too, for the reason named.
@pytest.mark.parametrize("root, values, said", [
    ("site.yaml", {"image": "ubuntu-regionone"}, "ubuntu-regionone"),
    ("no_networks.yaml", {}, "nics are required after microversion 2.36"),
])
def test_heat_fails_where_the_checks_fail(demo_request, root, values, said):
    assert not run(demo_request, root, **values).passed
    launchable = launchable_of(root)
    stack_id = heat.stack_create(demo_request, ONE, stack_name=lh.unique_name("values"),
                                 parameters=values, timeout_mins=5,
                                 **launchable.heat_fields())
    try:
        assert lh.wait_settled(demo_request, ONE, stack_id, timeout=240) == "CREATE_FAILED"
        reason = heat.stack_get(demo_request, ONE, stack_id).status_reason
        assert said in reason, reason
    finally:
        lh.delete_stack(demo_request, ONE, stack_id)


def image_id(request, region: str, name: str) -> str:
    [found] = [image.id for image in image_api.image_list(request, region)
               if image.name == name]
    return found


def test_a_stack_set_member_naming_a_missing_flavor_fails_in_its_region(
        demo_client, demo_request):
    second = demo_client.post(reverse(constants.STACK_SET_LAUNCH_URL), {
        "regions": [ONE, TWO], "template_source": "raw",
        "template_data": (FOLDER / "set_member.yaml").read_text()}, follow=True)
    assert second.status_code == 200, second.content[:2000]
    with override_settings(MR_DASHBOARD=lh.PATIENT):
        checked = demo_client.post(reverse(constants.STACK_SET_LAUNCH_STACK_URL), {
            "draft": second.context["form"]["draft"].value(), "action": "check",
            "timeout_mins": 5, "stack_name": lh.unique_name("set"),
            # A member's own image picker lists its region's images by id.
            "param__image__0": image_id(demo_request, ONE, "ubuntu-regionone"),
            "param__image__1": image_id(demo_request, TWO, "debian-regiontwo"),
            "param__flavor": "tiny.01"})  # RegionOne's own, "only in RegionOne"
    assert checked.status_code == 200
    assert not checked.context["form"].errors, checked.context["form"].errors
    checklist_ = checked.context["form"].checklist
    assert not checklist_.passed
    failed = {(check.region, check.name): check.reason for check in checklist_.failures()}
    # Ours, and Heat's own preview in that region for the same reason.
    assert list(failed) == [(TWO, "Heat's preview there"),
                            (TWO, "server: flavor (nova.flavor)")], failed
    assert "'tiny.01'" in failed[TWO, "Heat's preview there"]
    assert failed[TWO, "server: flavor (nova.flavor)"].startswith(
        "RegionTwo has no flavor `tiny.01`")


OTHER_CLOUD = """
heat_template_version: 2021-04-16
parameters:
  credential: {type: string}
  word: {type: string}
resources:
  remote:
    type: OS::Heat::Stack
    properties:
      context: {credential_secret_id: {get_param: credential}}
      parameters: {word: {get_param: word}}
      template: |
        heat_template_version: 2021-04-16
        parameters:
          word:
            type: string
            constraints: [{length: {min: 6}}]
        resources:
          marker: {type: OS::Heat::Value, properties: {value: {get_param: word}}}
"""


def test_a_child_in_another_cloud_is_checked_there(cloud, demo_request):
    """Its Heat's offer, validate and preview, in the second cloud, with
    the value its parent passes; that Heat's reason when it refuses."""
    launchable = resolve.resolve("main.yaml", OTHER_CLOUD, {})
    settings = {**lh.PATIENT, **LOOPBACK}
    verdicts = {}
    with second_cloud_secret(demo_request, cloud, "mr-values") as secret_id:
        for word in ("short", "longer-word"):
            values = {"credential": secret_id, "word": word}
            with override_settings(MR_DASHBOARD=settings):
                verdicts[word] = checklist.run_checks(
                    demo_request, launchable,
                    children.placements(launchable, ONE, values), values)
    there = f"{ONE} of another cloud"
    good = {(c.region, c.stack, c.name): c.status for c in verdicts["longer-word"].checks}
    for name in ("Heat answers", "Template validates there", "Heat's preview there"):
        assert good[(there, "remote", name)] == constants.CHECK_PASSED, good
    assert verdicts["longer-word"].passed
    [failed] = verdicts["short"].failures()
    assert (failed.region, failed.stack, failed.name) == (
        there, "remote", "Heat's preview there")
    assert "word" in failed.reason and "length" in failed.reason.lower(), failed.reason
