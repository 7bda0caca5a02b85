"""A stack with real IaaS resources for the resource-link tests: in
RegionOne an IKE policy and an ``OS::Heat::Stack`` child in RegionTwo
holding a network, a subnet, a port and a server (templates/resources/).
Made as the demo user with the first image and the smallest flavor of
RegionTwo, deleted after."""
import contextlib
import pathlib
from dataclasses import dataclass

import openstack

from tests.cloud import heat_client, password_auth
from tests.functional import tree_stacks

TEMPLATES = pathlib.Path(__file__).parent / "templates" / "resources"
ONE, TWO = "RegionOne", "RegionTwo"


@dataclass(frozen=True)
class Made:
    stack_id: str
    name: str
    server_id: str  # in RegionTwo
    server_name: str
    ike_policy_id: str  # in RegionOne


def connection(cloud, region: str, **login):
    """The demo user's (or :func:`tests.cloud.password_auth`'s ``login``)
    own openstacksdk connection, outside the dashboard."""
    return openstack.connect(**password_auth(cloud, **login), region_name=region, api_timeout=30)


def active_images(cloud) -> dict[str, dict[str, str]]:
    """``{region: {image id: name}}`` of the active images of both regions."""
    return {region: {i.id: i.name for i in connection(cloud, region).image.images(
        status="active")} for region in (ONE, TWO)}


@contextlib.contextmanager
def made(cloud):
    two = connection(cloud, TWO)
    image = next(two.image.images(status="active"))
    flavor = min(two.compute.flavors(), key=lambda f: (f.ram, f.vcpus))
    name = tree_stacks.unique_name("links")
    stack_id = tree_stacks.create(cloud, ONE, name, "home.yaml", TEMPLATES,
                                  image=image.id, flavor=flavor.id)
    try:
        status = tree_stacks.wait(cloud, ONE, stack_id)
        one_heat = heat_client(cloud, ONE)
        assert status == "CREATE_COMPLETE", one_heat.stacks.get(
            stack_id).stack_status_reason
        child_id = one_heat.resources.get(stack_id, "far").physical_resource_id
        server = heat_client(cloud, TWO).resources.get(child_id, "server")
        ike = one_heat.resources.get(stack_id, "ike_policy")
        found = two.compute.get_server(server.physical_resource_id)
        yield Made(stack_id, name, found.id, found.name,
                   ike.physical_resource_id)
    finally:
        tree_stacks.delete(cloud, ONE, stack_id)
