"""Tests of the small logic of the holdings checks: constrained property
paths of a schema, values at a path, finding a name as Heat does, and
counting what a launch creates (no cloud)."""

from mr_dashboard import constants
from mr_dashboard.api.iaas import quotas as api_quotas
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.api.iaas.compute import Flavor
from mr_dashboard.api.iaas.sdk import Named
from mr_dashboard.checks import lookups
from mr_dashboard.checks import quota_demand
from mr_dashboard.checks import schemas
from mr_dashboard.hot.children import Placement
from mr_dashboard.hot.values import Landed
from mr_dashboard.hot.values import Unknown

SCHEMA = {"properties": {
    "image": {"type": "string", "constraints": [{"custom_constraint": "glance.image"}]},
    "fixed": {"type": "string", "constraints": [{"custom_constraint": "ip_addr"}]},
    "networks": {"type": "list", "schema": {"*": {"type": "map", "schema": {
        "network": {"type": "string",
                    "constraints": [{"custom_constraint": "neutron.network"}]}}}}},
    "groups": {"type": "list", "schema": {"*": {
        "type": "string", "constraints": [{"custom_constraint": "neutron.security_group"}]}}},
}}


def test_constrained_paths_follow_lists_and_maps():
    assert set(schemas.constrained(SCHEMA)) == {
        (("image",), "glance.image"), (("fixed",), "ip_addr"),
        (("networks", "*", "network"), "neutron.network"),
        (("groups", "*"), "neutron.security_group")}


def test_a_zone_is_named_by_the_service_of_the_types_namespace():
    zone = {"properties": {"availability_zone": {"type": "string"},
                           "availability_zone_hints": {"type": "list"}}}
    assert schemas.constrained(zone, "OS::Nova::Server") == (
        (("availability_zone",), "nova.availability_zone"),)
    assert schemas.constrained(zone, "OS::Cinder::Volume") == (
        (("availability_zone",), "cinder.availability_zone"),)
    assert schemas.constrained(zone, "OS::Neutron::Net") == (
        (("availability_zone_hints",), "neutron.availability_zone"),)
    # An aggregate makes its zone; a type without the property names none.
    assert schemas.constrained(zone, "OS::Nova::HostAggregate") == ()
    assert schemas.constrained({"properties": {}}, "OS::Nova::Server") == ()


def test_values_at_name_each_item():
    properties = {"networks": [{"network": "a"}, {"network": Unknown("later")}],
                  "groups": ["x", "y"], "image": Unknown("later")}
    assert list(schemas.values_at(properties, ("networks", "*", "network"))) == [
        ("networks[0].network", "a"), ("networks[1].network", Unknown("later"))]
    assert list(schemas.values_at(properties, ("groups", "*"))) == [
        ("groups[0]", "x"), ("groups[1]", "y")]
    assert list(schemas.values_at(properties, ("image",))) == [("image", Unknown("later"))]
    assert list(schemas.values_at({}, ("image",))) == []


ITEMS = [Named("R", "id-1", "debian"), Named("R", "id-2", "twin"),
         Named("R", "id-3", "twin")]


def test_find_by_id_then_by_one_name():
    assert lookups.find("glance.image", "R", "id-2", ITEMS).item == ITEMS[1]
    assert lookups.find("glance.image", "R", "debian", ITEMS).item == ITEMS[0]


def test_find_refuses_an_ambiguous_name_and_tells_the_closest():
    assert "2 image items of R are named `twin`" in lookups.find(
        "glance.image", "R", "twin", ITEMS).problem
    assert lookups.find("glance.image", "R", "debain", ITEMS).problem.startswith(
        "R has no image `debain`; it has `debian`")  # the closest first
    assert "it has none at all" in lookups.find("glance.image", "R", "x", []).problem


def landed(type_name, properties, count=1, region="R"):
    placement = Placement(path=(), template_key="t", template={}, region=region)
    return Landed(placement, ("r",), type_name, properties, count)


def test_demand_counts_servers_cores_ram_and_ports():
    flavors = {"R": [Flavor("R", "f", "small", vcpus=2, ram=512)]}
    found = quota_demand.demand([
        landed("OS::Nova::Server", {"flavor": "small",
                                    "networks": [{"network": "n"}, {"port": "p"}]}, 3),
        landed("OS::Neutron::Port", {}, 2),
        landed("OS::Neutron::Net", {}, Unknown("count later")),
    ], flavors)["R"]
    assert found.needed == {api_quotas.INSTANCES: 3, api_quotas.CORES: 6,
                            api_quotas.RAM: 1536, api_quotas.PORTS: 5}
    assert found.unknown == {api_quotas.NETWORKS: "count later"}


def test_demand_says_when_a_flavor_is_not_found():
    found = quota_demand.demand([landed("OS::Nova::Server", {"flavor": "big"})],
                                {"R": []})["R"]
    assert set(found.unknown) == {api_quotas.CORES, api_quotas.RAM}
    assert found.needed[api_quotas.INSTANCES] == 1


def test_headroom_free():
    assert api_quotas.Headroom("R", "cores", 20, 25).free == 0
    assert api_quotas.Headroom("R", "cores", -1, 25).free is None


def test_a_long_value_is_shown_cut_and_not_compared():
    problem = lookups.find("glance.image", "R", "x" * 5000, ITEMS).problem
    assert len(problem) < 300 and "\u2026" in problem


def test_quota_rows_fail_over_the_limit_and_tell_unknowns_and_failures():
    wanted = quota_demand.Demand(
        "R", needed={api_quotas.INSTANCES: 3, api_quotas.PORTS: 1},
        unknown={api_quotas.CORES: "its flavor is not found"})
    nova = RegionResult("R", value={
        kind: api_quotas.Headroom("R", kind, 10, 8) for kind in api_quotas.COMPUTE_KINDS})
    neutron = RegionResult("R", error=RegionError(constants.KIND_TIMEOUT, "No answer."))
    rows = {row.name: row
            for row in quota_demand.quota_checks(wanted, {0: nova, 1: neutron, 2: None})}
    assert rows["Quota: instances"].status == constants.CHECK_FAILED
    assert rows["Quota: instances"].reason == (
        "R: 3 instances needed, 2 free (limit 10).")
    assert rows["Quota: cores"].status == constants.CHECK_NOT_HERE
    assert rows["Quota: ports"].status == constants.CHECK_SKIPPED
    assert "No answer." in rows["Quota: ports"].reason


def test_a_cfn_instance_weighs_by_its_instance_type_and_subnet():
    flavors = {"R": [Flavor("R", "f", "small", vcpus=2, ram=512)]}
    found = quota_demand.demand([
        landed("AWS::EC2::Instance", {"InstanceType": "small", "SubnetId": "s"}, 2),
        landed("AWS::EC2::Instance", {"InstanceType": "small",
                                      "NetworkInterfaces": ["port-id"]}),
    ], flavors)["R"]
    assert found.needed == {api_quotas.INSTANCES: 3, api_quotas.CORES: 6,
                            api_quotas.RAM: 1536, api_quotas.PORTS: 2}


def test_a_missing_value_says_so_without_a_listing():
    match = lookups.missing("glance.image", "R", "gone")
    assert match.item is None
    assert match.problem == "R has no image `gone`."
