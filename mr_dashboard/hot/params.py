"""A template's parameters.

:func:`groups_of` reads a HOT or CFN parameters section (every Heat type;
unknown types are refused), takes defaults from the environment and orders
the parameters by ``parameter_groups``; their constraints are checked when
read. :func:`to_heat` turns a form's cleaned value back into what Heat
accepts. The form field of a parameter is built beside the forms that use
it (:mod:`mr_dashboard.panels.shared.param_fields`).
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from mr_dashboard.hot import patterns
from mr_dashboard.hot.children import declared
from mr_dashboard.hot.parse import TemplateError

FIELD_PREFIX = "param__"
TYPES = ("string", "number", "comma_delimited_list", "json", "boolean")
_CFN_TYPES = {"String": "string", "Number": "number", "Json": "json",
              "CommaDelimitedList": "comma_delimited_list",
              "Boolean": "boolean"}
TRUE = ("true", "yes", "on", "1", "t", "y")

#: Lists the values of a custom constraint, or None if it cannot.
ChoicesFor = Callable[[str], list[tuple[str, str]] | None]


@dataclass(frozen=True)
class Parameter:
    """One parameter of a template, normalised to HOT's shape."""

    name: str
    type: str
    label: str
    description: str = ""
    default: Any = None
    has_default: bool = False
    hidden: bool = False
    immutable: bool = False
    constraints: tuple = ()

    @property
    def field_name(self) -> str:
        return FIELD_PREFIX + self.name


@dataclass(frozen=True)
class Group:
    """Parameters shown together, as ``parameter_groups`` asks."""

    label: str
    description: str
    parameters: tuple[Parameter, ...]


def custom_constraint(spec: dict) -> str | None:
    """The first ``custom_constraint`` of a parameter's spec, or None."""
    for constraint in spec.get("constraints") or ():
        if isinstance(constraint, dict) and "custom_constraint" in constraint:
            return str(constraint["custom_constraint"])
    return None


def _cfn_constraints(spec: dict) -> list[dict]:
    message = {"description": spec["ConstraintDescription"]} if (
        "ConstraintDescription" in spec) else {}
    found = []
    if "AllowedValues" in spec:
        found.append({"allowed_values": spec["AllowedValues"], **message})
    if "AllowedPattern" in spec:
        found.append({"allowed_pattern": spec["AllowedPattern"], **message})
    for kind, low, high in (("length", "MinLength", "MaxLength"),
                            ("range", "MinValue", "MaxValue")):
        bounds = {key: spec[name] for key, name in (("min", low),
                                                    ("max", high))
                  if name in spec}
        if bounds:
            found.append({kind: bounds, **message})
    return found


def _checked(name: str, constraints: list[dict]) -> tuple[dict, ...]:
    """``constraints``, or a TemplateError naming the first malformed one
    (bounds that are not numbers, a pattern that is not a regex, allowed
    values that are not a list), which would otherwise fail in the form."""
    for constraint in constraints:
        try:
            for kind in ("range", "length", "modulo"):
                for bound in (constraint[kind] or {}).values() if (
                        kind in constraint) else ():
                    number(bound)
            if "modulo" in constraint and not number(
                    constraint["modulo"].get("step", 1)):
                raise ValueError(0)
            if "allowed_pattern" in constraint:
                pattern = constraint["allowed_pattern"]
                if not isinstance(pattern, str):
                    raise TypeError(pattern)
                patterns.check_syntax(pattern)
            if not isinstance(constraint.get("allowed_values", []), list):
                raise TypeError(constraint["allowed_values"])
        except (AttributeError, TypeError, ValueError, re.error,
                RecursionError):  # parentheses nested thousands deep
            raise TemplateError(_("Parameter %(name)s has a malformed "
                                  "constraint: %(constraint)s")
                                % {"name": name,
                                   "constraint": json.dumps(constraint)[:200]}
                                ) from None
    return tuple(constraints)


def parameter(name: str, spec: dict, defaults: dict) -> Parameter:
    """Normalise one parameter; a TemplateError for an unknown type."""
    cfn = "Type" in spec
    kind = _CFN_TYPES.get(spec.get("Type")) if cfn else spec.get("type")
    if kind not in TYPES:
        raise TemplateError(_("Parameter %(name)s has the unknown type "
                              "%(type)s.") % {"name": name, "type": spec.get(
                                  "Type" if cfn else "type")})
    has_default = name in defaults or ("Default" if cfn else "default") in spec
    default = defaults.get(name, spec.get("Default" if cfn else "default"))
    hidden = str(spec.get("NoEcho" if cfn else "hidden", "")).lower()
    return Parameter(
        name=name, type=kind, label=spec.get("label") or name,
        description=spec.get("Description" if cfn else "description") or "",
        default=default, has_default=has_default, hidden=hidden in TRUE,
        immutable=bool(spec.get("immutable")),
        constraints=_checked(name, _cfn_constraints(spec) if cfn else
                             [c for c in spec.get("constraints") or ()
                              if isinstance(c, dict)]))


def groups_of(template: dict, environment: dict | None = None
              ) -> list[Group]:
    """The template's parameters, grouped and ordered for the form."""
    environment = environment or {}
    defaults = {**(environment.get("parameter_defaults") or {}),
                **(environment.get("parameters") or {})}
    params = {name: parameter(name, spec, defaults)
              for name, spec in declared(template).items()}
    groups, placed = [], set()
    for group in template.get("parameter_groups") or ():
        members = tuple(params[name] for name in group.get("parameters", ())
                        if name in params and name not in placed)
        placed.update(param.name for param in members)
        if members:
            groups.append(Group(group.get("label") or "",
                                group.get("description") or "", members))
    rest = tuple(param for name, param in params.items()
                 if name not in placed)
    if rest:
        groups.append(Group("", "", rest))
    return groups


def number(value: Any) -> int | float:
    text = str(value).strip()
    try:
        return int(text)
    except ValueError:
        return float(text)


def as_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(item) for item in value]
    return [item.strip() for item in str(value).split(",") if item.strip()]


def to_heat(param: Parameter, value: Any) -> str | None:
    """``value`` as Heat takes it; None leaves the parameter unset."""
    if param.type == "boolean":
        return "true" if value else "false"
    if value is None or value == "" or value == []:
        return None
    if param.type == "json":
        return json.dumps(value)
    if param.type == "comma_delimited_list":
        return ",".join(as_list(value))
    return str(value)
