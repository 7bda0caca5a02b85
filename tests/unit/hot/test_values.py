"""Tests of mr_dashboard.hot.values: the value each property gets where it
lands (pure logic, no cloud)."""

from mr_dashboard.hot import children
from mr_dashboard.hot import resolve
from mr_dashboard.hot import values
from mr_dashboard.hot.values import Unknown

ROOT = b"""heat_template_version: 2021-04-16
parameters:
  image: {type: string, default: img-default}
  size: {type: number, default: 2}
resources:
  net: {type: OS::Neutron::Net}
  local:
    type: site.yaml
    properties: {image: {get_param: image}}
  group:
    type: OS::Heat::ResourceGroup
    properties:
      count: {get_param: size}
      resource_def:
        type: OS::Nova::Server
        properties:
          image: {str_replace: {template: pre-X, params: {X: {get_param: image}}}}
          networks: [{network: {get_resource: net}}, {network: public}]
  far:
    type: OS::Heat::Stack
    properties:
      context: {region_name: RegionTwo}
      template: {get_file: far.yaml}
      parameters:
        image: {get_param: image}
        address: {get_attr: [net, name]}
"""
SITE = b"""heat_template_version: 2021-04-16
parameters:
  image: {type: string, constraints: [{custom_constraint: glance.image}]}
resources:
  server:
    type: OS::Nova::Server
    properties: {image: {get_param: image}, flavor: m1.tiny}
"""
FAR = b"""heat_template_version: 2021-04-16
parameters:
  image: {type: string}
  address: {type: string, default: 127.0.0.1}
  flavor: {type: string}
resources:
  deeper:
    type: OS::Heat::Stack
    properties:
      context: {region_name: RegionThree}
      template: {get_file: far.yaml}
      parameters: {image: {get_param: image}, flavor: {get_param: flavor}}
  server:
    type: OS::Nova::Server
    properties:
      image: {get_param: image}
      flavor: {get_param: flavor}
      user_data: {get_param: address}
"""


def landing(region="RegionOne", **given):
    """Only two levels: far.yaml's own OS::Heat::Stack would recurse."""
    far = FAR.replace(b"template: {get_file: far.yaml}",
                      b"template: {get_file: last.yaml}")
    last = b"""heat_template_version: 2021-04-16
parameters:
  image: {type: string}
  flavor: {type: string, default: m1.small}
resources:
  server: {type: OS::Nova::Server, properties: {image: {get_param: image},
           flavor: {get_param: flavor}}}
"""
    launchable = resolve.resolve("root.yaml", ROOT, {
        "root.yaml": ROOT, "site.yaml": SITE, "far.yaml": far, "last.yaml": last})
    launchable.environment["parameter_defaults"]["flavor"] = "env-flavor"
    placements = children.placements(launchable, region, given)
    return values.landing(launchable, placements)


def by_name(found):
    return {(resource.placement.name, resource.name): resource
            for resource in found.resources}


def test_literals_params_and_str_replace_resolve():
    found = by_name(landing(image="given"))
    assert found[("", "local.server")].properties == {
        "image": "given", "flavor": "m1.tiny"}
    member = found[("", "group.[member]")]
    assert member.properties["image"] == "pre-given"
    assert member.count == 2
    assert member.region == "RegionOne"


def test_a_default_is_used_when_nothing_is_given():
    found = by_name(landing())
    assert found[("", "local.server")].properties["image"] == "img-default"


def test_create_time_values_are_unknown_with_the_reason():
    found = by_name(landing())
    networks = found[("", "group.[member]")].properties["networks"]
    assert isinstance(networks[0]["network"], values.Made)
    assert "resource net" in networks[0]["network"].reason
    assert networks[1] == {"network": "public"}  # the known item stays known
    # A parameter fed with get_attr is unknown, even though it has a default.
    far = found[("far", "server")]
    assert isinstance(far.properties["user_data"], Unknown)
    assert far.properties["image"] == "img-default"


def test_values_go_down_to_remote_children_in_their_regions():
    found = by_name(landing(image="down"))
    far, deeper = found[("far", "server")], found[("far.deeper", "server")]
    assert (far.region, deeper.region) == ("RegionTwo", "RegionThree")
    assert far.properties["image"] == deeper.properties["image"] == "down"
    # parameter_defaults reach every stack that declares the parameter.
    assert far.properties["flavor"] == "env-flavor"
    assert deeper.properties["flavor"] == "env-flavor"


def test_a_count_known_only_at_create_is_unknown():
    found = by_name(landing(size="many"))
    assert isinstance(found[("", "group.[member]")].count, Unknown)


def test_constrained_parameters_of_provider_templates_are_listed():
    given = {(item.placement.name, item.path, item.parameter): item.value
             for item in landing(image="x").parameters}
    assert given[("", ("local",), "image")] == "x"
    assert given[("", (), "image")] == "x"
    assert given[("far", (), "image")] == "x"


def test_settle_keeps_a_plain_mapping_and_marks_functions():
    scope = {"a": "1"}
    assert values.settle({"k": {"get_param": "a"}}, scope, {}) == {"k": "1"}
    assert isinstance(values.settle({"get_attr": ["x", "y"]}, scope, {}), Unknown)
    assert values.settle({"k": {"get_attr": ["x"]}}, scope, {})["k"] == Unknown(
        values.settle({"get_attr": ["x"]}, scope, {}).reason)


CONDITIONAL = b"""heat_template_version: 2021-04-16
parameters:
  env: {type: string, default: prod}
conditions:
  is_prod: {equals: [{get_param: env}, prod]}
  is_dev: {not: is_prod}
resources:
  prod_only: {type: OS::Nova::Server, condition: is_prod, properties: {image: p}}
  dev_only: {type: OS::Nova::Server, condition: is_dev, properties: {image: d}}
  either: {type: OS::Nova::Server, condition: {or: [is_dev, is_prod]},
           properties: {image: e}}
"""


def conditional(**given):
    launchable = resolve.resolve("c.yaml", CONDITIONAL, {"c.yaml": CONDITIONAL})
    return by_name(values.landing(launchable,
                                  children.placements(launchable, "RegionOne", given)))


def test_a_false_condition_leaves_the_resource_out():
    assert set(conditional()) == {("", "prod_only"), ("", "either")}
    assert set(conditional(env="dev")) == {("", "dev_only"), ("", "either")}


def test_a_condition_known_only_at_create_makes_the_resource_unknown():
    template = CONDITIONAL.replace(b"{get_param: env}", b"{get_attr: [x, y]}")
    launchable = resolve.resolve("c.yaml", template, {"c.yaml": template})
    found = by_name(values.landing(launchable,
                                   children.placements(launchable, "RegionOne", {})))
    resource = found[("", "prod_only")]
    assert isinstance(resource.count, Unknown)
    assert isinstance(resource.properties["image"], Unknown)
    assert "condition" in resource.properties["image"].reason


CFN_GROUP = b"""heat_template_version: 2013-05-23
parameters:
  size: {type: number, default: 3}
resources:
  group:
    type: OS::Heat::InstanceGroup
    properties:
      LaunchConfigurationName: {get_resource: config}
      Size: {get_param: size}
  zoned:
    type: AWS::AutoScaling::AutoScalingGroup
    properties:
      LaunchConfigurationName: {get_resource: config}
      MinSize: 2
      VPCZoneIdentifier: [subnet-a]
  config:
    type: AWS::AutoScaling::LaunchConfiguration
    properties: {ImageId: img, InstanceType: m1.tiny}
  found:
    type: OS::Nova::Server
    external_id: abc
    properties: {image: nowhere}
"""


def test_a_cfn_group_makes_instances_of_its_launch_configuration():
    launchable = resolve.resolve("root.yaml", CFN_GROUP, {})
    found = by_name(values.landing(
        launchable, children.placements(launchable, "RegionOne", {})))
    member = found[("", "group.[member]")]
    assert (member.type, member.count) == ("AWS::EC2::Instance", 3)
    assert member.properties == {"ImageId": "img", "InstanceType": "m1.tiny"}
    zoned = found[("", "zoned.[member]")]
    assert (zoned.count, zoned.properties["SubnetId"]) == (2, "subnet-a")
    # An external resource is not made: Heat finds it at create.
    assert ("", "found") not in found
