"""Tests of mr_dashboard.hot.children: every OS::Heat::Stack and its region."""

from mr_dashboard.hot import children
from mr_dashboard.hot import resolve

MAIN = b"""heat_template_version: 2021-04-16
parameters:
  far: {type: string, default: RegionTwo}
  suffix: {type: string}
resources:
  db:
    type: OS::Heat::Stack
    properties:
      context: {region_name: {get_param: far}}
      template: {get_file: db.yaml}
      parameters: {name: {list_join: ['-', [db, {get_param: suffix}]]}}
  app:
    type: OS::Heat::Stack
    properties:
      context: {region_name: {get_attr: [db, outputs, region]}}
      template: {get_file: db.yaml}
  local:
    type: OS::Heat::Stack
    properties:
      template: {get_file: db.yaml}
  group:
    type: OS::Heat::ResourceGroup
    properties:
      resource_def:
        type: wrapper.yaml
        properties: {where: {str_replace: {template: Region$n, params: {$n: Three}}}}
  cloud:
    type: OS::Heat::Stack
    properties:
      context: {credential_secret_id: 0a1b2c}
      template: {get_file: db.yaml}
"""
DB = b"""heat_template_version: 2021-04-16
parameters:
  name: {type: string, default: db}
resources:
  value: {type: OS::Heat::Value, properties: {value: {get_param: name}}}
"""
WRAPPER = b"""heat_template_version: 2021-04-16
parameters:
  where: {type: string}
resources:
  deep:
    type: OS::Heat::Stack
    properties:
      context: {region_name: {get_param: where}}
      template: {get_file: db.yaml}
"""
FOLDER = {"main.yaml": MAIN, "db.yaml": DB, "wrapper.yaml": WRAPPER}


def found(values: dict) -> dict[str, children.Placement]:
    launchable = resolve.resolve("main.yaml", MAIN, FOLDER)
    return {p.name: p for p in children.placements(launchable, "RegionOne", values)}


def test_each_stack_gets_its_region_from_the_entered_parameters():
    placed = found({"suffix": "eu"})
    assert list(placed) == ["", "db", "app", "local", "group.[member].deep", "cloud"]
    assert placed[""].region == "RegionOne"
    assert placed[""].resource_types == {"OS::Heat::Stack", "OS::Heat::ResourceGroup"}
    assert (placed["db"].region, placed["db"].parent_region) == ("RegionTwo", "RegionOne")
    assert placed["db"].parameters == {"name": "db-eu"}
    assert placed["db"].resource_types == {"OS::Heat::Value"}
    assert placed["local"].region == "RegionOne"  # no region_name: the parent's
    assert placed["group.[member].deep"].region == "RegionThree"
    assert found({"suffix": "x", "far": "RegionFour"})["db"].region == "RegionFour"


def test_values_known_only_at_run_time_leave_the_region_unresolved():
    app = found({})["app"]
    assert app.region is None
    assert "get_attr" in app.problem
    assert found({})["db"].parameters == {"name": "db"}  # its default: no suffix


def test_a_credential_child_runs_in_another_cloud():
    cloud = found({})["cloud"]
    assert cloud.credential_secret_id == "0a1b2c"
    assert cloud.region == "RegionOne"
