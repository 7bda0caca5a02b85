"""The form field of a template's parameter, for the launch and stack-set
forms.

:func:`form_field` makes the field for one parameter
(:class:`~mr_dashboard.hot.params.Parameter`): a password field when
``hidden``, a choice for ``allowed_values``, range, length, modulo and
pattern checked in the form, and a picker for a custom constraint when
``choices_for`` can list its values (the target region's flavors, images,
...), a text field otherwise. A string's ``allowed_pattern`` is checked by
:mod:`~mr_dashboard.hot.patterns`.
"""

import json
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from mr_dashboard import untrusted
from mr_dashboard.hot import params
from mr_dashboard.hot import patterns


def _size_of(param: params.Parameter, value: Any) -> int:
    if param.type == "comma_delimited_list":
        return len(params.as_list(value))
    return len(value)


def _validator(param: params.Parameter, constraint: dict):
    """A form validator for one constraint, or None."""
    message = constraint.get("description")
    if "length" in constraint or "range" in constraint:
        kind = "length" if "length" in constraint else "range"
        low, high = (constraint[kind].get(end) for end in ("min", "max"))

        def check(value):
            size = _size_of(param, value) if kind == "length" else value
            if (low is not None and size < params.number(low)) or (
                    high is not None and size > params.number(high)):
                raise ValidationError(message or _(
                    "%(what)s must be between %(low)s and %(high)s.") % {
                    "what": _("The length") if kind == "length"
                    else _("The value"), "low": low if low is not None
                    else "-∞", "high": high if high is not None else "∞"})
        return check
    if "modulo" in constraint:
        step = params.number(constraint["modulo"].get("step", 1))
        offset = params.number(constraint["modulo"].get("offset", 0))

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
                return params.number(value)
            if self.kind == "json":
                loaded = json.loads(value)
                if not isinstance(loaded, (dict, list)):
                    raise ValueError(value)
                return loaded
        except ValueError:
            raise ValidationError(
                _("Enter a number.") if self.kind == "number"
                else _("Enter a JSON map or list.")) from None
        return params.as_list(value) \
            if self.kind == "comma_delimited_list" else value

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


def initial_of(param: params.Parameter, value: Any = None) -> Any:
    """What the field shows first: ``value``, else the default."""
    value = param.default if value is None else value
    if value is None or param.hidden:
        return None
    if param.type == "boolean":
        return str(value).lower() in params.TRUE
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


def _one_of(param: params.Parameter, allowed: list) -> Callable[[Any], None]:
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


def form_field(param: params.Parameter,
               choices_for: params.ChoicesFor | None = None,
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
        kwargs["initial"] = params.as_list(kwargs["initial"] or "")
        return forms.MultipleChoiceField(choices=choices, **kwargs)
    if choices is not None:
        kwargs["initial"] = _chosen(choices, kwargs["initial"])
        blank = [] if kwargs["required"] else [("", _("(default)"))]
        return forms.TypedChoiceField(
            choices=blank + choices, empty_value=None,
            coerce=params.number if param.type == "number" else str, **kwargs)
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
