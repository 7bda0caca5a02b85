"""Tests of mr_dashboard.hot.targets: which region each picker lists."""

from mr_dashboard.hot import resolve
from mr_dashboard.hot import targets
from mr_dashboard.hot.targets import Target

MAIN = b"""heat_template_version: 2021-04-16
parameters:
  far: {type: string, default: RegionTwo}
  image_here: {type: string}
  image_far: {type: string, default: cirros}
  flavor:
    type: string
    constraints: [{custom_constraint: nova.flavor}]
  net: {type: string}
  key: {type: string}
  count: {type: number, default: 1}
resources:
  here:
    type: OS::Heat::Stack
    properties:
      template: {get_file: site.yaml}
      parameters: {image: {get_param: image_here}, net: {get_param: net},
                   key: {get_param: key}}
  far_site:
    type: OS::Heat::Stack
    properties:
      context: {region_name: {get_param: far}}
      template: {get_file: site.yaml}
      parameters: {image: {get_param: image_far}, net: {get_param: net},
                   flavor: {get_param: flavor}}
  later:
    type: OS::Heat::Stack
    properties:
      context: {region_name: {get_attr: [here, outputs, region]}}
      template: {get_file: site.yaml}
      parameters: {key: {get_param: key}}
"""
SITE = b"""heat_template_version: 2021-04-16
parameters:
  image:
    {type: string, constraints: [{custom_constraint: glance.image}]}
  net:
    {type: string, constraints: [{custom_constraint: neutron.network}]}
  key:
    {type: string, constraints: [{custom_constraint: nova.keypair}]}
  flavor: {type: string, default: x}
resources: {}
"""


def targets_of(values: dict) -> dict[str, Target]:
    launchable = resolve.resolve("main.yaml", MAIN, {"main.yaml": MAIN,
                                                     "site.yaml": SITE})
    return targets.picker_targets(launchable, "RegionOne", values)


def test_a_value_passed_to_a_child_is_picked_in_the_childs_region():
    found = targets_of({})
    assert found["image_here"] == Target("glance.image", ("RegionOne",))
    assert found["image_far"] == Target("glance.image", ("RegionTwo",))
    assert targets_of({"far": "RegionThree"})["image_far"].regions == (
        "RegionThree",)


def test_a_root_constraint_is_checked_in_the_roots_region():
    assert targets_of({})["flavor"] == Target("nova.flavor", ("RegionOne",))


def test_a_value_going_to_several_regions_or_an_unknown_one_says_so():
    found = targets_of({})
    assert found["net"] == Target("neutron.network", ("RegionOne",
                                                      "RegionTwo"))
    # "later"'s region is known only at run time: only "here" counts.
    assert found["key"] == Target("nova.keypair", ("RegionOne",))
    assert "count" not in found and "far" not in found


def test_custom_constraint_reads_a_parameters_spec():
    spec = {"constraints": [{"range": {}}, {"custom_constraint": "a.b"}]}
    assert targets.custom_constraint(spec) == "a.b"
    assert targets.custom_constraint({}) is None
