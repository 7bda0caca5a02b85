"""The demo's answers recorded for the drift tests (data/): the drift
test's tree (tests/functional/templates/drift/) after the changes of
tests/functional/test_drift.py (the server renamed and its metadata
changed, the spare port deleted, a rule added to the group) and its
child network's admin state set down, all outside Heat.

``root.json`` (RegionOne) and ``child.json`` (RegionTwo) each hold Heat's
template, parameters (stack show) and resource list of the stack, and for
each resource of a kind compared what its read answered (null: gone).
"""

import copy
import json
import pathlib

from mr_dashboard.api import heat
from mr_dashboard.api.drift.expected import stack_properties

DATA = pathlib.Path(__file__).parent / "data"


def stack(name: str) -> dict:
    """The recorded answers of ``root`` or ``child``, a fresh copy."""
    return json.loads((DATA / f"{name}.json").read_text())


def resources(data: dict) -> list[heat.Resource]:
    return [heat.Resource.from_heat(data["region"], info)
            for info in data["resources"]]


def properties(data: dict) -> dict[str, dict]:
    """Each resource's properties as detection resolves them."""
    return stack_properties(data["template"], data["parameters"],
                            resources(data))


def answers(data: dict, name: str) -> dict:
    return copy.deepcopy(data["answers"][name])


def physical(data: dict, name: str) -> str:
    return next(info["physical_resource_id"] for info in data["resources"]
                if info["resource_name"] == name)
