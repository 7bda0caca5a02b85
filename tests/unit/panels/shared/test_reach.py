"""Tests of where a root parameter's value lands (launch/reach.py): the
regions and kinds, from parameters' own constraints and from the types'
schemas (Heat's answer stood in for: the real one is tested on the demo,
tests/functional/test_pickers.py)."""

from unittest import mock

import yaml

from mr_dashboard.api import parallel
from mr_dashboard.hot import resolve
from mr_dashboard.panels.shared import reach

SERVER = """heat_template_version: 2021-04-16
parameters:
  image: {type: string}
  key: {type: string, constraints: [{custom_constraint: nova.keypair}]}
  label: {type: string}
resources:
  server:
    type: OS::Nova::Server
    properties:
      image: {get_param: image}
      key_name: {get_param: key}
      name: {str_replace: {template: x-$l, params: {$l: {get_param: label}}}}
"""
ROOT = """heat_template_version: 2021-04-16
parameters:
  image: {type: string}
  key: {type: string}
  label: {type: string, default: web}
  far: {type: string, default: RegionTwo}
resources:
  one:
    type: OS::Heat::Stack
    properties:
      context: {region_name: RegionOne}
      template: {get_file: server.yaml}
      parameters: &p {image: {get_param: image}, key: {get_param: key},
                      label: {get_param: label}}
  two:
    type: OS::Heat::Stack
    properties:
      context: {region_name: {get_param: far}}
      template: {get_file: server.yaml}
      parameters: *p
"""
SCHEMA = ((("image",), "glance.image"), (("key_name",), "nova.keypair"),
          (("name",), "ip_addr"))


def answered(request, calls):
    return {key: parallel.RegionResult(call.region, SCHEMA)
            for key, call in calls.items()}


@mock.patch.object(parallel, "run_all", side_effect=answered)
def test_a_value_passed_to_two_regions_reaches_both(run_all):
    launchable = resolve.from_heat("root.yaml", yaml.safe_load(ROOT),
                                   {"server.yaml": SERVER})

    found = reach.reaches(None, launchable, "RegionOne", {})

    # image: the server's schema; key: the child's own constraint.
    assert found["image"] == reach.Reach("glance.image",
                                         ("RegionOne", "RegionTwo"))
    assert found["key"].regions == ("RegionOne", "RegionTwo")
    assert "label" not in found  # built into a string: no name to pick
    [calls] = run_all.call_args.args[1:]
    assert sorted(calls) == [("RegionOne", "OS::Nova::Server"),
                             ("RegionTwo", "OS::Nova::Server")]


@mock.patch.object(parallel, "run_all", side_effect=answered)
def test_a_region_given_by_a_parameter_follows_the_value_entered(run_all):
    launchable = resolve.from_heat("root.yaml", yaml.safe_load(ROOT),
                                   {"server.yaml": SERVER})

    found = reach.reaches(None, launchable, "RegionOne",
                          {"far": "RegionThree"})

    assert found["image"].regions == ("RegionOne", "RegionThree")
