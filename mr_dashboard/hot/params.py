"""A template's parameters, as form fields.

:func:`groups_of` reads a HOT or CFN parameters section (every Heat type;
unknown types are refused), takes defaults from the environment and orders
the parameters by ``parameter_groups``. :func:`form_field` makes the field
for one parameter: a password field when ``hidden``, a choice for
``allowed_values``, range, length, modulo and pattern checked in the form,
and a picker for a custom constraint when ``choices_for`` can list its
values (the target region's flavors, images, ...), a text field otherwise.
:func:`to_heat` turns the cleaned value back into what Heat accepts.
A string's ``allowed_pattern`` is checked by :mod:`~mr_dashboard.hot.patterns`.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from mr_dashboard import untrusted
from mr_dashboard.hot import patterns
from mr_dashboard.hot.children import declared
from mr_dashboard.hot.parse import TemplateError

FIELD_PREFIX = "param__"
TYPES = ("string", "number", "comma_delimited_list", "json", "boolean")
_CFN_TYPES = {"String": "string", "Number": "number", "Json": "json",
              "CommaDelimitedList": "comma_delimited_list",
              "Boolean": "boolean"}
_TRUE = ("true", "yes", "on", "1", "t", "y")

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
                    _number(bound)
            if "modulo" in constraint and not _number(
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
        default=default, has_default=has_default, hidden=hidden in _TRUE,
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


def _number(value: Any) -> int | float:
    text = str(value).strip()
    try:
        return int(text)
    except ValueError:
        return float(text)


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(item) for item in value]
    return [item.strip() for item in str(value).split(",") if item.strip()]


def _size_of(param: Parameter, value: Any) -> int:
    if param.type == "comma_delimited_list":
        return len(_as_list(value))
    return len(value)


def _validator(param: Parameter, constraint: dict):
    """A form validator for one constraint, or None."""
    message = constraint.get("description")
    if "length" in constraint or "range" in constraint:
        kind = "length" if "length" in constraint else "range"
        low, high = (constraint[kind].get(end) for end in ("min", "max"))

        def check(value):
            size = _size_of(param, value) if kind == "length" else value
            if (low is not None and size < _number(low)) or (
                    high is not None and size > _number(high)):
                raise ValidationError(message or _(
                    "%(what)s must be between %(low)s and %(high)s.") % {
                    "what": _("The length") if kind == "length"
                    else _("The value"), "low": low if low is not None
                    else "-∞", "high": high if high is not None else "∞"})
        return check
    if "modulo" in constraint:
        step = _number(constraint["modulo"].get("step", 1))
        offset = _number(constraint["modulo"].get("offset", 0))

        def check(value):
            if value % step != offset:
                raise ValidationError(message or _(
                    "The value must be %(offset)s modulo %(step)s.")
                    % {"offset": offset, "step": step})
        return check
    if "allowed_pattern" in constraint and param.type == "string":
        # Heat allows the constraint on strings only (it refuses others).
        return patterns.Pattern(constraint["allowed_pattern"], message)
    return None


class _Noted:
    """A widget followed by the notes of its field's pattern checks."""

    notes: tuple[str, ...] = ()

    def render(self, *args, **kwargs):
        return super().render(*args, **kwargs) + format_html_join(
            "", '<span class="help-block text-warning" data-mr-pattern-note>'
            "{}</span>", ((note,) for note in self.notes))


class _NotedInput(_Noted, forms.TextInput):
    pass


class _NotedPassword(_Noted, forms.PasswordInput):
    pass


class _TypedField(forms.CharField):
    """A text field holding a number, a list or JSON."""

    def __init__(self, kind: str, **kwargs) -> None:
        self.kind = kind
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            if self.kind == "number":
                return _number(value)
            if self.kind == "json":
                loaded = json.loads(value)
                if not isinstance(loaded, (dict, list)):
                    raise ValueError(value)
                return loaded
        except ValueError:
            raise ValidationError(
                _("Enter a number.") if self.kind == "number"
                else _("Enter a JSON map or list.")) from None
        return _as_list(value) if self.kind == "comma_delimited_list" else (
            value)

    def run_validators(self, value):
        if value is None:
            return
        try:
            super().run_validators(value)
        finally:
            if isinstance(self.widget, _Noted):
                self.widget.notes = tuple(
                    check.note for check in self.validators
                    if isinstance(check, patterns.Pattern) and check.note)


def initial_of(param: Parameter, value: Any = None) -> Any:
    """What the field shows first: ``value``, else the default."""
    value = param.default if value is None else value
    if value is None or param.hidden:
        return None
    if param.type == "boolean":
        return str(value).lower() in _TRUE
    if param.type == "json" and not isinstance(value, str):
        return json.dumps(value)
    if param.type == "comma_delimited_list" and isinstance(value, list):
        return ",".join(str(item) for item in value)
    return value


def _chosen(choices: list[tuple[str, str]], value: Any) -> Any:
    """``value``, or the value of the choice it names by label (a default
    naming an image by its name, where the choices are ids)."""
    if value is None or any(value == key for key, _label in choices):
        return value
    return next((key for key, label in choices if label == value), value)


def _one_of(param: Parameter, allowed: list) -> Callable[[Any], None]:
    """A validator of a hidden parameter's ``allowed_values`` whose message
    never repeats the value."""
    message = next((c.get("description") for c in param.constraints
                    if "allowed_values" in c), None)
    texts = {str(value) for value in allowed}

    def check(value: Any) -> None:
        if str(value) not in texts:
            raise ValidationError(message or _(
                "The value is not one of the values allowed."))
    return check


def form_field(param: Parameter, choices_for: ChoicesFor | None = None,
               initial: Any = None, optional: bool = False) -> forms.Field:
    """The form field for ``param``; ``optional`` makes every field
    optional (updates, where a blank field keeps the stack's value)."""
    # Horizon prints help text unescaped (its tooltip): escaped here.
    kwargs = {"label": param.label,
              "help_text": untrusted.html(param.description),
              "initial": initial_of(param, initial),
              "required": not (optional or param.has_default)}
    if param.type == "boolean":
        return forms.BooleanField(**{**kwargs, "required": False})
    allowed = next((c["allowed_values"] for c in param.constraints
                    if "allowed_values" in c), None)
    custom = next((c["custom_constraint"] for c in param.constraints
                   if "custom_constraint" in c), None)
    # A hidden value is never a choice: a selected <option> or a choice
    # error would show it.
    choices = None if param.hidden else (
        [(str(v), str(v)) for v in allowed] if allowed is not None
        else choices_for(custom) if custom and choices_for else None)
    if choices is not None and param.type == "comma_delimited_list":
        kwargs["initial"] = _as_list(kwargs["initial"] or "")
        return forms.MultipleChoiceField(choices=choices, **kwargs)
    if choices is not None:
        kwargs["initial"] = _chosen(choices, kwargs["initial"])
        blank = [] if kwargs["required"] else [("", _("(default)"))]
        return forms.TypedChoiceField(
            choices=blank + choices, empty_value=None,
            coerce=_number if param.type == "number" else str, **kwargs)
    validators = [v for v in (_validator(param, c)
                              for c in param.constraints) if v]
    if param.hidden and allowed is not None:
        validators.append(_one_of(param, allowed))
    noted = any(isinstance(v, patterns.Pattern) for v in validators)
    if param.hidden:
        kwargs["widget"] = (_NotedPassword if noted else forms.PasswordInput)(
            render_value=False)
    elif param.type == "json":
        kwargs["widget"] = forms.Textarea(attrs={"rows": 4})
    elif noted:
        kwargs["widget"] = _NotedInput()
    return _TypedField(param.type, strip=param.type != "string",
                       validators=validators, **kwargs)


def to_heat(param: Parameter, value: Any) -> str | None:
    """``value`` as Heat takes it; None leaves the parameter unset."""
    if param.type == "boolean":
        return "true" if value else "false"
    if value is None or value == "" or value == []:
        return None
    if param.type == "json":
        return json.dumps(value)
    if param.type == "comma_delimited_list":
        return ",".join(_as_list(value))
    return str(value)
