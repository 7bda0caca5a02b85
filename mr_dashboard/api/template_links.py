"""What a stack's template says about the stacks it starts elsewhere.

Heat's listings do not tell where the child of an ``OS::Heat::Stack`` lives;
its template does: ``context.region_name`` (often a ``get_param``, resolved
here against the stack's parameters) and ``context.credential_secret_id``
for a child in another cloud. The template also tells which resources feed
a stack's parameters (``get_attr``, ``get_resource``): the edges between
stacks. HOT and CloudFormation spellings are both read; anything this module
cannot resolve is reported as unknown, never guessed.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

REMOTE_STACK = "OS::Heat::Stack"
#: Resource types whose ``parameters`` property feeds a stack of their own.
STACK_TYPES = (REMOTE_STACK, "AWS::CloudFormation::Stack")

_RESOURCES = ("resources", "Resources")
_TYPE = ("type", "Type")
_PROPERTIES = ("properties", "Properties")
_PARAMETERS = ("parameters", "Parameters")
_GET_PARAM = ("get_param", "Ref")
_GET_ATTR = ("get_attr", "Fn::GetAtt")
_GET_RESOURCE = ("get_resource", "Ref")


@dataclass(frozen=True)
class RemoteSpec:
    """Where an OS::Heat::Stack resource puts its child.

    ``region`` is None when the template does not say it plainly. With a
    ``secret`` the child lives in another cloud reached with the credentials
    that Barbican secret holds.
    """

    resource: str
    region: str | None
    secret: str | None = None


@dataclass(frozen=True)
class Feed:
    """Resource ``source`` feeds ``parameters`` of resource ``target``."""

    source: str
    target: str
    parameters: tuple[str, ...]


def _first(mapping: dict, keys: tuple[str, ...], default: Any = None) -> Any:
    for key in keys:
        if key in mapping:
            return mapping[key]
    return default


def _resources(template: dict | None) -> dict[str, dict]:
    resources = _first(template or {}, _RESOURCES) or {}
    return {name: body for name, body in resources.items()
            if isinstance(body, dict)}


def resolve(value: Any, parameters: dict[str, Any]) -> str | None:
    """``value`` as plain text: a string, or a ``get_param`` of a string
    parameter, maybe through a path of keys. None for anything else."""
    if isinstance(value, str):
        return value
    if not (isinstance(value, dict) and len(value) == 1):
        return None
    path = _first(value, _GET_PARAM)
    path = [path] if isinstance(path, str) else path
    if not path or not isinstance(path, list):
        return None
    found: Any = parameters
    for key in path:
        try:
            found = found[key]
        except (KeyError, IndexError, TypeError):
            return None
    return found if isinstance(found, str) else None


def remote_specs(template: dict | None, parameters: dict[str, Any],
                 own_region: str) -> dict[str, RemoteSpec]:
    """The OS::Heat::Stack resources of ``template``, by name.

    A child without a ``context.region_name`` lives in ``own_region``.
    """
    specs = {}
    for name, body in _resources(template).items():
        if _first(body, _TYPE) != REMOTE_STACK:
            continue
        context = (_first(body, _PROPERTIES) or {}).get("context") or {}
        secret = context.get("credential_secret_id")
        if secret:
            # Heat then ignores region_name: the child is in the region of
            # the same name in the other cloud.
            secret_id = resolve(secret, parameters)
            specs[name] = RemoteSpec(name, own_region if secret_id else None,
                                     secret_id)
        elif "region_name" in context:
            specs[name] = RemoteSpec(
                name, resolve(context["region_name"], parameters))
        else:
            specs[name] = RemoteSpec(name, own_region)
    return specs


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
    if _first(body, _TYPE) in STACK_TYPES and isinstance(parameters, dict):
        return parameters
    return properties


def feeds(template: dict | None) -> list[Feed]:
    """Which resources feed the inputs of which other resources."""
    resources = _resources(template)
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
