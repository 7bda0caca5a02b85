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
