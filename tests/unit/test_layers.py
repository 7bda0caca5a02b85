"""No import cycle in mr_dashboard, and no import running back up a layer.

Read with ``ast`` from the source (nothing imported). An edge is an import
of ``mr_dashboard.<name>`` (absolute or relative), or a string naming a
module of mr_dashboard that Django or Horizon imports by name (``include``
of a URL list, ``ADD_PANEL``). Checked:

- no cycle between modules;
- in every package, no cycle between its parts (its modules and
  subpackages; the package's own ``__init__`` only gathers names: left
  out);
- the top-level parts stand in :data:`LAYERS` and import only their own
  layer or those below; in ``panels/``, every panel stands on ``shared/``
  and imports no other panel (:data:`PANELS_LAYERS`, :data:`BETWEEN_PANELS`).

The written rule is in docs/architecture.md ("What may import what").
"""

import ast
import functools
import re
from collections import defaultdict
from pathlib import Path

import mr_dashboard

ROOT = Path(mr_dashboard.__file__).parent
DOTTED = re.compile(r"^mr_dashboard(\.\w+)+$")

#: The top-level parts of mr_dashboard, bottom layer first.
LAYERS = (
    {"conf", "constants", "exceptions", "tokens", "untrusted", "csp",
     "permission", "safe_reverse"},            # plain modules
    {"hot"},                                   # templates, without a cloud
    {"api"},                                   # every call to a cloud
    {"checks", "credentials"},                 # launch checks, credentials
    {"selection"},                             # the region chosen
    {"views", "templatetags"},                 # the region dropdown
    {"panels", "enabled"},                     # pages; Horizon's files
)
#: The parts of ``panels/``, bottom layer first.
PANELS_LAYERS = (
    {"shared"},
    {"credentials", "regions", "resource_types", "stack_sets", "stacks"},
)
#: The one edge allowed between two panels: the Stacks panel's URL list
#: includes (by name, nothing imported) the stack-set launch's URLs, so
#: they keep /project/mr_stacks/launch/set/ and their URL names.
BETWEEN_PANELS = {("stacks", "stack_sets")}


def _module_of(dotted: str) -> str | None:
    """The module or package of mr_dashboard ``dotted`` names (itself, or
    the module holding the attribute it names); None for no such."""
    parts = dotted.split(".")
    while len(parts) > 1:
        path = ROOT.joinpath(*parts[1:])
        if path.is_dir() or path.with_suffix(".py").exists():
            return ".".join(parts)
        parts.pop()
    return None


def _modules() -> dict[str, Path]:
    """Every module of mr_dashboard by dotted name (a package by its
    ``__init__``)."""
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(("mr_dashboard",) + parts).removesuffix(
            ".__init__")] = path
    return found


def _imported(dotted: str, path: Path) -> set[str]:
    """Modules and packages of mr_dashboard that module ``dotted`` imports
    or names for Django and Horizon to import."""
    package = dotted if path.name == "__init__.py" \
        else dotted.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                parts = package.split(".")
                base = parts[:len(parts) - node.level + 1]
                module = ".".join(base + ([module] if module else []))
            names.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and DOTTED.match(node.value):
            names.add(node.value)
    found = {_module_of(name) for name in names
             if name.startswith("mr_dashboard.")}
    return found - {None, dotted}


@functools.cache
def module_graph() -> dict[str, frozenset[str]]:
    """Module -> the modules it imports (read once: every test asks it,
    one of them for each package)."""
    return {dotted: frozenset(_imported(dotted, path))
            for dotted, path in _modules().items()}


def _unit(dotted: str, depth: int) -> str:
    """``mr_dashboard.api.stacks.pages`` -> ``api`` (depth 1) or
    ``api.stacks`` (depth 2)."""
    return ".".join(dotted.split(".")[1:1 + depth])


def graph(prefix: str = "", depth: int = 1) -> dict[str, set[str]]:
    """Edges between the parts of package ``prefix`` (``""``: mr_dashboard
    itself), ``depth`` parts long; the package's own ``__init__`` only
    gathers names: left out."""
    edges: dict[str, set[str]] = defaultdict(set)
    for dotted, imported in module_graph().items():
        if dotted.count(".") < depth:
            continue  # mr_dashboard itself, or the prefix's __init__
        source = _unit(dotted, depth)
        if prefix and not source.startswith(prefix + "."):
            continue
        for name in imported:
            target = _unit(name, depth)
            if target != source and name.count(".") >= depth \
                    and (not prefix or target.startswith(prefix + ".")):
                edges[source].add(target)
    return edges


def packages() -> list[str]:
    """Every package of mr_dashboard but mr_dashboard itself, as
    ``api``, ``api.heat``, ..."""
    return sorted(".".join(path.relative_to(ROOT).parent.parts)
                  for path in ROOT.rglob("__init__.py")
                  if path.parent != ROOT)


def cycle(edges: dict[str, set[str]]) -> list[str]:
    """One cycle of ``edges`` (its units in order), or []."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(unit: str) -> list[str]:
        state[unit] = 1
        stack.append(unit)
        for target in sorted(edges.get(unit, ())):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        state[unit] = 2
        stack.pop()
        return []

    for unit in sorted(edges):
        if unit not in state:
            found = visit(unit)
            if found:
                return found
    return []


def upward(edges: dict[str, set[str]], layers: tuple[set[str], ...],
           allowed: set[tuple[str, str]] = frozenset(),
           sideways: bool = True) -> list[str]:
    """The edges running to a higher layer (or, unless ``sideways``, to
    another part of the same layer), but those ``allowed``; a part in no
    layer is one too."""
    level = {part: index for index, layer in enumerate(layers)
             for part in layer}
    found = []
    for source, targets in sorted(edges.items()):
        for target in sorted(targets):
            if (source, target) in allowed:
                continue
            if source not in level or target not in level:
                found.append(f"{source} -> {target} (in no layer)")
            elif level[target] > level[source] or (
                    not sideways and level[target] == level[source]):
                found.append(f"{source} -> {target}")
    return found


def _last(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    """``edges`` with each unit's last part only (``panels.stacks`` ->
    ``stacks``)."""
    return {source.rpartition(".")[2]: {target.rpartition(".")[2]
                                        for target in targets}
            for source, targets in edges.items()}


def test_the_graph_is_read():
    edges = graph()
    assert "api" in edges["panels"]
    assert "hot" in edges["api"]


def test_relative_imports_and_names_for_django_are_read():
    edges = module_graph()
    assert "mr_dashboard.panels.stack_sets.launch_urls" in edges[
        "mr_dashboard.panels.stacks.urls"]  # include("...")
    assert "mr_dashboard.panels.stacks.panel" in edges[
        "mr_dashboard.enabled._6020_mr_dashboard_stacks"]  # ADD_PANEL


def test_no_cycle_between_top_level_packages_and_modules():
    assert cycle(graph()) == []


def test_no_cycle_between_the_parts_of_api():
    edges = graph("api", depth=2)
    assert "api.parallel" in edges["api.stacks"]
    assert cycle(edges) == []


def test_no_cycle_between_modules():
    assert cycle(module_graph()) == []


def test_no_cycle_between_the_parts_of_any_package():
    assert "panels.stacks.detail" in packages()
    found = {package: cycle(graph(package, package.count(".") + 2))
             for package in packages()}
    assert {package: one for package, one in found.items() if one} == {}


def test_no_import_runs_up_a_layer():
    assert upward(graph(), LAYERS) == []


def test_a_panel_stands_on_shared_parts_never_on_another_panel():
    edges = _last(graph("panels", depth=2))
    assert "shared" in edges["stack_sets"] and "shared" in edges["stacks"]
    assert upward(edges, PANELS_LAYERS, BETWEEN_PANELS,
                  sideways=False) == []


def test_a_cycle_is_found():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_an_import_up_a_layer_or_between_panels_is_found():
    layers = ({"low"}, {"mid"}, {"top", "side"})
    edges = {"low": {"mid"}, "top": {"mid", "side"}, "new": {"low"}}
    assert upward(edges, layers) == ["low -> mid", "new -> low (in no layer)"]
    assert upward(edges, layers, sideways=False) == [
        "low -> mid", "new -> low (in no layer)", "top -> side"]
    assert upward(edges, layers, {("top", "side")}, sideways=False) == [
        "low -> mid", "new -> low (in no layer)"]
