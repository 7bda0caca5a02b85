"""Where each part of a template will run: every ``OS::Heat::Stack``, at
any depth, and the region it names.

A :class:`Placement` is one stack Heat will create: the root in the target
region, and one per ``OS::Heat::Stack`` found in the root, in provider
templates, in group members and in the children's own templates. Its
``context`` is read by :mod:`mr_dashboard.hot.context` against the
parameters entered in the form (and the defaults), following ``get_param``
through every level; a value known only once the stack runs
(``get_attr``...) leaves the region unresolved, with the reason. Provider
templates and group members run in the region of the stack holding them,
so their resource types count there.
"""

import json
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from mr_dashboard.hot import context
from mr_dashboard.hot import parse
from mr_dashboard.hot import walks
from mr_dashboard.hot.context import REMOTE_STACK
from mr_dashboard.hot.context import Unresolved
from mr_dashboard.hot.parse import TemplateError
from mr_dashboard.hot.resolve import Launchable

# Group resources, the property holding their member and the member's
# type and properties keys.
_GROUPS = {
    "OS::Heat::ResourceGroup": ("resource_def", "type", "properties"),
    "OS::Heat::AutoScalingGroup": ("resource", "type", "properties"),
}


def declared(template: dict) -> dict[str, dict]:
    """The parameters section of a HOT or CFN template."""
    section = template.get("parameters", template.get("Parameters")) or {}
    return {name: spec for name, spec in section.items()
            if isinstance(spec, dict)}


@dataclass(frozen=True)
class Placement:
    """One stack Heat will create, and the region it will run in."""

    path: tuple[str, ...]
    template_key: str
    template: dict = field(hash=False, compare=False)
    region: str | None
    parent_region: str | None = None
    parameters: dict = field(default_factory=dict, hash=False, compare=False)
    credential_secret_id: str | None = None
    problem: str = ""
    resource_types: frozenset[str] = frozenset()

    @property
    def name(self) -> str:
        """Dotted resource path from the root; "" for the root itself."""
        return ".".join(self.path)

    @property
    def version(self) -> str:
        return parse.template_version(self.template)


class _Walker:
    """Walks a launchable template, collecting placements in order."""

    def __init__(self, launchable: Launchable) -> None:
        self.files, self.templates = launchable.files, launchable.templates
        self.environment = launchable.environment
        self.registry = {name: target for name, target in
                         self.environment["resource_registry"].items()
                         if isinstance(target, str)}
        self.found: list[Placement] = []

    def evaluate(self, value: Any, scope: dict) -> Any:
        """``value`` with get_param, str_replace, list_join, get_file done."""
        return context.evaluate(value, scope, self.files)

    def known(self, values: dict, scope: dict) -> dict:
        """The entries of ``values`` that can be evaluated now."""
        found = {}
        for name, value in (values or {}).items():
            try:
                found[name] = self.evaluate(value, scope)
            except Unresolved:
                continue
        return found

    def scope(self, template: dict, values: dict) -> dict:
        """Parameter values of a nested template: defaults, then the
        environment's parameter_defaults, then what its parent passes."""
        scope = {name: spec.get("default", spec.get("Default"))
                 for name, spec in declared(template).items()
                 if "default" in spec or "Default" in spec}
        scope.update(self.environment["parameter_defaults"])
        scope.update(values)
        return scope

    def stack(self, path, key, template, region, parent_region, scope,
              secret=None, problem="") -> None:
        index = len(self.found)
        self.found.append(None)  # parents are listed before children
        types: set[str] = set()
        self.resources(path, template, region, scope, types)
        self.found[index] = Placement(
            path=path, template_key=key, template=template, region=region,
            parent_region=parent_region,
            parameters={name: value for name, value in scope.items()
                        if name in declared(template)},
            credential_secret_id=secret, problem=problem,
            resource_types=frozenset(types))

    def resources(self, path, template, region, scope, types) -> None:
        for name, resource in parse.resources_of(template).items():
            walks.visit(".".join(path + (name,)))
            self.resource(path + (name,),
                          resource.get("type", resource.get("Type")),
                          resource.get("properties",
                                       resource.get("Properties")) or {},
                          region, scope, types)

    def resource(self, path, type_name, properties, region, scope,
                 types) -> None:
        type_name = self.registry.get(type_name, type_name)
        if not isinstance(type_name, str):
            return
        if type_name in self.templates:
            nested = self.templates[type_name]
            with walks.opened(type_name):
                self.resources(path, nested, region, self.scope(
                    nested, self.known(properties, scope)), types)
            return
        types.add(type_name)
        if type_name == REMOTE_STACK:
            self.remote(path, properties, region, scope)
        elif type_name in _GROUPS:
            holder, type_key, props_key = _GROUPS[type_name]
            member = properties.get(holder)
            if isinstance(member, dict):
                self.resource(path + ("[member]",), member.get(type_key),
                              member.get(props_key) or {}, region, scope,
                              types)
        elif type_name == "OS::Heat::ResourceChain":
            for member in properties.get("resources") or ():
                self.resource(path + ("[member]",), member,
                              properties.get("resource_properties") or {},
                              region, scope, types)

    def remote(self, path, properties, region, scope) -> None:
        spec = context.child_spec(path[-1], properties.get("context"), scope,
                                  region, self.files)
        problem = spec.problem
        source = properties.get("template")
        key = (source.get("get_file") if isinstance(source, dict)
               and set(source) == {"get_file"} else ".".join(path))
        try:
            child = self.child_template(source, scope, key)
        except (Unresolved, TemplateError) as exc:
            child, problem = {}, problem or _("Its template cannot be "
                                              "read: %(why)s.") % {"why": exc}
        values = self.known(properties.get("parameters") or {}, scope)
        with walks.opened(key):
            self.stack(path, key, child, spec.region, region,
                       self.scope(child, values), spec.secret, problem)

    def child_template(self, source, scope, key) -> dict:
        if isinstance(source, dict) and set(source) == {"get_file"}:
            if source["get_file"] in self.templates:
                return self.templates[source["get_file"]]
        source = self.evaluate(source, scope)
        if isinstance(source, str):
            return parse.parse_template(source, key)
        if isinstance(source, dict):
            return json.loads(json.dumps(source))
        raise TemplateError(_("It has no template."), key)


def placements(launchable: Launchable, region: str,
               values: dict[str, Any]) -> list[Placement]:
    """Every stack the launch creates, the root first, with its region;
    a TemplateError past the bounds of :mod:`~mr_dashboard.hot.walks`."""
    walker = _Walker(launchable)
    scope = walker.scope(launchable.template, {})
    scope.update(launchable.environment["parameters"])
    scope.update(values)
    with walks.bounded():
        walker.stack((), launchable.root, launchable.template, region, None,
                     scope)
    return walker.found
