"""Tests of the bounds of a walk through a launch's templates: cycles,
fan-out and the text built in all (hot/walks)."""

import pytest

from mr_dashboard.hot import children
from mr_dashboard.hot import resolve
from mr_dashboard.hot import values
from mr_dashboard.hot import walks
from mr_dashboard.hot.parse import TemplateError
from mr_dashboard.hot.values import Unknown

HOT = "heat_template_version: 2021-04-16\n"


def launch(root: str, folder: dict[str, str], environment: str = ""):
    files = {name: text.encode() for name, text in folder.items()}
    return resolve.resolve("root.yaml", root.encode(), files,
                           [("env.yaml", environment.encode())]
                           if environment else [])


def fan_out(width: int, depth: int) -> dict[str, str]:
    """``depth`` files, each holding ``width`` resources of the next."""
    return {f"l{level}.yaml": HOT + "resources:\n" + "".join(
        f"  r{index}:\n    type: "
        f"{f'l{level + 1}.yaml' if level + 1 < depth else 'OS::Heat::None'}\n"
        for index in range(width)) for level in range(depth)}


def test_a_provider_template_naming_itself_through_the_registry_is_refused():
    found = launch(HOT + "resources:\n  r: {type: My::A}\n",
                   {"a.yaml": HOT + "resources:\n  x: {type: My::A}\n"},
                   "resource_registry:\n  My::A: a.yaml\n")
    with pytest.raises(TemplateError, match="uses itself"):
        children.placements(found, "RegionOne", {})


def test_provider_templates_fanning_out_are_refused_after_the_resource_bound():
    folder = fan_out(20, 6)  # 20 ** 6 resources as written
    found = launch(folder["l0.yaml"], folder)
    with pytest.raises(TemplateError, match="more than 5000 resources"):
        children.placements(found, "RegionOne", {})


def test_templates_nested_deeper_than_the_bound_are_refused():
    folder = fan_out(1, walks.MAX_NESTING + 2)
    found = launch(folder["l0.yaml"], folder)
    with pytest.raises(TemplateError, match="nested deeper than"):
        children.placements(found, "RegionOne", {})


def test_a_tree_within_the_bounds_is_walked_whole():
    folder = fan_out(10, 3)  # 10 + 100 + 1000 resources
    found = launch(folder["l0.yaml"], folder)
    placements = children.placements(found, "RegionOne", {})
    landed = values.landing(found, placements).resources
    assert len(landed) == 1000 and {r.type for r in landed} == {
        "OS::Heat::None"}


def test_the_text_a_launch_builds_in_all_is_bounded():
    # One anchored str_replace of 1.5 KB builds 512 KiB; used 40 times it
    # would build 20 MiB: past 1 MiB in all, the rest is known at create.
    node = ('&s {str_replace: {template: "%s", params: {"$": "%s"}}}'
            % ("$" * 724, "a" * 724))
    properties = "".join(f"        v{index}: *s\n" for index in range(1, 40))
    root = (HOT + "resources:\n  r:\n    type: OS::Heat::Value\n"
            "    properties:\n      value:\n        v0: " + node + "\n"
            + properties)
    found = launch(root, {})
    landed = values.landing(found, children.placements(
        found, "RegionOne", {})).resources[0].properties["value"]
    built = [value for value in landed.values() if isinstance(value, str)]
    assert sum(map(len, built)) <= 1024 * 1024
    assert any(isinstance(value, Unknown) and "in all" in str(value)
               for value in landed.values())
