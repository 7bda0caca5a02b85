"""A template folder carrying the corpus in every field a template can.

:func:`write_folder` writes ``main.yaml`` (RegionOne) with the payloads as
its description, parameter groups, each parameter's label, description,
default, allowed values and constraint description, resource names and
values, output names, descriptions and values, files with payload names
pulled in by ``get_file``, and a remote child in RegionTwo
(``child.yaml``, itself full of payloads) whose resource fails on purpose,
so that its status reason, its events and its parent's failure carry a
payload back from the cloud. An environment file (with a payload in its
name) sets parameter defaults. A launch of it ends CREATE_FAILED.

Besides: the members of a stack set whose parameters and tags carry
payloads (:func:`set_member_template`, :func:`set_member_tags`), and a
parent whose child, made of :func:`child_template`, fails in another cloud
(:func:`cloud_parent_template`).
"""

import json
import pathlib

from tests.untrusted import corpus

#: Payloads usable as names (Heat refuses "/" in a resource name) and as
#: stack tags (no comma, 80 characters at most).
NAMES = tuple(p for p in corpus.PAYLOADS if "/" not in p)
TAGS = tuple(p for p in NAMES if "," not in p and len(p) <= 80)[:6]
#: Files pulled in with get_file, named by payloads (file names have no "/").
FILE_NAMES = tuple(f"{p}.txt" for p in NAMES[:8])
#: The constrained parameter the tests fill with a value it refuses.
PATTERN_PARAM = "pattern"
PATTERN_MESSAGE = corpus.PAYLOADS[0]


def _parameters() -> dict:
    found = {}
    for index, text in enumerate(corpus.EVERYTHING):
        found[f"p{index}"] = {"type": "string", "label": text,
                              "description": text, "default": text}
    found["choice"] = {"type": "string", "label": "choice",
                       "default": corpus.PAYLOADS[1],
                       "constraints": [{"allowed_values": list(corpus.PAYLOADS),
                                        "description": corpus.PAYLOADS[2]}]}
    found[PATTERN_PARAM] = {
        "type": "string", "default": "abc", "description": corpus.PAYLOADS[3],
        "constraints": [{"allowed_pattern": "[a-z]*",
                         "description": PATTERN_MESSAGE},
                        {"length": {"max": 64},
                         "description": corpus.PAYLOADS[4]}]}
    found["as_json"] = {"type": "json", "default": corpus.numbered("k", corpus.PAYLOADS[:10])}
    found["as_list"] = {"type": "comma_delimited_list",
                        "default": [p for p in corpus.PAYLOADS[:10] if "," not in p]}
    found["hidden"] = {"type": "string", "hidden": True, "default": corpus.PAYLOADS[5]}
    return found


def main_template() -> dict:
    params = _parameters()
    half = len(corpus.PAYLOADS) // 2
    resources = {name: {"type": "OS::Heat::TestResource",
                        "properties": {"value": name}} for name in NAMES}
    resources.update({
        f"file{index}": {"type": "OS::Heat::Value",
                         "properties": {"value": {"get_file": f"files/{name}"}}}
        for index, name in enumerate(FILE_NAMES)})
    resources["remote_child"] = {
        "type": "OS::Heat::Stack",
        "properties": {"context": {"region_name": "RegionTwo"},
                       "template": {"get_file": "child.yaml"},
                       "parameters": {"text": {"get_param": "p0"}}}}
    outputs = {text: {"description": text, "value": text}
               for text in corpus.PAYLOADS}
    outputs["from_resource"] = {"description": corpus.PAYLOADS[6],
                                "value": {"get_attr": [NAMES[0], "output"]}}
    return {
        "heat_template_version": "2021-04-16",
        "description": corpus.joined(),
        "parameter_groups": [
            {"label": corpus.PAYLOADS[i], "description": corpus.PAYLOADS[i + 1],
             "parameters": [f"p{j}" for j in range(i, min(i + 8, len(corpus.EVERYTHING)))]}
            for i in range(0, half, 8)],
        "parameters": params,
        "resources": resources,
        "outputs": outputs,
    }


def child_template() -> dict:
    return {
        "heat_template_version": "2021-04-16",
        "description": corpus.joined(corpus.PAYLOADS[10:30]),
        "parameters": {"text": {"type": "string", "label": corpus.PAYLOADS[7],
                                "description": corpus.PAYLOADS[8]}},
        "resources": {
            NAMES[1]: {"type": "OS::Heat::TestResource",
                       "properties": {"value": {"get_param": "text"}, "fail": True}},
            NAMES[2]: {"type": "OS::Heat::TestResource",
                       "properties": {"value": corpus.PAYLOADS[9]}},
        },
        "outputs": {corpus.PAYLOADS[10]: {"description": corpus.PAYLOADS[11],
                                          "value": {"get_param": "text"}}},
    }


ENVIRONMENT_NAME = f"{NAMES[3]}.env.yaml"


def environment() -> dict:
    return {"parameter_defaults": {f"p{i}": corpus.EVERYTHING[-1 - i] for i in range(5)}}


def _write(path: pathlib.Path, content) -> None:
    text = content if isinstance(content, str) else json.dumps(
        content, indent=1, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")


def write_folder(root: pathlib.Path) -> pathlib.Path:
    """The folder (``root/untrusted``) and the environment file beside it."""
    folder = root / "untrusted"
    (folder / "files").mkdir(parents=True, exist_ok=True)
    _write(folder / "main.yaml", main_template())
    _write(folder / "child.yaml", child_template())
    for index, name in enumerate(FILE_NAMES):
        _write(folder / "files" / name, corpus.PAYLOADS[-1 - index])
    _write(root / ENVIRONMENT_NAME, environment())
    return folder


# --- A stack set made of payloads (docs/stack_sets.md's tag scheme) --------

#: A region named by a payload in a member's ``mrd-set-in`` tag (a tag holds
#: 80 characters: the prefix leaves 69).
SET_REGION = next(p for p in TAGS[2:] if len(p) <= 69)
#: A set name no set can have (markup): a stack tagged with it is no member.
BAD_SET_NAME = TAGS[3]


def set_member_template() -> dict:
    """A light member whose parameters' labels, descriptions and values
    (given at create) are payloads."""
    return {
        "heat_template_version": "2021-04-16",
        "description": corpus.joined(corpus.PAYLOADS[:10]),
        "parameters": {f"v{i}": {"type": "string", "label": text, "description": text}
                       for i, text in enumerate(NAMES[:6])},
        "resources": {"none": {"type": "OS::Heat::None"}},
        "outputs": {NAMES[6]: {"value": {"get_param": "v0"}}},
    }


def set_member_values() -> dict:
    return {f"v{i}": text for i, text in enumerate(NAMES[:6])}


def set_member_tags(name: str, set_id: str, regions) -> str:
    """The stack's own payload tags, then a set's tags: a parameters
    digest no member has (its parameters read as changed outside the
    set) and a payload among its regions."""
    return ",".join([*TAGS[:3], f"mrd-set={name}", f"mrd-set-id={set_id}", "mrd-set-rev=1",
                     "mrd-set-tpl=" + "0" * 16, "mrd-set-par=" + "f" * 16,
                     *(f"mrd-set-in={region}" for region in (*regions, SET_REGION))])


# --- A stack in another cloud, made of payloads ----------------------------

#: The parent's OS::Heat::Stack resource (part of the child's page's URL):
#: not a payload, since Heat names the child after it and refuses markup in
#: a stack's name. A URL naming a payload resource is tried on its own.
CLOUD_RESOURCE = "remote_payloads"
#: An output of the parent's local child that feeds the other cloud's
#: child's parameter (the Outputs tab's "feeds" line), and its value.
FEED_OUTPUT, FEED_VALUE = NAMES[7], corpus.PAYLOADS[12]


def cloud_parent_template() -> dict:
    """A parent with a local child whose output (a payload) feeds the
    parameter of :func:`child_template` (failing on purpose) in the cloud of
    the credential secret ``credential``."""
    feeder = {"heat_template_version": "2021-04-16",
              "resources": {"none": {"type": "OS::Heat::None"}},
              "outputs": {FEED_OUTPUT: {"description": corpus.PAYLOADS[14],
                                        "value": FEED_VALUE}}}
    return {
        "heat_template_version": "2021-04-16",
        "description": corpus.joined(corpus.PAYLOADS[30:40]),
        "parameters": {"credential": {"type": "string"}},
        "resources": {
            "feeder": {"type": "OS::Heat::Stack",
                       "properties": {"template": json.dumps(feeder)}},
            CLOUD_RESOURCE: {
                "type": "OS::Heat::Stack",
                "properties": {
                    "context": {"credential_secret_id": {"get_param": "credential"}},
                    "template": {"get_file": "child.yaml"},
                    "parameters": {"text": {"get_attr": ["feeder", "outputs", FEED_OUTPUT]}}}}},
    }
