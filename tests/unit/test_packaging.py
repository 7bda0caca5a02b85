"""Tests of the packaging: pbr finds every package and ships every file.

The wheel itself is built, installed and run by tests/packaging/.
"""

import ast
import configparser
import importlib.metadata
import pathlib
import re
import sys

import setuptools
from packaging import specifiers

import mr_dashboard
import mr_dashboard.enabled

ROOT = pathlib.Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "mr_dashboard"


def _setup_cfg() -> configparser.ConfigParser:
    parser = configparser.ConfigParser()
    parser.read(ROOT / "setup.cfg")
    return parser


def _normalized(name: str) -> str:
    """A distribution's name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_names(path: pathlib.Path) -> set[str]:
    lines = (line.split("#")[0].strip()
             for line in path.read_text().splitlines())
    return {_normalized(re.split(r"[<>=!~;\[ ]", line)[0])
            for line in lines if line}


def _imported_top_level(root: pathlib.Path) -> set[str]:
    names = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names.add(node.module.split(".")[0])
    return names


def test_packages_are_discovered_not_listed():
    assert _setup_cfg()["files"]["packages"].split() == ["mr_dashboard"]


def test_every_python_directory_is_a_package():
    # pbr finds subpackages with setuptools.find_packages, which skips a
    # directory without __init__.py: its modules would miss the wheel.
    found = {"mr_dashboard"} | {f"mr_dashboard.{name}" for name in
                                setuptools.find_packages(PACKAGE)}
    with_code = {".".join(path.parent.relative_to(ROOT).parts)
                 for path in PACKAGE.rglob("*.py")
                 if "local_settings.d" not in path.parts}
    assert with_code <= found


def test_enabled_files_are_in_the_package():
    # As heat-dashboard ships heat_dashboard/enabled/; the top-level
    # enabled/ of the checkout is a link to it (the demo cloud copies
    # from there).
    enabled = pathlib.Path(mr_dashboard.enabled.__path__[0])
    assert enabled == pathlib.Path(mr_dashboard.__path__[0]) / "enabled"
    assert (ROOT / "enabled").resolve() == PACKAGE / "enabled"
    assert sorted(p.name for p in enabled.glob("_6*.py"))
    assert (enabled / "local_settings.d" / "_6000_mr_dashboard.py").is_file()


def test_every_import_is_a_requirement():
    requirements = _requirement_names(ROOT / "requirements.txt")
    distributions = importlib.metadata.packages_distributions()
    third_party = (_imported_top_level(PACKAGE) - set(sys.stdlib_module_names)
                   - {"mr_dashboard"})
    missing = {module: distributions.get(module) for module in third_party
               if not {_normalized(name) for name in
                       distributions.get(module, [module])} & requirements}
    assert not missing


def test_python_requires_fits_the_installed_horizon():
    # The plugin needs 3.11 (hot/patterns reads re._parser) on every
    # supported Horizon; the installed Horizon runs on that Python too, and
    # README.md says the same.
    python_requires = _setup_cfg()["metadata"]["python_requires"]
    assert python_requires == ">=3.11"
    horizon = importlib.metadata.metadata("horizon")["Requires-Python"]
    assert specifiers.SpecifierSet(horizon).contains("3.11")
    assert "Python 3.11+" in (ROOT / "README.md").read_text()
