"""The second cloud's RegionOne IaaS (docs/democloud.md): Glance, Neutron and
the Nova API, in its own Keystone's catalog, seeded with names of its own
(``rocky-cloudb``, m1.tiny and m1.small, ``public``, demo's ``demo-key``), so
a test tells the clouds apart; its Heat looks images and flavors up there.

Read as the demo user on the second cloud's Keystone, through openstacksdk
and heatclient (Horizon dependencies)."""
import openstack
import pytest
from heatclient import exc as heat_exc

from tests.cloud import api_status, heat_client, keystone_session
from tests.functional import launch_helpers as lh

REGION = "RegionOne"
IMAGE = "rocky-cloudb"
SERVER = """
heat_template_version: 2021-04-16
parameters:
  image: {type: string}
resources:
  server:
    type: OS::Nova::Server
    properties:
      image: {get_param: image}
      flavor: m1.small
      key_name: demo-key
      networks: [{network: public}]
"""


@pytest.fixture(scope="module")
def second(cloud):
    """The demo user's openstacksdk connection to the second cloud's RegionOne."""
    assert cloud.second_cloud_url, "the test command starts the demo with --second-cloud"
    return openstack.connection.Connection(
        session=keystone_session(cloud, auth_url=cloud.second_cloud_url), region_name=REGION)


def test_the_catalog_has_its_own_image_network_and_compute_apis(second, cloud):
    catalog = second.session.auth.get_access(second.session).service_catalog
    for service_type in ("image", "network", "compute"):
        url = catalog.url_for(service_type=service_type, region_name=REGION,
                              interface="public")
        assert url.startswith("http://127.0.0.1:"), url
        first = keystone_session(cloud).get_endpoint(
            service_type=service_type, region_name=REGION, interface="public")
        assert url != first, "the second cloud's API is its own"
        assert api_status(url) < 500, url
    # APIs only: no Placement there.
    assert not catalog.get_endpoints(service_type="placement", region_name=REGION)


def test_seeded_with_names_of_its_own(second, cloud):
    assert {image.name for image in second.image.images()} == {IMAGE}
    assert {flavor.name for flavor in second.compute.flavors()} == {"m1.tiny", "m1.small"}
    public = second.network.find_network("public", ignore_missing=False)
    assert public.is_router_external and public.is_shared
    assert second.compute.find_keypair("demo-key") is not None
    first = openstack.connection.Connection(
        session=keystone_session(cloud), region_name=REGION)
    assert first.image.find_image(IMAGE) is None


def test_its_quotas_answer(second):
    limits = second.compute.get_limits().absolute
    assert limits.max_total_instances > 0 and limits.total_instances_used == 0
    ports = second.network.get_quota(second.current_project_id, details=True).ports
    assert ports["limit"] > 0


def test_its_heat_previews_a_server_looking_names_up_there(second, cloud):
    heat = heat_client(cloud, REGION, second.session)
    preview = heat.stacks.preview(stack_name=lh.unique_name("cloudb"), template=SERVER,
                                  parameters={"image": IMAGE})
    assert [r["resource_type"] for r in preview.resources] == ["OS::Nova::Server"]
    with pytest.raises(heat_exc.HTTPBadRequest) as refused:
        heat.stacks.preview(stack_name=lh.unique_name("cloudb"), template=SERVER,
                            parameters={"image": "ubuntu-regionone"})
    assert "ubuntu-regionone" in str(refused.value)
