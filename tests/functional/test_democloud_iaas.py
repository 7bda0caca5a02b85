"""The demo cloud's IaaS per region: real Nova, Neutron (+VPNaaS), Glance and Placement.

Read as the demo user through openstacksdk (a Horizon dependency) and
heatclient: the catalog of every region, the seed data, and the blueprint's
use cases 1 (``vpn-sites``) and 2 (``app-db``) made by ``democloud up``.
"""
import openstack
import pytest

from tests.cloud import api_status, heat_client, keystone_session

IAAS_TYPES = ("compute", "network", "image", "placement")
IMAGE_OF = {"RegionOne": "ubuntu-regionone", "RegionTwo": "debian-regiontwo",
            "RegionThree": "fedora-regionthree"}


@pytest.fixture(scope="module")
def session(cloud):
    return keystone_session(cloud)


@pytest.fixture(scope="module")
def conns(cloud, session):
    return {r: openstack.connection.Connection(session=session, region_name=r)
            for r in cloud.regions}


@pytest.fixture(scope="module")
def heats(cloud, session):
    return {r: heat_client(cloud, r, session) for r in cloud.regions}


def child(heats, region: str, prefix: str):
    """The top-level stack of ``region`` made for a parent's OS::Heat::Stack resource."""
    found = [s for s in heats[region].stacks.list() if s.stack_name.startswith(prefix)]
    assert len(found) == 1, (region, prefix, [s.stack_name for s in found])
    return heats[region].stacks.get(found[0].id)


def resource_id(heats, region: str, stack, name: str) -> str:
    return heats[region].resources.get(stack.id, name).physical_resource_id


def output(stack, key: str):
    return {o["output_key"]: o["output_value"] for o in stack.outputs}[key]


def test_every_region_has_its_iaas_endpoints_answering(cloud, session):
    urls = set()
    for region in cloud.regions:
        for stype in IAAS_TYPES:
            url = session.get_endpoint(service_type=stype, region_name=region,
                                       interface="public")
            assert url, (region, stype)
            assert api_status(url) in (200, 300), (region, stype, url)
            urls.add(url)
    assert len(urls) == len(IAAS_TYPES) * len(cloud.regions)  # one API per region


def test_seed_data_of_every_region(cloud, conns):
    for index, region in enumerate(cloud.regions):
        conn = conns[region]
        names = {i.name: i for i in conn.image.images()}
        assert names[IMAGE_OF[region]].status == "active"
        assert names[IMAGE_OF[region]].visibility == "public"
        others = set(IMAGE_OF.values()) - {IMAGE_OF[region]}
        assert not others & set(names), region  # each region its own image name
        assert {"m1.tiny", "m1.small", "m1.medium"} <= {f.name for f in conn.compute.flavors()}
        public = conn.network.find_network("public")
        assert public.is_router_external and public.is_shared
        subnet = conn.network.find_subnet("public-subnet")
        assert subnet.network_id == public.id
        assert subnet.cidr == f"172.24.{4 + index}.0/24"
        assert conn.compute.find_keypair("demo-key").public_key.startswith("ssh-ed25519 ")


def test_first_region_needs_several_pages_of_images_and_flavors(conns):
    conn = conns["RegionOne"]
    images = conn.image.get("/images?limit=10").json()
    assert len(images["images"]) == 10 and "next" in images
    flavors = conn.compute.get("/flavors?limit=10").json()
    assert len(flavors["flavors"]) == 10
    assert [link["rel"] for link in flavors["flavors_links"]] == ["next"]
    assert len(list(conn.image.images(limit=10))) > 30
    assert len(list(conn.compute.flavors(limit=10))) > 30


def test_use_case_1_two_vpn_sites_complete(heats, conns):
    parent = heats["RegionOne"].stacks.get("vpn-sites")
    assert parent.stack_status == "CREATE_COMPLETE", parent.stack_status_reason
    sites = {"RegionOne": child(heats, "RegionOne", "vpn-sites-site_one-"),
             "RegionTwo": child(heats, "RegionTwo", "vpn-sites-site_two-")}
    connections = {}
    for region, site in sites.items():
        assert site.stack_status == "CREATE_COMPLETE"
        conn = conns[region]
        server = conn.compute.get_server(resource_id(heats, region, site, "server"))
        assert server.status == "ACTIVE"
        assert server.image.id == conn.image.find_image(IMAGE_OF[region]).id
        service = conn.network.get_vpn_service(resource_id(heats, region, site, "vpn_service"))
        assert service.status == "ACTIVE"
        connections[region] = [c for c in conn.network.vpn_ipsec_site_connections()
                               if c.vpnservice_id == service.id]
    # Each end of the link points at the other site's router gateway and subnet.
    for here, there in (("RegionOne", "RegionTwo"), ("RegionTwo", "RegionOne")):
        [link] = connections[here]
        assert link.status == "ACTIVE"
        assert link.peer_address == output(sites[there], "vpn_address")
        assert link.peer_cidrs == [output(sites[there], "subnet_cidr")]
        router = conns[there].network.get_router(resource_id(heats, there, sites[there], "router"))
        assert link.peer_address == router.external_gateway_info["external_fixed_ips"][0][
            "ip_address"]


def test_use_case_2_db_address_feeds_the_app_in_another_region(heats, conns):
    parent = heats["RegionOne"].stacks.get("app-db")
    assert parent.stack_status == "CREATE_COMPLETE", parent.stack_status_reason
    db = child(heats, "RegionTwo", "app-db-database-")
    app = child(heats, "RegionOne", "app-db-application-")
    db_server = conns["RegionTwo"].compute.get_server(
        resource_id(heats, "RegionTwo", db, "server"))
    app_server = conns["RegionOne"].compute.get_server(
        resource_id(heats, "RegionOne", app, "server"))
    assert db_server.status == app_server.status == "ACTIVE"
    db_ip = db_server.addresses["public"][0]["addr"]
    assert output(db, "db_address") == db_ip
    assert app.parameters["db_address"] == db_ip
    assert app_server.metadata["db_address"] == db_ip
    assert output(parent, "db_address") == db_ip
