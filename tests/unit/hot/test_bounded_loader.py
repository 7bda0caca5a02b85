"""Tests of mr_dashboard.hot.parse.load against hostile YAML and JSON:
every class is refused with its message, and the largest documents the
limits let through are read, each in a forked child with limits (see
archive_cases.run_limited: a crash of libyaml fails the test instead of
killing pytest), within the budget; legitimate templates with a few merge
keys and aliases still read as Heat reads them.

``python -m tests.unit.hot.test_bounded_loader`` (from the repository, the
dashboard venv's python) prints, per class, the document's bytes, the CPU
and wall-clock time to the answer and the RSS growth of a fresh interpreter
reading it: the table of docs/security.md, "Bounded parsing".
"""

import json
import os
import subprocess
import sys

import pytest

from mr_dashboard import conf
from mr_dashboard.hot import parse
from mr_dashboard.hot.parse import TemplateError
from tests.unit.hot import archive_cases as cases
from tests.unit.hot import loader_budget as budget

#: The default TEMPLATE_MAX_BYTES: every document below is at most this.
LIMIT = conf.DEFAULTS["TEMPLATE_MAX_BYTES"]


def filled(head: str, item: str, tail: str = "", size: int = LIMIT) -> str:
    """``head``, as many ``item`` as fit in ``size`` bytes, ``tail``."""
    return head + item * ((size - len(head) - len(tail)) // len(item)) + tail


def merge_chain(levels: int) -> str:
    """Each mapping merges the one before twice (issue 19's 728 bytes
    were 24 levels: 30 s and 290 MB before this loader)."""
    return "a0: &a0 {x: 1}\n" + "".join(
        f"a{n}: &a{n} {{<<: [*a{n - 1}, *a{n - 1}]}}\n"
        for n in range(1, levels + 1))


def laughs(levels: int) -> str:
    """A "billion laughs": each list holds the one before nine times."""
    return "l0: &l0 lol\n" + "".join(
        f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n"
        for n in range(1, levels + 1))


def small_keys() -> str:
    """As many ``kN: N`` lines as fit (39,036: 78,073 values)."""
    lines, size = [], 0
    while size + len(line := f"k{len(lines)}: {len(lines)}\n") <= LIMIT:
        lines.append(line)
        size += len(line)
    return "".join(lines)


DEEP = "nested too deeply: deeper than 100 levels"
VALUES = "more than 80000 values (merge keys and YAML aliases expanded)"
#: name: (document, what the refusal says)
HOSTILE = {
    "deep block sequences": (lambda: filled("", "- ", "v"), DEEP),
    "deep block sequences, 40,000 levels": (lambda: "- " * 40_000 + "v",
                                            DEEP),
    "deep block mappings": (
        lambda: "".join(" " * n + "a:\n" for n in range(1000)), DEEP),
    "deep flow sequences": (lambda: "[" * (LIMIT // 2) + "]" * (LIMIT // 2),
                            DEEP),
    "deep flow mappings": (lambda: filled("", "{a: ", "}"), DEEP),
    "deep flow, 100 levels filled": (
        lambda: filled("[" * 100, "1,", "]" * 100), VALUES),
    "merge-key chain": (lambda: merge_chain(30), VALUES),
    "billion laughs": (lambda: laughs(9), VALUES),
    "an alias of a long text, many times": (
        lambda: "s: &s " + "x" * 300_000 + "\nmany: [" + "*s, " * 4 + "]\n",
        "1048576 characters of text once its YAML aliases are expanded"),
    "many aliases": (lambda: filled("a: &a x\nb: [", "*a, ", "]\n"),
                     "more than 10000 YAML aliases"),
    "an alias inside its own node": (lambda: "a: &a [1, [*a]]\n",
                                     "alias a is inside the node it names"),
    "many small values": (lambda: filled("- [", "1,", "]"), VALUES),
    "many documents": (lambda: filled("", "---\n"),
                       "line 2, column 1: The file holds more than one"),
    "a long base-60 number": (lambda: filled("a: 1", ":1"),
                              "longer than 1000 characters"),
    "a long hexadecimal number": (lambda: "a: 0x" + "f" * 5000,
                                  "longer than 1000 characters"),
    "a float too large for Python": (
        lambda: "a: !!float " + ":".join(["59"] * 200) + ".5",
        "is a number too large"),
    "binary data": (lambda: "a: !!binary aGVsbG8=\n",
                    "the YAML type !!binary is not one"),
    "deep JSON": (lambda: '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}",
                  DEEP),
    "deep JSON, objects": (lambda: filled("", '{"a":', "1"), DEEP),
    "JSON, many values": (lambda: filled('{"a": [', "1,", "1]}"), VALUES),
    "JSON, a long number": (lambda: '{"a": ' + "1" * 5000 + "}",
                            "longer than 1000 characters"),
    "JSON, an unterminated string of escapes": (
        lambda: filled('{"a": "', '\\"'), "Unterminated string"),
}

#: name: the largest document of its class the limits let through.
AT_THE_LIMIT = {
    "flow, 100 levels, 79,890 values": (
        lambda: "[" * 100 + "1," * 79_890 + "]" * 100),
    "block, 79,999 values": lambda: "- 1\n" * 79_999,
    "many small keys": small_keys,
    "merge-key chain, 12 levels": lambda: merge_chain(12),
    "billion laughs, 5 levels": lambda: laughs(5),
    "10,000 aliases of a list of 6": (
        lambda: "a: &a [" + ", ".join("x" * 6) + "]\nb: ["
        + "*a, " * 10_000 + "]\n"),
    "one huge plain scalar": lambda: filled("a: ", "x"),
    "one huge quoted scalar of escapes": lambda: filled('a: "', "\\x41", '"'),
    "one huge key": lambda: filled("? ", "k", "\n: v\n"),
    "long keys": lambda: filled("", "? " + "k" * 1000 + "\n: v\n"),
    "JSON, 79,000 values": lambda: '{"a": [' + "1," * 79_000 + "1]}",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_documents_are_refused_within_budget(name):
    build, message = HOSTILE[name]
    text = build()
    assert len(text.encode()) <= LIMIT

    outcome = budget.run_untraced(text)

    assert (outcome.kind, message in str(outcome.value)) == (
        "refused", True), outcome
    budget.assert_within_budget(outcome)


@pytest.mark.parametrize("name", AT_THE_LIMIT)
def test_the_largest_documents_within_the_limits_are_read_within_budget(name):
    text = AT_THE_LIMIT[name]()
    assert len(text.encode()) <= LIMIT

    outcome = budget.run_untraced(text)

    assert outcome.kind == "returned", outcome
    budget.assert_within_budget(outcome)


def test_a_million_levels_are_refused_as_soon_as_seen(settings):
    settings.MR_DASHBOARD = {"TEMPLATE_MAX_BYTES": 10 * LIMIT}
    for text in ("- " * 1_000_000 + "v", "[" * 1_000_000,
                 "{a: " * 1_000_000 + "v"):
        outcome = budget.run_untraced(text)
        assert (outcome.kind, DEEP in str(outcome.value)) == (
            "refused", True), outcome
        assert outcome.cpu_seconds < 0.1, outcome


def test_templates_with_a_few_merge_keys_and_aliases_read_as_heat_reads_them():
    text = """heat_template_version: 2021-04-16
parameters:
  flavor: &flavor {type: string, default: m1.small}
  other_flavor: *flavor
resources:
  base: &server
    type: OS::Nova::Server
    properties: &props {flavor: {get_param: flavor}, image: cirros}
  second:
    <<: *server
    properties:
      <<: [*props, {networks: [{network: private}]}]
      image: fedora
"""
    template = parse.parse_template(text, "t.yaml")

    assert template["parameters"]["other_flavor"] == {"type": "string",
                                                      "default": "m1.small"}
    assert template["resources"]["second"] == {
        "type": "OS::Nova::Server",
        "properties": {"flavor": {"get_param": "flavor"}, "image": "fedora",
                       "networks": [{"network": "private"}]}}


@pytest.mark.parametrize("text, expected", [
    ("a: 0x1f\nb: 1:30\nc: 1_000\nd: 2021-04-16\ne: !!str 1.0\n",
     {"a": 31, "b": 90, "c": 1000, "d": "2021-04-16", "e": "1.0"}),
    ("a: " + "9" * 1000 + "\n", {"a": int("9" * 1000)}),
    ('{"a": [' + ", ".join(["[1]"] * 50) + "]}", {"a": [[1]] * 50}),
    ("- " * 99 + "v\n", json.loads("[" * 99 + '"v"' + "]" * 99)),
    ("---\na: 1\n...\n", {"a": 1}),
])
def test_what_heat_reads_is_still_read(text, expected):
    assert parse.load(text, "t.yaml") == expected


@pytest.mark.parametrize("text, message", [
    ("a: !!int abc\n", "not of the type its YAML tag says"),
    ("a: !!bool maybe\n", "not of the type its YAML tag says"),
    ("a: !!set {x, y}\n", "the YAML type !!set is not one"),
    ("a: *missing\n", "line 1, column 4: found undefined alias"),
    ("a: !!python/object:os.system x\n", "could not determine a constructor"),
])
def test_values_heat_could_not_take_are_refused(text, message):
    with pytest.raises(TemplateError, match=message):
        parse.load(text, "t.yaml")


def test_the_text_limit_follows_the_launch_total(settings):
    settings.MR_DASHBOARD = {"TEMPLATE_MAX_TOTAL_BYTES": 100}
    assert parse.load("a: &a " + "x" * 40 + "\nb: *a\n", "t.yaml")
    with pytest.raises(TemplateError, match="more than 100 characters"):
        parse.load("a: &a " + "x" * 40 + "\nb: [*a, *a]\n", "t.yaml")


def _measure_one(name: str) -> None:
    """Reads the document of class ``name`` in this (fresh) interpreter,
    untraced, and prints its row."""
    import django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    django.setup()
    build = {**{key: value[0] for key, value in HOSTILE.items()},
             **AT_THE_LIMIT}[name]
    text = build()
    budget.load_and_write("heat_template_version: 2021-04-16\n")  # imports done
    outcome = cases._child(lambda: budget.load_and_write(text), 1 << 30, 60,
                           trace=False)
    answer = "read" if outcome.kind == "returned" else outcome.value
    print(f"| {name} | {len(text.encode()):,} | "
          f"{outcome.cpu_seconds:.3f} s | "
          f"{outcome.seconds:.3f} s | {outcome.rss_growth / cases.MiB:.1f} "
          f"MiB | {answer} |", flush=True)


def _measure() -> None:
    """Prints the table of docs/security.md: per class the bytes, the CPU
    and wall-clock time to the answer and the RSS growth of a fresh
    interpreter reading it."""
    print("| class | bytes | CPU | wall clock | RSS growth | answer |")
    print("|---|---:|---:|---:|---:|---|", flush=True)
    for name in [*HOSTILE, *AT_THE_LIMIT]:
        subprocess.run([sys.executable, "-m",
                        "tests.unit.hot.test_bounded_loader", name],
                       check=True)


if __name__ == "__main__":
    _measure_one(sys.argv[1]) if len(sys.argv) > 1 else _measure()
