"""Which resources of a template feed which others: the edges between
stacks.

A resource that takes an attribute (``get_attr``) or the id
(``get_resource``) of another in the parameters it passes to a stack of its
own (or, for a provider template, in its properties) is fed by it. HOT and
CloudFormation spellings are both read.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mr_dashboard.hot import parse
from mr_dashboard.hot.context import STACK_TYPES

_PROPERTIES = ("properties", "Properties")
_PARAMETERS = ("parameters", "Parameters")
_GET_ATTR = ("get_attr", "Fn::GetAtt")
_GET_RESOURCE = ("get_resource", "Ref")


@dataclass(frozen=True)
class Feed:
    """Resource ``source`` feeds ``parameters`` of resource ``target``."""

    source: str
    target: str
    parameters: tuple[str, ...]


def _first(mapping: dict, keys: tuple[str, ...]) -> Any:
    for key in keys:
        if key in mapping:
            return mapping[key]
    return None


def _referenced(value: Any, names: set[str]) -> Iterator[str]:
    """Resources of ``names`` that ``value`` takes attributes or ids of."""
    if isinstance(value, list):
        for item in value:
            yield from _referenced(item, names)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in _GET_ATTR and isinstance(item, list) and item:
                target = item[0]
            elif key in _GET_RESOURCE and isinstance(item, str):
                target = item
            else:
                yield from _referenced(item, names)
                continue
            if target in names:
                yield target


def _inputs(body: dict) -> dict[str, Any]:
    """A resource's inputs: the parameters it passes to a stack of its
    own, else its properties (a provider template's parameters)."""
    properties = _first(body, _PROPERTIES)
    if not isinstance(properties, dict):
        return {}
    parameters = _first(properties, _PARAMETERS)
    kind = body.get("type", body.get("Type"))
    if kind in STACK_TYPES and isinstance(parameters, dict):
        return parameters
    return properties


def feeds(template: dict | None) -> list[Feed]:
    """Which resources feed the inputs of which other resources."""
    resources = parse.resources_of(template or {})
    names = set(resources)
    found = []
    for target, body in sorted(resources.items()):
        by_source: dict[str, set[str]] = {}
        for parameter, value in _inputs(body).items():
            for source in _referenced(value, names - {target}):
                by_source.setdefault(source, set()).add(parameter)
        found += [Feed(source, target, tuple(sorted(params)))
                  for source, params in sorted(by_source.items())]
    return found


@dataclass(frozen=True)
class OutputFeed:
    """Output ``output`` of the stack of resource ``source`` feeds
    parameter ``parameter`` of the stack of resource ``target``."""

    source: str
    output: str
    target: str
    parameter: str


def _outputs_taken(value: Any, stacks: dict[str, Any]) -> Iterator[tuple]:
    """``(resource, output)`` of every stack output ``value`` takes:
    ``get_attr: [res, outputs, key]`` of any stack resource, or
    ``get_attr: [res, key]`` of a provider template's resource."""
    if isinstance(value, list):
        for item in value:
            yield from _outputs_taken(item, stacks)
    elif isinstance(value, dict):
        for key, item in value.items():
            if (key in _GET_ATTR and isinstance(item, list)
                    and len(item) > 1 and item[0] in stacks):
                if item[1] == "outputs" and len(item) > 2:
                    yield item[0], str(item[2])
                elif stacks[item[0]] not in STACK_TYPES:
                    yield item[0], str(item[1])
            else:
                yield from _outputs_taken(item, stacks)


def output_feeds(template: dict | None) -> list[OutputFeed]:
    """Which outputs of which child stacks feed which parameters of the
    template's other child stacks (a child: an OS::Heat::Stack, a
    nested stack or a provider template)."""
    resources = parse.resources_of(template or {})
    kinds = {name: body.get("type", body.get("Type"))
             for name, body in resources.items() if isinstance(body, dict)}
    found = []
    for target, body in sorted(resources.items()):
        if not isinstance(body, dict):
            continue
        for parameter, value in sorted(_inputs(body).items()):
            others = {name: kind for name, kind in kinds.items()
                      if name != target}
            found += [OutputFeed(source, output, target, parameter)
                      for source, output in _outputs_taken(value, others)]
    return found
