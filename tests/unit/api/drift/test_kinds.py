"""Tests of the comparison of each kind (mr_dashboard.api.drift.nova,
neutron, vpn, cinder) on the demo's recorded answers (see recorded.py),
and on small changes of them."""

import pytest

from mr_dashboard.api.drift import cinder
from mr_dashboard.api.drift import neutron
from mr_dashboard.api.drift import nova
from mr_dashboard.api.drift import vpn
from mr_dashboard.api.drift.kinds import KINDS
from tests.unit.api.drift import recorded


@pytest.fixture(scope="module")
def child():
    data = recorded.stack("child")
    return data, recorded.properties(data)


@pytest.fixture(scope="module")
def root():
    data = recorded.stack("root")
    return data, recorded.properties(data)


def compared(stack, name, answers=None):
    data, properties = stack
    kind = KINDS[next(info["resource_type"] for info in data["resources"]
                      if info["resource_name"] == name)]
    return {diff.name: diff for diff in kind.compare(
        properties[name], answers or recorded.answers(data, name))}


def test_the_renamed_server_with_other_metadata(child):
    found = compared(child, "server")
    assert set(found) == {"name", "metadata"}
    assert (found["name"].expected, found["name"].actual) == ("drift-server",
                                                              "renamed-outside")
    assert found["metadata"].actual == {"role": "db", "owner": "script"}
    assert all(diff.converges for diff in found.values())


def test_a_server_not_active_tells_only_its_status(child):
    answers = recorded.answers(child[0], "server")
    answers["server"]["status"] = "SHUTOFF"
    found = compared(child, "server", answers)
    assert list(found) == ["status"] and not found["status"].converges
    assert (found["status"].expected, found["status"].actual) == ("ACTIVE", "SHUTOFF")


def test_a_server_lost_its_port_and_gained_another(child):
    data, properties = child
    answers = recorded.answers(data, "server")
    answers["server"].update(name="drift-server", metadata={"role": "web"})
    other = dict(answers["ports"][0], id="9d2b7c6e-8f51-4c0e-a1d3-5e6f7a8b9c0d")
    answers["ports"] = [other]
    found = compared(child, "server", answers)
    assert list(found) == ["networks"]
    assert found["networks"].actual[0]["port"] == other["id"]


def test_a_server_flavor_given_by_id_matches_its_name(child):
    answers = recorded.answers(child[0], "server")
    assert "flavor" not in compared(child, "server", answers)
    answers["flavor_names"] = {}
    assert compared(child, "server", answers)["flavor"].actual == "m1.tiny"


def test_metadata_left_out_is_compared_with_an_empty_mapping():
    answers = {"server": {"status": "ACTIVE", "name": "s", "metadata": {"k": "v"},
                          "flavor": {}, "image": {}}, "ports": []}
    found = {diff.name: diff for diff in nova.compare({}, answers)}
    assert list(found) == ["metadata"] and found["metadata"].expected == {}


def test_the_deleted_admin_state_of_a_network(child, root):
    found = compared(child, "net")
    assert list(found) == ["admin_state_up"]
    assert (found["admin_state_up"].expected, found["admin_state_up"].actual) == (True, False)
    assert compared(root, "home_net") == {}  # its name, as the template gives it


def test_a_subnet_in_sync_and_changed(child):
    assert compared(child, "subnet") == {}
    answers = recorded.answers(child[0], "subnet")
    answers["subnet"].update(dns_nameservers=["127.0.0.1"], gateway_ip=None,
                             is_dhcp_enabled=True)
    found = compared(child, "subnet", answers)
    assert set(found) == {"dns_nameservers", "enable_dhcp"}  # gateway_ip: not in the template
    assert found["dns_nameservers"].expected == []


def test_a_port_in_sync_and_its_groups_changed(child):
    assert compared(child, "port") == {}
    answers = recorded.answers(child[0], "port")
    answers["port"]["security_group_ids"] = []
    answers["port"]["fixed_ips"][0]["ip_address"] = "127.42.0.99"  # not in the template
    found = compared(child, "port", answers)
    assert list(found) == ["security_groups"] and found["security_groups"].actual == []


def test_a_port_on_another_subnet(child):
    answers = recorded.answers(child[0], "port")
    answers["port"]["fixed_ips"][0]["subnet_id"] = "0f5e8a2c-1b3d-4c6e-9a7b-2d4f6e8a0c1b"
    assert list(compared(child, "port", answers)) == ["fixed_ips"]


def test_the_rule_added_to_the_group(child):
    found = compared(child, "guard")
    assert list(found) == ["rules"]
    rules = found["rules"]
    added = {"direction": "ingress", "ethertype": "IPv4", "protocol": "tcp",
             "port_range_min": "80", "port_range_max": "80"}
    assert added in rules.actual and added not in rules.expected
    assert {"direction": "egress", "ethertype": "IPv6"} in rules.expected  # Heat's default
    assert not rules.converges
    answers = recorded.answers(child[0], "guard")
    answers["group"]["security_group_rules"] = [
        rule for rule in answers["group"]["security_group_rules"]
        if rule["port_range_min"] != 80]
    assert compared(child, "guard", answers) == {}


def test_rules_keys_as_heat_compares_them():
    assert neutron.rule_key({"remote_mode": "remote_group_id"}, "g1") == (
        "ingress", "IPv4", None, None, None, "g1", None)
    assert neutron.rule_key({"remote_ip_prefix": "0.0.0.0/0", "port_range_min": 22},
                            "g1")[3:] == ("22", None, None, None)


def test_a_router_gateway_added_outside_heat():
    answers = {"router": {"name": "r", "is_admin_state_up": True,
                          "external_gateway_info": {"network_id": "n1",
                                                    "enable_snat": True}}}
    found, = neutron.compare_router({}, answers)
    assert (found.name, found.expected, found.actual) == (
        "external_gateway_info", None, {"network": "n1", "enable_snat": True})
    assert neutron.compare_router(
        {"external_gateway_info": {"network": "n1"}}, answers) == ()


def test_the_ike_policy_in_sync_and_changed(root):
    assert compared(root, "ike") == {}
    answers = recorded.answers(root[0], "ike")
    answers["object"].update(pfs="group5", phase1_negotiation_mode="aggressive")
    found = compared(root, "ike", answers)
    assert set(found) == {"pfs", "phase1_negotiation_mode"}
    assert found["pfs"].converges and not found["phase1_negotiation_mode"].converges


def test_a_site_connection_peer_changed():
    compare = vpn.comparer("OS::Neutron::IPsecSiteConnection")
    live = {"name": "c", "description": "", "admin_state_up": True,
            "peer_address": "127.0.0.2", "peer_id": "127.0.0.2",
            "peer_cidrs": ["127.43.0.0/24"], "mtu": 1500,
            "initiator": "bi-directional", "ikepolicy_id": "i", "ipsecpolicy_id": "p",
            "vpnservice_id": "v"}
    template = {"peer_address": "127.0.0.3", "peer_id": "127.0.0.2",
                "peer_cidrs": ["127.43.0.0/24"], "psk": "never-read",
                "ikepolicy_id": "named-policy"}
    found = {diff.name: diff for diff in compare(template, {"object": live})}
    assert list(found) == ["peer_address"] and not found["peer_address"].converges
    assert "psk" not in vpn.KINDS["OS::Neutron::IPsecSiteConnection"][1]


def test_a_volume_resized_and_read_only():
    answers = {"volume": {"name": "v", "description": None, "size": 2,
                          "metadata": {"readonly": "True", "k": "v"}}}
    found = {diff.name: diff for diff in cinder.compare(
        {"size": 1, "metadata": {"k": "v"}, "read_only": False}, answers)}
    assert set(found) == {"size", "read_only"}
