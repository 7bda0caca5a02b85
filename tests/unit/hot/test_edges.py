"""Tests of mr_dashboard.hot.edges: a template's shape, and the edges
between the resources of a tree followed through parameters and outputs."""

from mr_dashboard.hot import edges
from mr_dashboard.hot.edges import Edge
from mr_dashboard.hot.edges import Place
from mr_dashboard.hot.edges import Use


def test_shape_reads_intrinsics_in_hot_and_cfn_spellings():
    shape = edges.shape({"Resources": {
        "net": {"Type": "OS::Neutron::Net"},
        "sub": {"Type": "OS::Neutron::Subnet", "DependsOn": "net",
                "Properties": {"network": {"Ref": "net"},
                               "cidr": {"Ref": "cidr"},
                               "name": {"Fn::GetAtt": ["net", "name"]}}},
        "srv": {"type": "OS::Nova::Server", "depends_on": ["sub", 3],
                "properties": {"networks": [{"port": {"get_resource": "p"}}],
                               "image": {"get_param": ["images", "first"]},
                               "meta": {"a": {"get_attr": ["sub", "x", 0]}}}},
        "kid": {"type": "OS::Heat::Stack", "properties": {"parameters": {
            "n": {"get_attr": ["net", "id"]}}}}},
        "Outputs": {"cidr": {"Value": {"Fn::GetAtt": ["sub", "cidr"]}}}})
    assert shape.types["kid"] == "OS::Heat::Stack"
    assert shape.depends == {"net": (), "sub": ("net",), "srv": ("sub",),
                             "kid": ()}
    assert shape.inputs["sub"] == {
        "network": (Use("resource", "net"),), "cidr": (Use("param", "cidr"),),
        "name": (Use("attr", "net", ("name",)),)}
    assert shape.inputs["srv"]["image"] == (Use("param", "images"),)
    assert shape.inputs["srv"]["meta"] == (Use("attr", "sub", ("x", "0")),)
    # A stack's inputs are the parameters it passes.
    assert shape.inputs["kid"] == {"n": (Use("attr", "net", ("id",)),)}
    assert shape.outputs == {"cidr": (Use("attr", "sub", ("cidr",)),)}
    assert edges.shape(None) == edges.Shape()
    assert edges.shape({"resources": {"x": "not a body"}}) == edges.Shape()


def test_a_value_nested_past_the_limit_is_read_to_the_limit():
    value = {"get_resource": "deep"}
    for _ in range(edges.MAX_DEPTH + 5):
        value = [value]
    assert list(edges.uses(value, set())) == []


PARENT = {"resources": {
    "key": {"type": "OS::Heat::RandomString"},
    "db": {"type": "db.yaml", "properties": {"password": {
        "get_attr": ["key", "value"]}}},
    "app": {"type": "OS::Heat::Stack", "properties": {"parameters": {
        "db_host": {"get_attr": ["db", "host"]},
        "name": {"get_attr": ["app", "outputs", "x"]},
        "size": 3}}}}}
DB = {"resources": {
    "server": {"type": "OS::Nova::Server", "properties": {
        "user_data": {"get_param": "password"}}},
    "port": {"type": "OS::Neutron::Port"}},
    "outputs": {"host": {"value": {"get_attr": ["port", "fixed_ips"]}}}}
APP = {"resources": {
    "web": {"type": "OS::Nova::Server", "depends_on": "cfg", "properties": {
        "host": {"get_param": "db_host"},
        "size": {"get_param": "size"},
        "self": {"get_attr": ["web", "name"]}}},
    "cfg": {"type": "OS::Heat::SoftwareConfig"}}}


def _places(db_shape=DB, app_shape=APP) -> dict[str, Place]:
    return {"P": Place(edges.shape(PARENT), children={"db": "D", "app": "A"}),
            "D": Place(edges.shape(db_shape) if db_shape else None, "P", "db"),
            "A": Place(edges.shape(app_shape), "P", "app")}


def test_edges_follow_parameters_and_outputs_across_stacks():
    assert edges.tree_edges(_places()) == [
        Edge(("A", "cfg"), ("A", "web"), "depends_on"),
        # A provider template's output, passed as a remote child's parameter.
        Edge(("D", "port"), ("A", "web"), "feed", ("host",)),
        # A parent's resource feeding a nested stack's parameter.
        Edge(("P", "key"), ("D", "server"), "feed", ("user_data",)),
    ]


def test_a_child_whose_template_is_unknown_is_fed_as_its_resource():
    found = edges.tree_edges(_places(db_shape=None))
    assert Edge(("P", "key"), ("P", "db"), "local", ("password",)) in found
    assert Edge(("P", "db"), ("A", "web"), "feed", ("host",)) in found


def test_a_cycle_of_references_ends():
    loop = {"resources": {
        "a": {"type": "OS::Heat::Stack", "properties": {"parameters": {
            "p": {"get_attr": ["a", "outputs", "o"]}}}}}}
    child = {"outputs": {"o": {"value": {"get_param": "p"}}},
             "resources": {"r": {"type": "OS::Heat::Value", "properties": {
                 "value": {"get_param": "p"}}}}}
    places = {"P": Place(edges.shape(loop), children={"a": "C"}),
              "C": Place(edges.shape(child), "P", "a")}
    # Followed once: the value is then said to come from the stack itself.
    assert edges.tree_edges(places) == [
        Edge(("P", "a"), ("C", "r"), "feed", ("value",))]
