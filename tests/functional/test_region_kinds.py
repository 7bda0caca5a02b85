"""Every kind of name the checks look up, found and missing, in a stack two
levels down (RegionOne root, RegionTwo middle, RegionThree child) and in a
child in the other cloud (the demo's second cloud, its own Glance, Nova
and Neutron), against real services: image, flavor, key pair,
availability zone, network, subnet, port, router and security group.
Which property names which kind comes from RegionThree's own resource type
schemas (``kinds.yaml`` declares no constraint); an availability zone from
the one rule Heat leaves to us (``checks.schemas.ZONES``)."""
import uuid

import pytest
from django.test import override_settings

from mr_dashboard import constants
from mr_dashboard.checks import checklist
from mr_dashboard.hot import children
from tests.functional import launch_helpers as lh
from tests.functional import resource_stacks
from tests.functional.conftest import LOOPBACK
from tests.functional.region_checks import ONE, THREE
from tests.functional.region_checks import launchable_of, run, second_cloud_secret

THERE = f"{ONE} of another cloud"

#: The row of each kind: (part of the row's name, kind's word).
ROWS = {
    "image": ("server: image", "image"),
    "flavor": ("server: flavor", "flavor"),
    "key": ("server: key_name", "key pair"),
    "zone": ("server: availability_zone", "compute availability zone"),
    "network": ("server: networks[1].network", "network"),
    "subnet": ("attach: subnet", "subnet"),
    "port": ("server: networks[0].port", "port"),
    "router": ("attach: router", "router"),
    "security_group": ("rule: security_group", "security group"),
}


def _objects(sdk, name: str, cidr: str) -> dict[str, str]:
    """A network, subnet, port, router, security group and key pair named
    ``name`` in the region of ``sdk``, as the demo user makes them."""
    network = sdk.network.create_network(name=name)
    subnet = sdk.network.create_subnet(name=name, network_id=network.id,
                                       ip_version=4, cidr=cidr)
    sdk.network.create_port(name=name, network_id=network.id)
    sdk.network.create_router(name=name)
    sdk.network.create_security_group(name=name)
    sdk.compute.create_keypair(name=name)
    return {"key": name, "network": name, "subnet": subnet.name, "port": name,
            "router": name, "security_group": name}


def _remove(sdk, name: str) -> None:
    for port in sdk.network.ports(name=name):
        sdk.network.delete_port(port)
    for router in sdk.network.routers(name=name):
        sdk.network.delete_router(router)
    for group in sdk.network.security_groups(name=name):
        sdk.network.delete_security_group(group)
    for network in sdk.network.networks(name=name):
        sdk.network.delete_network(network)
    sdk.compute.delete_keypair(name, ignore_missing=True)


@pytest.fixture(scope="module")
def kinds(cloud):
    """Names of objects made in RegionThree (found there) and in RegionOne
    only (missing in RegionThree); removed after."""
    made = {}
    tag = uuid.uuid4().hex[:6]
    regions = ((THREE, f"mrkinds-{tag}", "10.63.0.0/24"),
               (ONE, f"mrkinds-one-{tag}", "10.61.0.0/24"))
    try:
        for region, name, cidr in regions:
            made[region] = _objects(resource_stacks.connection(cloud, region),
                                    name, cidr)
        yield made
    finally:
        for region, name, _cidr in regions:
            _remove(resource_stacks.connection(cloud, region), name)


def test_every_kind_found_two_levels_down_passes(demo_request, kinds):
    values = {**kinds[THREE], "image": "fedora-regionthree",
              "flavor": "m1.tiny", "zone": "nova"}
    result = run(demo_request, "kinds_deep.yaml", **values)
    for part, _kind in ROWS.values():
        found = [c for c in result.checks if c.region == THREE and part in c.name]
        assert [(c.stack, c.status) for c in found] == [
            ("middle.bottom", constants.CHECK_PASSED)], (part, found)


def test_every_kind_missing_two_levels_down_fails_naming_region_and_value(
        demo_request, kinds):
    values = {**kinds[ONE], "image": "ubuntu-regionone", "flavor": "tiny.01",
              "zone": "mars-zone"}
    result = run(demo_request, "kinds_deep.yaml", **values)
    assert not result.passed
    for key, (part, kind) in ROWS.items():
        [row] = [c for c in result.checks if c.region == THREE and part in c.name]
        assert row.status == constants.CHECK_FAILED, row
        assert row.reason.startswith(
            f"RegionThree has no {kind} `{values[key]}`"), row.reason
    zone = next(c for c in result.checks if "availability_zone" in c.name)
    assert zone.reason == ("RegionThree has no compute availability zone "
                           "`mars-zone`; it has `nova`."), zone.reason


def _second_cloud(cloud):
    """The demo user's own openstacksdk connection to the second cloud."""
    return resource_stacks.connection(cloud, ONE, auth_url=cloud.second_cloud_url)


@pytest.fixture(scope="module")
def elsewhere(cloud):
    """Names of objects made in the second cloud's RegionOne (removed
    after), and a credential secret reaching it."""
    name = f"mrkinds-cloudb-{uuid.uuid4().hex[:6]}"
    sdk = _second_cloud(cloud)
    try:
        yield _objects(sdk, name, "10.64.0.0/24")
    finally:
        _remove(sdk, name)


def _checks_there(request, cloud, values: dict) -> checklist.Checklist:
    launchable = launchable_of("kinds_other_cloud.yaml")
    with second_cloud_secret(request, cloud, "mr-kinds") as secret_id:
        values = {**values, "credential": secret_id}
        with override_settings(MR_DASHBOARD={
                **lh.PATIENT, **LOOPBACK}):
            return checklist.run_checks(request, launchable,
                                        children.placements(launchable, ONE, values), values)


def test_every_kind_found_in_the_other_cloud_passes(demo_request, cloud, elsewhere):
    # The second cloud runs no compute host: its Nova has no zone at all
    # (the missing case below says so); none is given here.
    result = _checks_there(demo_request, cloud, {
        **elsewhere, "image": "rocky-cloudb", "flavor": "m1.tiny", "zone": ""})
    assert not [c for c in result.checks if "availability_zone" in c.name]
    for key, (part, _kind) in ROWS.items():
        if key == "zone":
            continue
        found = [c for c in result.checks if c.region == THERE and part in c.name]
        assert [(c.stack, c.status) for c in found] == [
            ("remote", constants.CHECK_PASSED)], (part, found)
    assert result.passed, [(c.region, c.name, c.reason) for c in result.failures()]


def test_every_kind_missing_in_the_other_cloud_fails_naming_it(
        demo_request, cloud, elsewhere, kinds):
    values = {**kinds[ONE], "image": "ubuntu-regionone", "flavor": "tiny.01",
              "zone": "mars-zone"}
    result = _checks_there(demo_request, cloud, values)
    for key, (part, kind) in ROWS.items():
        [row] = [c for c in result.checks if c.region == THERE and part in c.name]
        assert row.status == constants.CHECK_FAILED, row
        assert row.reason.startswith(f"{THERE} has no {kind} `{values[key]}`"), row.reason
    image = next(c for c in result.checks if c.region == THERE and "server: image" in c.name)
    assert image.reason == (f"{THERE} has no image `ubuntu-regionone`; "
                            "it has `rocky-cloudb`."), image.reason
