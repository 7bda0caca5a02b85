"""The policy reference, read from the plugin's source.

The plugin's policy rules are declared once, as tuples of (service type,
rule) pairs named ``*_POLICY`` (``constants.py``, and the few made of them
elsewhere, such as ``DETECT_POLICY``); panels, tabs, table actions and views
name them in ``policy_rules`` or pass them to ``permission.allows``. This
module reads every module of ``mr_dashboard/`` with :mod:`ast` (nothing is
imported) and writes, for the ``mrd-policy`` directive
(``mrd_directives.py``), one table per service: each rule, where the plugin
checks it (panel, module and class or function), and, for Heat's rules,
the default of the Heat policy the plugin ships (``mr_dashboard/policy/
heat.yaml``), or that the shipped policy has no such rule (openstack_auth
then finds neither it nor a ``default`` rule, and allows everyone).
:func:`unresolved` lists the rule expressions this reader could not
follow, which the build must not let pass.
"""

import ast
import functools
import pathlib
from dataclasses import dataclass, field

import yaml

PLUGIN = pathlib.Path(__file__).resolve().parents[2] / "mr_dashboard"
HEAT_DEFAULTS = PLUGIN / "policy" / "heat.yaml"
#: constants.py's names of the service types, and the types.
SERVICES = {"ORCHESTRATION": "orchestration", "KEY_MANAGER": "key-manager"}
#: The panels' names, by their folder under panels/.
PANELS = {"stacks": "Stacks", "stack_sets": "Stack Sets",
          "credentials": "Credentials", "regions": "Regions",
          "resource_types": "Resource Types"}


@dataclass
class Rule:
    """One (service, rule) pair and the places that check it."""

    service: str
    name: str
    places: list[str] = field(default_factory=list)


def _name(node: ast.AST) -> str | None:
    """``X`` of a ``X`` or ``module.X`` reference."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


class _Source:
    """The modules of the plugin and their module-level ``*_POLICY``
    declarations."""

    def __init__(self, root: pathlib.Path):
        texts = {path: path.read_text(encoding="utf-8")
                 for path in sorted(root.rglob("*.py"))}
        # Only a module that spells a rule's name or policy_rules is parsed.
        self.modules = {path: ast.parse(text) for path, text in texts.items()
                        if "_POLICY" in text or "policy_rules" in text}
        self.declared: dict[str, ast.AST] = {}
        self.unresolved: list[str] = []
        for tree in self.modules.values():
            for node in tree.body:
                if isinstance(node, ast.Assign) and len(node.targets) == 1:
                    name = _name(node.targets[0])
                    if name and name.endswith("_POLICY"):
                        self.declared[name] = node.value

    def pairs(self, node: ast.AST) -> tuple[tuple[str, str], ...]:
        """The (service, rule) pairs an expression stands for."""
        name = _name(node)
        if name in self.declared:
            return self.pairs(self.declared[name])
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self.pairs(node.left) + self.pairs(node.right)
        if isinstance(node, ast.Dict):
            return tuple(pair for value in node.values
                         for pair in self.pairs(value))
        if isinstance(node, ast.Tuple):
            if len(node.elts) == 2 and _name(node.elts[0]) in SERVICES \
                    and isinstance(node.elts[1], ast.Constant):
                return ((SERVICES[_name(node.elts[0])], node.elts[1].value),)
            return tuple(pair for element in node.elts
                         for pair in self.pairs(element))
        self.unresolved.append(ast.unparse(node))
        return ()


def _uses(function_or_class: ast.AST) -> list[ast.AST]:
    """The rule expressions a class or function names: ``*_POLICY``
    references and the tuples ``policy_rules`` is set to."""
    found = []
    for node in ast.walk(function_or_class):
        if isinstance(node, (ast.Name, ast.Attribute)) \
                and (_name(node) or "").endswith("_POLICY"):
            found.append(node)
        elif isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = getattr(node, "targets", None) or [node.target]
            if any(_name(target) == "policy_rules" for target in targets) \
                    and isinstance(node.value, ast.Tuple):
                found.append(node.value)
    return found


def _place(path: pathlib.Path, root: pathlib.Path, owner: str) -> str:
    """"Panel: ``Owner`` (``module``)" of a check in ``path``."""
    parts = path.relative_to(root).parts
    where = f"``{owner}`` (``{'/'.join(parts)}``)"
    if parts[0] == "panels":
        return f"{PANELS.get(parts[1], parts[1])}: {where}"
    return where


@functools.lru_cache(maxsize=4)
def read(root: pathlib.Path = PLUGIN) -> tuple[list[Rule], list[str]]:
    """Every rule the plugin checks, with its places, and the
    expressions that could not be resolved."""
    source = _Source(root)
    rules: dict[tuple[str, str], Rule] = {}
    for path, tree in source.modules.items():
        for owner in tree.body:
            if not isinstance(owner, (ast.ClassDef, ast.FunctionDef)):
                continue
            place = _place(path, root, owner.name)
            for use in _uses(owner):
                for service, name in source.pairs(use):
                    rule = rules.setdefault((service, name),
                                            Rule(service, name))
                    if place not in rule.places:
                        rule.places.append(place)
    return sorted(rules.values(), key=lambda rule: (rule.service,
                                                    rule.name)), \
        source.unresolved


def heat_defaults(path: pathlib.Path = HEAT_DEFAULTS) -> dict[str, str]:
    """Heat's default check string of each rule, from the shipped file."""
    return {entry["name"]: entry["check_str"]
            for entry in yaml.safe_load(path.read_text(encoding="utf-8"))}


def unresolved(root: pathlib.Path = PLUGIN) -> list[str]:
    """The rule expressions :func:`read` could not resolve."""
    return read(root)[1]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def policy_rst(root: pathlib.Path = PLUGIN) -> list[str]:
    """The ``mrd-policy`` directive's text: a table per service."""
    rules, _ = read(root)
    defaults = heat_defaults()
    lines = []
    for service, title, default_title in (
            ("orchestration", "Heat (``orchestration``)",
             "Heat's default (the shipped ``heat.yaml``)"),
            ("key-manager", "Barbican (``key-manager``)",
             "Barbican's default")):
        lines += [f".. list-table:: {title}", "   :header-rows: 1",
                  "   :widths: 20 25 55", "",
                  "   * - Rule", f"     - {default_title}",
                  "     - Checked in"]
        for rule in rules:
            if rule.service != service:
                continue
            if service != "orchestration":
                default = "Barbican's own policy (no file in Horizon)"
            elif rule.name in defaults:
                default = f"``{_cell(defaults[rule.name]) or '(empty)'}``"
            else:
                default = ("**not a rule of Heat's policy**: Horizon's "
                           "check allows everyone")
            lines += [f"   * - ``{rule.name}``", f"     - {default}"]
            lines += [("     - - " if index == 0 else "       - ") + place
                      for index, place in enumerate(sorted(rule.places))]
        lines.append("")
    return lines
