"""Tests of mr_dashboard.hot.resolve: the files map Heat needs."""

import json

import pytest

from mr_dashboard.hot import resolve
from mr_dashboard.hot.parse import TemplateError

MAIN = b"""heat_template_version: 2021-04-16
resources:
  child:
    type: OS::Heat::Stack
    properties:
      template: {get_file: tiers/child.yaml}
  group:
    type: OS::Heat::ResourceGroup
    properties:
      resource_def: {type: tiers/node.yaml}
"""
CHILD = b"""heat_template_version: 2021-04-16
resources:
  config:
    type: OS::Heat::SoftwareConfig
    properties: {config: {get_file: ../scripts/setup.sh}}
  node: {type: node.yaml}
"""
NODE = b"heat_template_version: 2021-04-16\nresources: {}\n"
FOLDER = {"main.yaml": MAIN, "tiers/child.yaml": CHILD, "tiers/node.yaml": NODE,
          "scripts/setup.sh": b"echo hi\n", "README.md": b"unused"}


def test_references_are_found_at_any_depth_and_rewritten_to_folder_paths():
    launchable = resolve.resolve("main.yaml", MAIN, FOLDER)
    assert sorted(launchable.files) == ["scripts/setup.sh", "tiers/child.yaml",
                                        "tiers/node.yaml"]
    resources = launchable.template["resources"]
    assert resources["child"]["properties"]["template"] == {"get_file": "tiers/child.yaml"}
    assert resources["group"]["properties"]["resource_def"]["type"] == "tiers/node.yaml"
    child = json.loads(launchable.files["tiers/child.yaml"])
    assert child["resources"]["config"]["properties"]["config"] == {
        "get_file": "scripts/setup.sh"}
    assert child["resources"]["node"]["type"] == "tiers/node.yaml"
    assert launchable.files["scripts/setup.sh"] == "echo hi\n"
    assert set(launchable.templates) == {"main.yaml", "tiers/child.yaml", "tiers/node.yaml"}


def test_environments_are_sent_as_files_with_their_templates():
    env = b"resource_registry:\n  My::Node: tiers/node.yaml\nparameter_defaults: {a: 1}\n"
    launchable = resolve.resolve("main.yaml", MAIN, FOLDER, [("env.yaml", env)])
    assert launchable.environment_files == ["env.yaml"]
    assert launchable.heat_fields()["environment_files"] == ["env.yaml"]
    assert json.loads(launchable.files["env.yaml"])["resource_registry"] == {
        "My::Node": "tiers/node.yaml"}
    assert launchable.environment["parameter_defaults"] == {"a": 1}


def test_urls_are_fetched_relative_to_the_template_url():
    fetched = []

    def fetch(url, max_bytes, seconds):
        fetched.append(url)
        return {"https://example.com/t/tiers/child.yaml": NODE}[url]
    text = MAIN.replace(b"  group:", b"  unused:").replace(
        b"resource_def: {type: tiers/node.yaml}", b"x: 1")
    launchable = resolve.resolve("https://example.com/t/main.yaml", text, {}, fetch=fetch)
    assert fetched == ["https://example.com/t/tiers/child.yaml"]
    assert list(launchable.files) == ["https://example.com/t/tiers/child.yaml"]


@pytest.mark.parametrize("folder, message", [
    ({"main.yaml": MAIN}, "tiers/child.yaml, which is not among the uploaded files"),
    ({**FOLDER, "tiers/node.yaml": b"plain text"}, "not a Heat template"),
    ({**FOLDER, "tiers/node.yaml": b"heat_template_version: 2021-04-16\n"
                                   b"resources: {x: {type: ../main.yaml}}\n"},
     "refers back to main.yaml"),
])
def test_missing_and_wrong_files_are_named(folder, message):
    with pytest.raises(TemplateError, match=message):
        resolve.resolve("main.yaml", folder["main.yaml"], folder)


def test_a_total_over_the_limit_is_refused(settings):
    # Each file alone holds less text than 200, the files pulled in more.
    settings.MR_DASHBOARD = {"TEMPLATE_MAX_TOTAL_BYTES": 200}
    with pytest.raises(TemplateError, match="more than the 200 allowed"):
        resolve.resolve("main.yaml", MAIN, FOLDER)


def test_from_heat_reads_back_what_heat_was_given():
    launchable = resolve.resolve("main.yaml", MAIN, FOLDER)
    again = resolve.from_heat("main.yaml", launchable.template, launchable.files,
                              environment={"resource_registry": {"A::B": "OS::Heat::None"}})
    assert set(again.templates) == set(launchable.templates)
    assert again.heat_fields()["environment"] == {"resource_registry": {"A::B": "OS::Heat::None"}}
