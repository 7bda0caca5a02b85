"""Tests of mr_dashboard.api.drift.expected: a stack's resource properties
resolved from Heat's template, parameters and resource list."""

from mr_dashboard.api.drift import expected
from mr_dashboard.hot.values import Unknown
from tests.unit.api.drift import recorded


def test_the_recorded_child_resolves_parameters_and_resources():
    data = recorded.stack("child")
    found = recorded.properties(data)
    server = found["server"]
    assert server["image"] == data["parameters"]["image"]
    assert server["flavor"] == data["parameters"]["flavor"]
    assert server["metadata"] == {"role": "web"}
    assert server["networks"] == [{"port": recorded.physical(data, "port")}]
    assert found["subnet"]["network"] == recorded.physical(data, "net")
    assert found["subnet"]["cidr"] == "127.42.0.0/24"  # the parameter's default, from Heat
    assert found["port"]["security_groups"] == [recorded.physical(data, "guard")]


def test_parameters_get_their_declared_types_back():
    template = {"parameters": {
        "count": {"type": "number"}, "names": {"type": "comma_delimited_list"},
        "data": {"type": "json"}, "on": {"type": "boolean"},
        "secret": {"type": "string", "hidden": True}, "bad": {"type": "number"}}}
    scope = expected.scope_of(template, {
        "count": "3", "names": "a,b", "data": '{"k": [1]}', "on": "false",
        "secret": "******", "bad": "three", "OS::stack_name": "s"})
    assert {key: scope[key] for key in ("count", "names", "data", "on")} == {
        "count": 3, "names": ["a", "b"], "data": {"k": [1]}, "on": False}
    assert isinstance(scope["secret"], Unknown) and isinstance(scope["bad"], Unknown)
    assert scope["OS::stack_name"] == "s"


def test_what_only_the_running_stack_knows_stays_unknown():
    template = {"resources": {
        "port": {"type": "OS::Neutron::Port", "properties": {
            "name": {"get_attr": ["server", "name"]},
            "network": {"get_resource": "not_made"},
            "fixed_ips": [{"subnet": {"get_resource": "subnet"}}]}},
        "subnet": {"type": "OS::Neutron::Subnet"}}}
    found = expected.stack_properties(template, {}, [])
    port = found["port"]
    assert isinstance(port["name"], Unknown)
    assert isinstance(port["network"], Unknown)  # no object: Heat's own Made
    assert isinstance(port["fixed_ips"][0]["subnet"], Unknown)
    assert found["subnet"] == {}


def test_a_resource_given_an_external_id_is_not_heats_to_update():
    template = {"resources": {"found": {"type": "OS::Neutron::Net",
                                        "external_id": "0c1d2e3f"},
                              "made": {"type": "OS::Neutron::Net"}}}
    assert expected.external(template) == {"found"}


def test_get_attr_takes_the_value_heat_gives_now():
    template = {"resources": {
        "net": {"type": "OS::Neutron::Net"},
        "remote": {"type": "OS::Heat::Stack"},
        "link": {"type": "OS::Neutron::IPsecSiteConnection", "properties": {
            "name": {"list_join": ["-", [{"get_attr": ["net", "name"]}, "link"]]},
            "peer_address": {"get_attr": ["remote", "outputs", "address"]},
            "peer_cidrs": [{"get_attr": ["remote", "outputs", "cidrs", 0]}],
            "peer_id": {"get_attr": ["remote", "outputs", "missing"]},
            "description": {"get_attr": [{"get_param": "which"}, "name"]}}}}}
    bodies = [template["resources"]["link"]]
    assert expected.attribute_references(bodies) == {"net": {"name"}, "remote": {"outputs"}}
    link = expected.stack_properties(template, {}, [], {
        "net": {"name": "n1"},
        "remote": {"outputs": {"address": "127.0.0.2", "cidrs": ["127.43.0.0/24"]}}})["link"]
    assert link["name"] == "n1-link"
    assert link["peer_address"] == "127.0.0.2" and link["peer_cidrs"] == ["127.43.0.0/24"]
    assert isinstance(link["peer_id"], Unknown)  # not among Heat's outputs: never guessed
    assert isinstance(link["description"], Unknown)
