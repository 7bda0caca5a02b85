"""Resources of a stack's tree lead to their own pages on the demo cloud's
real Nova and Neutron: a RegionTwo server from a RegionOne stack opens
Horizon's instance page in RegionTwo (region switch) with a way back, the
child's network, subnet and port open theirs, and a VPN object without the
VPN dashboard shows its details, read from its region's Neutron, in place."""
import html
import re
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from django.urls import reverse

from mr_dashboard import constants
from tests.functional import resource_stacks
from tests.waiting import whole_tree

ONE, TWO = resource_stacks.ONE, resource_stacks.TWO
AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@pytest.fixture(autouse=True)
def patient():
    """The machine is shared and busy: give the regions time to answer."""
    with override_settings(MR_DASHBOARD={"REGION_TIMEOUT": 30.0}):
        yield


@pytest.fixture(scope="module")
def made(cloud):
    with resource_stacks.made(cloud) as made:
        yield made


def walked(client, made) -> dict:
    return whole_tree(client, reverse(constants.STACK_TREE_URL, args=(ONE, made.stack_id)))


def resources(tree: dict) -> dict[str, dict]:
    return {res["name"]: {**res, "region": stack["region"]}
            for stack in tree["graph"]["stacks"] for res in stack["resources"]}


def follow(client, url: str, hops: int = 4):
    """GET ``url`` and its redirects; (final response, every URL seen)."""
    seen = [url]
    response = client.get(url)
    while response.status_code == 302 and hops:
        seen.append(response["Location"])
        response, hops = client.get(response["Location"]), hops - 1
    return response, seen


def test_a_server_of_another_region_opens_there_and_leads_back(demo_client, made):
    tree = walked(demo_client, made)
    found = resources(tree)
    assert "server" in found, [(stack["region"], stack["error"], [
        res["name"] for res in stack["resources"]]) for stack in tree["graph"]["stacks"]]
    server = found["server"]
    assert server["region"] == TWO and server["category"] == "server"
    assert server["url"].startswith(f"/project/mr_stacks/{ONE}/{made.stack_id}/open/{TWO}/")
    assert html.escape(server["url"]) in tree["html"]  # the tree list links it too

    page, seen = follow(demo_client, server["url"])

    instance = f"/project/instances/{made.server_id}/"
    assert urlsplit(seen[1]).path == f"/auth/switch_services_region/{TWO}/"
    assert seen[-1] == instance
    assert page.status_code == 200
    assert page.wsgi_request.session["services_region"] == TWO
    content = page.content.decode()
    assert made.server_name in content
    back = re.search(r'<a href="([^"]+)" class="mr-back-to-stack">', content)
    assert back and back.group(1) == f"/project/mr_stacks/{ONE}/{made.stack_id}/"
    assert demo_client.get(back.group(1)).status_code == 200

    for name, page_path in (("network", "/project/networks/"), ("subnet", "/project/networks/"),
                            ("port", "/project/networks/")):
        response, seen = follow(demo_client, found[name]["url"])
        assert response.status_code == 200, (name, seen)
        assert seen[-1].startswith(page_path), seen


def test_a_vpn_object_shows_its_details_in_place(demo_client, made):
    ike = resources(walked(demo_client, made))["ike_policy"]
    assert ike["modal"] and ike["category"] == "vpn"
    assert ike["url"].startswith(f"/project/mr_stacks/{ONE}/{made.stack_id}/vpn/{ONE}/")

    modal = demo_client.get(ike["url"], **AJAX)
    assert modal.status_code == 200
    content = modal.content.decode()
    assert 'id="mr-vpn-detail"' in content and made.ike_policy_id in content
    for value in ("sha256", "aes-256", "group14"):
        assert f"<dd>{value}</dd>" in content, value

    page = demo_client.get(ike["url"]).content.decode()
    assert 'class="btn btn-default mr-back-to-stack"' in page
    assert f'href="/project/mr_stacks/{ONE}/{made.stack_id}/"' in page

    tab = demo_client.get(reverse(constants.STACK_DETAIL_URL, args=(ONE, made.stack_id))
                          + "?tab=stack_details__resources", **AJAX).content.decode()
    assert html.escape(ike["url"]) in tab


def test_a_vpn_object_that_is_gone_is_a_message_not_an_error(demo_client, made):
    url = reverse(constants.VPN_DETAIL_URL, args=(ONE, made.stack_id, ONE)) + (
        "?type=OS::Neutron::IKEPolicy&id=00000000-0000-0000-0000-000000000000")
    response = demo_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/project/mr_stacks/{ONE}/{made.stack_id}/"
