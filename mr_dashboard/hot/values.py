"""The value each resource property and parameter will get, in the stack
it lands in: what the checks of a region's holdings look at.

For every stack a launch creates (the :class:`~mr_dashboard.hot.children.
Placement` list: the root and every ``OS::Heat::Stack`` child, at any
depth), the resources of its template, of its provider templates and of
its group members are walked with the parameter values each level gets:
defaults, then the environment's ``parameter_defaults``, then what the
parent passes (the root: the environment's ``parameters`` and the values
entered). Properties are resolved as Heat would before create
(``get_param``, ``str_replace``, ``list_join``, ``get_file``); a part
known only at create (``get_attr``, ``yaql``...) is an :class:`Unknown`
carrying the reason, and so is a parameter fed with one, even where the
parameter has a default: nothing is guessed. A ``get_resource`` is
:class:`Made`: an object the stack makes itself.

A resource whose ``condition`` is false is left out, and so is one with an
``external_id`` (Heat makes nothing: it finds the object at create); one
whose condition is known only at create has every property (and its count)
unknown.

A group's members count ``count`` times (``ResourceGroup``) or
``desired_capacity``/``min_size`` times (``AutoScalingGroup``); a count
known only at create is an :class:`Unknown`. A CFN-style group
(``OS::Heat::InstanceGroup``, ``AWS::AutoScaling::AutoScalingGroup``)
makes ``AWS::EC2::Instance`` members from its launch configuration.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from mr_dashboard.hot import context
from mr_dashboard.hot import parse
from mr_dashboard.hot import walks
from mr_dashboard.hot.children import Placement
from mr_dashboard.hot.children import declared
from mr_dashboard.hot.context import REMOTE_STACK
from mr_dashboard.hot.context import Unresolved
from mr_dashboard.hot.resolve import Launchable

#: Group resources: the property holding the member, its type and
#: properties keys, and the properties that say how many members (first
#: one given wins).
_GROUPS = {
    "OS::Heat::ResourceGroup": ("resource_def", "type", "properties",
                                ("count",)),
    "OS::Heat::AutoScalingGroup": ("resource", "type", "properties",
                                   ("desired_capacity", "min_size")),
}
_CHAIN = "OS::Heat::ResourceChain"
#: CFN-style groups: their members are ``AWS::EC2::Instance``s with the
#: properties of the launch configuration the group names
#: (``get_resource``), in the subnet of ``VPCZoneIdentifier``; the
#: properties saying how many (first one given wins).
_LAUNCH_GROUPS = {
    "OS::Heat::InstanceGroup": ("Size",),
    "AWS::AutoScaling::AutoScalingGroup": ("DesiredCapacity", "MinSize"),
}
_INSTANCE = "AWS::EC2::Instance"
#: CFN's names of the condition functions.
_CONDITION_FUNCTIONS = {"Fn::Equals": "equals", "Fn::Not": "not",
                        "Fn::And": "and", "Fn::Or": "or"}
#: What a one-key mapping's key looks like when it is a function.
_FUNCTIONS = frozenset(("if", "not", "and", "or", "equals", "contains",
                        "filter", "digest", "resource_facade", "make_url",
                        "Ref"))
_FUNCTION_PREFIXES = ("get_", "Fn::", "str_", "list_", "map_", "yaql",
                      "repeat")


@dataclass(frozen=True)
class Unknown:
    """A value known only once the stack is created, and why."""

    reason: str


@dataclass(frozen=True)
class Made(Unknown):
    """A ``get_resource`` of the same template: the object the stack makes
    itself, which exists once it runs (nothing to look up)."""


class _Scope(dict):
    """Parameter values of one stack; a parameter fed with an
    :class:`Unknown` raises :class:`Unresolved` when ``get_param`` reads
    it (instead of falling back on its default)."""

    def __getitem__(self, name: str) -> Any:
        value = super().__getitem__(name)
        if isinstance(value, Unknown):
            raise Unresolved(value.reason)
        return value


def _is_function(key: Any) -> bool:
    """True for a key that is (or may be) one of Heat's functions."""
    return not isinstance(key, str) or key in _FUNCTIONS \
        or key.startswith(_FUNCTION_PREFIXES)


def settle(value: Any, scope: dict, files: dict) -> Any:
    """``value`` resolved as far as it can be before create: every part
    known only at create replaced by an :class:`Unknown`."""
    if isinstance(value, list):
        return [settle(item, scope, files) for item in value]
    if isinstance(value, dict) and len(value) != 1:
        return {key: settle(item, scope, files)
                for key, item in value.items()}
    if isinstance(value, dict) and isinstance(value.get("get_resource"),
                                              str):
        return Made(_("it is the resource %(name)s, made by the stack")
                    % {"name": value["get_resource"]})
    try:
        return context.evaluate(value, scope, files)
    except Unresolved as exc:
        (key, item), = value.items()
        if _is_function(key):
            return Unknown(str(exc))
        return {key: settle(item, scope, files)}  # a plain mapping


def _truth(definition: Any, scope: dict, files: dict, conditions: dict,
           depth: int = 0) -> bool | Unknown:
    """A condition's value: booleans, named conditions, ``equals``,
    ``not``, ``and``, ``or`` over values known before create."""
    later = Unknown(_("its condition is known only at create"))
    if isinstance(definition, bool):
        return definition
    if isinstance(definition, str):
        if definition in conditions and depth < len(conditions):
            return _truth(conditions[definition], scope, files, conditions,
                          depth + 1)
        return later
    if not (isinstance(definition, dict) and len(definition) == 1):
        return later
    (function, args), = definition.items()
    function = _CONDITION_FUNCTIONS.get(function, function)
    if function == "equals" and isinstance(args, list) and len(args) == 2:
        sides = [settle(side, scope, files) for side in args]
        if any(isinstance(side, Unknown) for side in sides):
            return later
        return sides[0] == sides[1]
    if function == "not":
        inner = _truth(args[0] if isinstance(args, list) and args else args,
                       scope, files, conditions, depth)
        return inner if isinstance(inner, Unknown) else not inner
    if function in ("and", "or") and isinstance(args, list):
        found = [_truth(item, scope, files, conditions, depth)
                 for item in args]
        decided = (False if function == "and" else True)
        if decided in found:
            return decided
        return later if any(isinstance(item, Unknown) for item in found) \
            else not decided
    return later


def condition(template: dict, resource: dict, scope: dict,
              files: dict) -> bool | Unknown:
    """Whether ``resource`` of ``template`` is created (its ``condition``,
    when it has one)."""
    if "condition" not in resource and "Condition" not in resource:
        return True
    conditions = template.get("conditions", template.get("Conditions"))
    return _truth(resource.get("condition", resource.get("Condition")),
                  scope, files, conditions if isinstance(conditions, dict)
                  else {})


@dataclass(frozen=True)
class Landed:
    """One resource of one stack, with its properties as they will be.

    ``path`` is the resource's path inside the stack (provider templates
    and group members add levels); ``count`` how many of it the stack
    creates (an :class:`Unknown` when only create knows).
    """

    placement: Placement = field(compare=False)
    path: tuple[str, ...]
    type: str
    properties: dict = field(compare=False)
    count: int | Unknown = 1

    @property
    def region(self) -> str:
        return self.placement.region or ""

    @property
    def name(self) -> str:
        return ".".join(self.path)


@dataclass(frozen=True)
class Given:
    """A parameter value of one template of one stack (the stack's own or
    a provider template's: ``path`` is then the resource using it)."""

    placement: Placement = field(compare=False)
    path: tuple[str, ...]
    parameter: str
    spec: dict = field(compare=False)
    value: Any = None

    @property
    def region(self) -> str:
        return self.placement.region or ""


@dataclass
class Landing:
    """Everything that lands: resources and parameter values."""

    resources: list[Landed] = field(default_factory=list)
    parameters: list[Given] = field(default_factory=list)


def _count(value: Any) -> int | Unknown:
    if isinstance(value, Unknown):
        return value
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return Unknown(_("the count %(value)s is not a number")
                       % {"value": value})


def _times(first: int | Unknown, second: int | Unknown) -> int | Unknown:
    if isinstance(first, Unknown):
        return first
    if isinstance(second, Unknown):
        return second
    return first * second


class _Walker:
    """Walks every placement's resources with their stack's scope."""

    def __init__(self, launchable: Launchable,
                 placements: list[Placement]) -> None:
        self.files, self.templates = launchable.files, launchable.templates
        self.environment = launchable.environment
        self.registry = {name: target for name, target in
                         self.environment["resource_registry"].items()
                         if isinstance(target, str)}
        self.by_path = {placement.path: placement
                        for placement in placements}
        self.landing = Landing()

    def scope(self, template: dict, passed: dict) -> _Scope:
        """A nested template's parameter values (see the module doc)."""
        scope = _Scope({name: spec.get("default", spec.get("Default"))
                        for name, spec in declared(template).items()
                        if "default" in spec or "Default" in spec})
        scope.update({name: value for name, value in
                      self.environment["parameter_defaults"].items()
                      if name in declared(template)})
        scope.update(passed)
        return scope

    def stack(self, placement: Placement, scope: _Scope) -> None:
        self.given(placement, (), placement.template, scope)
        self.resources(placement, (), placement.template, scope, 1)

    def resources(self, placement, path, template, scope, count) -> None:
        """The resources of ``template`` whose condition may hold."""
        for name, body in parse.resources_of(template).items():
            walks.visit(".".join(placement.path + path + (name,)))
            holds = condition(template, body, scope, self.files)
            type_name = body.get("type", body.get("Type"))
            properties = body.get("properties", body.get("Properties")) or {}
            if holds is False or "external_id" in body:
                continue  # not made: an external one is Heat's to find
            if isinstance(holds, Unknown):
                if isinstance(type_name, str) and isinstance(properties,
                                                             dict):
                    self.landing.resources.append(Landed(
                        placement, path + (name,), type_name,
                        {key: holds for key in properties}, holds))
                continue
            if type_name in _LAUNCH_GROUPS and isinstance(properties, dict):
                self.launch_group(placement, path + (name,), template,
                                  type_name, properties, scope, count)
                continue
            self.resource(placement, path + (name,), type_name, properties,
                          scope, count)

    def given(self, placement: Placement, path: tuple[str, ...],
              template: dict, scope: _Scope) -> None:
        for name, spec in declared(template).items():
            if name not in dict.keys(scope):
                continue
            value = dict.get(scope, name)
            self.landing.parameters.append(Given(placement, path, name, spec,
                                                 value))

    def resource(self, placement, path, type_name, properties, scope,
                 count) -> None:
        type_name = self.registry.get(type_name, type_name)
        if not isinstance(type_name, str) or not isinstance(properties,
                                                            dict):
            return
        if type_name in self.templates:
            nested = self.templates[type_name]
            nested_scope = self.scope(nested, settle(properties, scope,
                                                     self.files))
            self.given(placement, path, nested, nested_scope)
            with walks.opened(type_name):
                self.resources(placement, path, nested, nested_scope, count)
            return
        if type_name == REMOTE_STACK:
            child = self.by_path.get(placement.path + path)
            if child is not None and child.region:
                passed = settle(properties.get("parameters") or {}, scope,
                                self.files)
                with walks.opened(child.template_key):
                    self.stack(child, self.scope(
                        child.template, passed if isinstance(passed, dict)
                        else {}))
        elif type_name in _GROUPS:
            self.group(placement, path, type_name, properties, scope, count)
            return
        elif type_name == _CHAIN:
            for member in properties.get("resources") or ():
                self.resource(placement, path + ("[member]",), member,
                              properties.get("resource_properties") or {},
                              scope, count)
            return
        self.landing.resources.append(Landed(
            placement, path, type_name, settle(properties, scope, self.files),
            count))

    def group(self, placement, path, type_name, properties, scope,
              count) -> None:
        holder, type_key, props_key, sizes = _GROUPS[type_name]
        size: int | Unknown = 1
        for key in sizes:
            if key in properties:
                size = _count(settle(properties[key], scope, self.files))
                break
        member = properties.get(holder)
        if isinstance(member, dict):
            self.resource(placement, path + ("[member]",),
                          member.get(type_key), member.get(props_key) or {},
                          scope, _times(count, size))

    def launch_group(self, placement, path, template, type_name,
                     properties, scope, count) -> None:
        """A CFN-style group's members, as Heat makes them."""
        size: int | Unknown = 1
        for key in _LAUNCH_GROUPS[type_name]:
            if key in properties:
                size = _count(settle(properties[key], scope, self.files))
                break
        source = properties.get("LaunchConfigurationName")
        name = source.get("get_resource") if isinstance(source, dict) \
            else None
        body = parse.resources_of(template).get(name) \
            if isinstance(name, str) else None
        if not isinstance(body, dict):
            return  # made elsewhere: known only to Heat
        member = dict(body.get("properties", body.get("Properties")) or {})
        zones = properties.get("VPCZoneIdentifier")
        if isinstance(zones, list) and zones:
            member["SubnetId"] = zones[0]
        self.resource(placement, path + ("[member]",), _INSTANCE, member,
                      scope, _times(count, size))


def landing(launchable: Launchable, placements: list[Placement]) -> Landing:
    """What lands where: every resource and constrained parameter of the
    stacks of ``placements`` (``placements[0]`` is the root, whose
    ``parameters`` hold the values entered)."""
    if not placements:
        return Landing()
    walker = _Walker(launchable, placements)
    root = placements[0]
    with walks.bounded():
        walker.stack(root, _Scope(root.parameters))
    return walker.landing
