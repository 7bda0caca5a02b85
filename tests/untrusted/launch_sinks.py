"""A launch whose checks carry the corpus into every note and row of the
Launch form: where a value goes, picker marks, pattern notes, the checks
of what each region holds and the reasons a value is known only at create.

:func:`write_folder` writes a folder of :data:`FOLDERS`: ``main.yaml``
(launched into RegionOne, never created: its Check step is what the tests
read) and its children:

- ``far``: a root parameter passed to a child in RegionOne that declares
  ``glance.image`` and to ``away``, a child in another cloud (a credential
  secret no one holds) whose own children, one per payload, run in
  regions named by the payloads (Heat runs ``away`` in RegionOne there):
  the reach note "Its value goes to …" and the field's help ("It also
  goes to … in another cloud"); each child's name, a payload too, is the
  stack of its checklist rows and its region their region. A region of
  this cloud named by a payload: :func:`unknown_region_template`;
- ``net``: passed to children in RegionTwo and RegionThree that declare
  ``neutron.network``: a picker merging both regions, where the networks
  named by payloads (:data:`NETWORK_NAMES`, made in RegionThree by the
  test) are marked "only in RegionThree";
- ``pat<N>``: a pattern holding a payload, too long to be read here (the
  note "Not checked against the pattern …"); ``must<N>``: the payload as
  the pattern, which the value :data:`REFUSED` does not match ("The value
  must match …", or the note when the pattern is one only Heat reads);
  ``said<N>``: the payload as the constraint's description (the error);
- the child :data:`HOLDER` in RegionThree (itself named by a payload):
  one port per payload, named by it, on the network the payload names
  (none: its row quotes the value); one port per payload network on that
  name and :data:`MISSING` (none: its row names the closest names
  RegionThree holds, the payload networks); one port per payload on a
  network from an undeclared parameter named by the payload ("Known only
  at create: parameter … has no value"), from a key of a parameter named
  by it ("parameter names has no …"), from a function named by it ("it
  uses get_…, known only once the stack runs"); one group of servers per payload
  whose count is the payload ("Known only at create: the count … is not
  a number", the servers' networks rows).

``set.yaml`` (its own folder) carries ``far`` and ``net`` alone, for a
stack set's form (a field per member region, each saying where its value
goes).

The must<N> and said<N> fields default to "" (blank, no check), so one
Check can refuse them and another run the checks (which run only when no
field has an error); Heat's validation of the root then fails on those
defaults, which is no matter here.
"""

import json
import pathlib

from tests.untrusted import corpus

TEXTS = corpus.EVERYTHING
ONE, TWO, THREE = "RegionOne", "RegionTwo", "RegionThree"
#: The value every must<N> and said<N> field gets: no payload matches it,
#: and "[a-z]*" does not.
REFUSED = "!"
#: A pattern longer than the form reads (patterns.MAX_LENGTH is 1,000).
_PAD = "|" + "q" * 1000


def _network_names(limit: int = 250) -> tuple[str, ...]:
    """Every payload in a few network names (at most 250 characters: with
    :data:`MISSING`, a value still compared for closeness). Neutron takes
    at most 255 characters, printable ones of the Basic Multilingual Plane only (no
    control or format character, no emoji) and no space at either end;
    payloads are joined by a space up to that length (fewer networks to
    make)."""
    names, current = [], ""
    for text in TEXTS:
        text = "".join(char if char.isprintable() and char < "\uffff" else " "
                       for char in text).strip()[:limit]
        if current and len(current) + 1 + len(text) > limit:
            names.append(current)
            current = ""
        current = f"{current} {text}" if current else text
    return (*names, current)


#: The names of the networks made in RegionThree, holding every payload.
NETWORK_NAMES = _network_names()
#: What a missing network value adds to its payload: the closest name
#: RegionThree holds is then the payload's own network.
MISSING = "~"
#: The child in RegionThree whose resources the holdings rows name.
HOLDER = corpus.PAYLOADS[10]
#: The credential secret of the children in another cloud: no one's.
NO_SECRET = "00000000-0000-4000-8000-000000000000"


def _child(template: str, context: dict, parameters: dict) -> dict:
    return {"type": "OS::Heat::Stack",
            "properties": {"context": context,
                           "template": {"get_file": template},
                           "parameters": parameters}}


def _reaching() -> tuple[dict, dict]:
    """The parameters ``far`` and ``net`` and the children they go to."""
    parameters = {
        "far": {"type": "string", "label": "far", "default": "far-value"},
        "net": {"type": "string", "label": "net", "default": "public"},
    }
    far = {"image": {"get_param": "far"}}
    net = {"network": {"get_param": "net"}}
    resources = {"near": _child("far.yaml", {"region_name": ONE}, far),
                 "away": _child("away.yaml", {"credential_secret_id": NO_SECRET}, far),
                 "net_two": _child("net.yaml", {"region_name": TWO}, net),
                 "net_three": _child("net.yaml", {"region_name": THREE}, net)}
    return parameters, resources


def main_template() -> dict:
    parameters, resources = _reaching()
    for index, text in enumerate(TEXTS):
        parameters[f"pat{index}"] = {
            "type": "string", "label": f"pat{index}",
            "constraints": [{"allowed_pattern": text + _PAD}]}
        parameters[f"must{index}"] = {
            "type": "string", "label": f"must{index}", "default": "",
            "constraints": [{"allowed_pattern": text}]}
        parameters[f"said{index}"] = {
            "type": "string", "label": f"said{index}", "default": "",
            "constraints": [{"allowed_pattern": "[a-z]*",
                             "description": text}]}
    resources[HOLDER] = _child("holder.yaml", {"region_name": THREE}, {})
    return {"heat_template_version": "2021-04-16",
            "description": "The launch notes and checks, made of payloads.",
            "parameters": parameters, "resources": resources}


def set_template() -> dict:
    """A stack set's template: ``far`` and ``net`` only (each member's
    fields say where its value goes, with its own pickers)."""
    parameters, resources = _reaching()
    return {"heat_template_version": "2021-04-16",
            "parameters": parameters, "resources": resources}


def away_template() -> dict:
    """In the other cloud: a child per payload, in the region it names."""
    image = {"image": {"get_param": "image"}}
    return {"heat_template_version": "2021-04-16",
            "parameters": {"image": {"type": "string"}},
            "resources": {text: _child("far.yaml", {"region_name": text}, image)
                          for text in TEXTS}}


def far_template() -> dict:
    return {"heat_template_version": "2021-04-16",
            "parameters": {"image": {"type": "string", "constraints": [
                {"custom_constraint": "glance.image"}]}},
            "resources": {"none": {"type": "OS::Heat::None"}}}


def net_template() -> dict:
    return {"heat_template_version": "2021-04-16",
            "parameters": {"network": {"type": "string", "constraints": [
                {"custom_constraint": "neutron.network"}]}},
            "resources": {"none": {"type": "OS::Heat::None"}}}


def holder_template() -> dict:
    """The RegionThree child whose resources the holdings rows name."""
    resources = {}
    for index, text in enumerate(TEXTS):
        resources[text] = {"type": "OS::Neutron::Port", "properties": {
            "network": text}}
        resources[f"unknown{index}"] = {"type": "OS::Neutron::Port", "properties": {
            "network": {"get_param": text}}}
        resources[f"unknown_key{index}"] = {"type": "OS::Neutron::Port", "properties": {
            "network": {"get_param": ["names", text]}}}
        resources[f"unknown_function{index}"] = {"type": "OS::Neutron::Port", "properties": {
            "network": {f"get_{text}": "x"}}}
        resources[f"group{index}"] = {"type": "OS::Heat::ResourceGroup", "properties": {
            "count": text, "resource_def": {"type": "OS::Nova::Server", "properties": {
                "flavor": "m1.tiny", "image": "fedora-regionthree"}}}}
    for index, name in enumerate(NETWORK_NAMES):
        resources[f"near{index}"] = {"type": "OS::Neutron::Port", "properties": {
            "network": name + MISSING}}
    return {"heat_template_version": "2021-04-16",
            "parameters": {"names": {"type": "json", "default": {"known": "public"}}},
            "resources": resources}


def unknown_region_template() -> dict:
    """``far`` passed to a child in a region of this cloud named by a
    payload, which the catalog does not hold."""
    return {"heat_template_version": "2021-04-16",
            "parameters": {"far": {"type": "string", "default": "far-value"}},
            "resources": {"there": _child("far.yaml", {"region_name": TEXTS[0]},
                                          {"image": {"get_param": "far"}}),
                          "near": _child("far.yaml", {"region_name": ONE},
                                         {"image": {"get_param": "far"}})}}


#: The folders of the tests: each main template (its only top-level one)
#: with the children it uses.
FOLDERS = {
    "launch_sinks": {"main.yaml": main_template, "far.yaml": far_template,
                     "away.yaml": away_template, "net.yaml": net_template,
                     "holder.yaml": holder_template},
    "launch_sinks_set": {"set.yaml": set_template, "far.yaml": far_template,
                         "away.yaml": away_template, "net.yaml": net_template},
    "launch_sinks_region": {"unknown_region.yaml": unknown_region_template,
                            "far.yaml": far_template},
}


def write_folder(root: pathlib.Path, name: str = "launch_sinks") -> pathlib.Path:
    """The folder ``root/<name>`` of :data:`FOLDERS`."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, make in FOLDERS[name].items():
        (folder / file_name).write_text(json.dumps(make(), indent=1, ensure_ascii=False),
                                        encoding="utf-8")
    return folder


def entered(refused: bool) -> dict[str, str]:
    """What a Check posts: pat<N> a value its note is about; must<N> and
    said<N> one they refuse, or nothing (their default, "": the checks
    run only when no field has an error)."""
    found = {}
    for index in range(len(TEXTS)):
        found.update({f"pat{index}": "value", f"must{index}": REFUSED if refused else "",
                      f"said{index}": REFUSED if refused else ""})
    return found
