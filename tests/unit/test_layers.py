"""No import cycle between mr_dashboard's packages and modules.

Read with ``ast`` from the source (nothing imported): every import of
``mr_dashboard.<name>`` by a file of another top-level package or module is
an edge; the graph has no cycle, so the layers stay one way (``hot`` below
``api`` below ``credentials`` and ``checks``, ``panels`` on top). The same
holds one level down, between the parts of ``api/``.
"""

import ast
from collections import defaultdict
from pathlib import Path

import mr_dashboard

ROOT = Path(mr_dashboard.__file__).parent


def _exists(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split(".")[1:])
    return path.is_dir() or path.with_suffix(".py").exists()


def _imported(tree: ast.AST) -> set[str]:
    """Modules and packages of mr_dashboard that ``tree`` imports."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                names.add(full if _exists(full) else node.module)
    return {name for name in names if name.startswith("mr_dashboard.")}


def _unit(dotted: str, depth: int) -> str:
    """``mr_dashboard.api.stacks.pages`` -> ``api`` (depth 1) or
    ``api.stacks`` (depth 2)."""
    return ".".join(dotted.split(".")[1:1 + depth])


def graph(prefix: str = "", depth: int = 1) -> dict[str, set[str]]:
    """Edges between units of ``depth`` parts under ``prefix`` (a
    package's ``__init__`` at the prefix only gathers names: left out)."""
    edges: dict[str, set[str]] = defaultdict(set)
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        dotted = ".".join(("mr_dashboard",) + parts).removesuffix(
            ".__init__")
        if dotted.count(".") < depth:
            continue  # mr_dashboard itself, or the prefix's __init__
        source = _unit(dotted, depth)
        if not source.startswith(prefix):
            continue
        for name in _imported(ast.parse(path.read_text())):
            target = _unit(name, depth)
            if target != source and target.startswith(prefix) \
                    and name.count(".") >= depth:
                edges[source].add(target)
    return edges


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


def test_the_graph_is_read():
    edges = graph()
    assert "api" in edges["panels"]
    assert "hot" in edges["api"]


def test_no_cycle_between_top_level_packages_and_modules():
    assert cycle(graph()) == []


def test_no_cycle_between_the_parts_of_api():
    edges = graph("api", depth=2)
    assert "api.parallel" in edges["api.stacks"]
    assert cycle(edges) == []


def test_a_cycle_is_found():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
