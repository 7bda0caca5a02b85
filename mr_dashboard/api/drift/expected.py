"""The properties a stack's template gives each of its resources, resolved
as far as they can be from what Heat keeps.

Heat's resource ``show`` does not give a resource's properties, so they are
resolved here from the stack's template and parameters (Heat's stack
``show``), with :func:`mr_dashboard.hot.values.settle`, the one resolver of
the plugin: ``get_param``, ``str_replace``, ``list_join``... A
``get_resource`` becomes the physical id of that resource in the stack's
resource list (what Heat resolves it to); a ``get_attr`` of a resource of
the stack the value Heat gives of that attribute now (its resource
``show`` with the attribute), as Heat's update resolves it. What stays
unknown (an attribute Heat did not give, a ``get_file``, a hidden
parameter, a function not known here) is an
:class:`~mr_dashboard.hot.values.Unknown`: not compared.

Heat's stack ``show`` gives every parameter as text; each is turned back
into its declared type (number, list, JSON, boolean) first.
"""

import json
from typing import Any

from django.utils.translation import gettext as _
from oslo_utils import strutils

from mr_dashboard.api import heat
from mr_dashboard.hot import params
from mr_dashboard.hot import parse
from mr_dashboard.hot import values
from mr_dashboard.hot import walks
from mr_dashboard.hot.children import declared

#: What Heat's stack show gives for a hidden parameter.
HIDDEN = "******"
_REFERENCES = ("get_resource", "Ref")


def typed(spec: dict, value: Any) -> Any:
    """A parameter's value from Heat's text, in the type its ``spec``
    declares; a hidden one is unknown."""
    if spec.get("hidden", spec.get("NoEcho")) and value == HIDDEN:
        return values.Unknown(_("it uses a hidden parameter"))
    if not isinstance(value, str):
        return value
    kind = str(spec.get("type", spec.get("Type", "string"))).lower()
    try:
        if kind == "number":
            return params.number(value)
        if kind in ("comma_delimited_list", "commadelimitedlist"):
            return params.as_list(value)
        if kind == "json":
            return json.loads(value) if value.strip() else {}
        if kind == "boolean":
            return strutils.bool_from_string(value, strict=True)
    except ValueError:
        return values.Unknown(_("Heat gives its parameter %(value)s, not "
                                "a %(kind)s") % {"value": value[:80],
                                                 "kind": kind})
    return value


def scope_of(template: dict, parameters: dict[str, Any]) -> dict[str, Any]:
    """The stack's parameters (Heat's ``OS::`` ones too), typed."""
    specs = declared(template)
    return {name: typed(specs.get(name, {}), value)
            for name, value in parameters.items()}


def _attribute_path(args: Any) -> tuple[str, str, list] | None:
    """``(resource, attribute, path)`` of a ``get_attr`` written with plain
    names (a path of keys and indexes may follow), else None."""
    if (isinstance(args, list) and len(args) >= 2
            and all(isinstance(part, str) for part in args[:2])
            and all(isinstance(part, (str, int)) for part in args[2:])):
        return args[0], args[1], args[2:]
    return None


def attribute_references(bodies: list[dict]) -> dict[str, set[str]]:
    """The attributes of other resources that the properties of
    ``bodies`` (resource definitions) read, by resource."""
    found: dict[str, set[str]] = {}

    def visit(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                visit(item)
        elif isinstance(value, dict):
            path = (_attribute_path(value["get_attr"])
                    if len(value) == 1 and "get_attr" in value else None)
            if path is not None:
                found.setdefault(path[0], set()).add(path[1])
            for item in value.values():
                visit(item)

    for body in bodies:
        visit(body.get("properties", body.get("Properties")))
    return found


#: Functions resolved without the stack's parameters (from its resource
#: list and the attributes Heat gives).
_WITHOUT_PARAMETERS = ("get_resource", "get_attr")


def reads_parameters(bodies: list[dict]) -> bool:
    """Whether resolving the properties of ``bodies`` may need the stack's
    parameters: they hold a mapping of one key (a function, or perhaps
    one) other than a ``get_resource`` or ``get_attr``. Plain data of one
    key counts too: reading the parameters when not needed costs one
    call, leaving them out when needed would guess."""
    def needs(value: Any) -> bool:
        if isinstance(value, list):
            return any(needs(item) for item in value)
        if not isinstance(value, dict):
            return False
        if len(value) == 1 and next(iter(value)) not in _WITHOUT_PARAMETERS:
            return True
        return any(needs(item) for item in value.values())

    return any(needs(body.get("properties", body.get("Properties")))
               for body in bodies)


def _attribute(args: Any, attributes: dict[str, dict]) -> Any:
    """The value a ``get_attr`` reads from ``attributes`` (Heat's current
    values, by resource), or None when it is not there."""
    path = _attribute_path(args)
    if path is None:
        return None
    name, attribute, keys = path
    value = attributes.get(name, {}).get(attribute)
    for key in keys:
        try:
            value = value[int(key) if isinstance(value, list) else key]
        except (LookupError, TypeError, ValueError):
            return None
    return value


def _made(value: Any, physical: dict[str, str],
          attributes: dict[str, dict]) -> Any:
    """``value`` with each reference to a resource of the stack that has
    an object replaced by that object's id, and each ``get_attr`` whose
    value Heat gave replaced by that value."""
    if isinstance(value, list):
        return [_made(item, physical, attributes) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        (function, args), = value.items()
        if function in _REFERENCES and isinstance(args, str) \
                and physical.get(args):
            return physical[args]
        if function == "get_attr":
            found = _attribute(args, attributes)
            if found is not None:
                return found
    return {key: _made(item, physical, attributes)
            for key, item in value.items()}


def external(template: dict) -> set[str]:
    """The resources of ``template`` given an ``external_id``: Heat finds
    their objects and never updates them."""
    return {name for name, body in parse.resources_of(template).items()
            if "external_id" in body}


def stack_properties(template: dict, parameters: dict[str, Any],
                     resources: list[heat.Resource],
                     attributes: dict[str, dict] | None = None
                     ) -> dict[str, dict]:
    """Each resource's properties by name, resolved (see the module
    doc); ``resources`` is the stack's own resource list, ``attributes``
    the attributes Heat gave of some of them (what their ``get_attr``
    read), by resource."""
    scope = scope_of(template, parameters)
    physical = {res.name: res.physical_id for res in resources}
    found = {}
    with walks.bounded():
        for name, body in parse.resources_of(template).items():
            properties = body.get("properties", body.get("Properties"))
            if not isinstance(properties, dict):
                properties = {}
            settled = values.settle(
                _made(properties, physical, attributes or {}), scope, {})
            found[name] = settled if isinstance(settled, dict) else {}
    return found
