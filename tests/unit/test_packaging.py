"""Tests of the packaging: setup.cfg lists every package and data file."""

import configparser
import fnmatch
import pathlib

import mr_dashboard.enabled

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _options():
    parser = configparser.ConfigParser()
    parser.read(ROOT / "setup.cfg")
    return parser


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def test_every_package_is_listed():
    listed = set(_lines(_options()["options"]["packages"]))
    found = {".".join(path.parent.relative_to(ROOT).parts)
             for path in (ROOT / "mr_dashboard").rglob("__init__.py")}
    assert found | {"mr_dashboard.enabled"} == listed


def test_enabled_files_are_the_top_level_directory():
    assert pathlib.Path(mr_dashboard.enabled.__path__[0]) == ROOT / "enabled"


def test_every_data_file_is_shipped():
    package_data = _options()["options.package_data"]
    roots = {"mr_dashboard": ROOT / "mr_dashboard",
             "mr_dashboard.enabled": ROOT / "enabled",
             "mr_dashboard.panels.credentials":
                 ROOT / "mr_dashboard" / "panels" / "credentials",
             "mr_dashboard.panels.regions":
                 ROOT / "mr_dashboard" / "panels" / "regions",
             "mr_dashboard.panels.resource_types":
                 ROOT / "mr_dashboard" / "panels" / "resource_types",
             "mr_dashboard.panels.stacks":
                 ROOT / "mr_dashboard" / "panels" / "stacks"}
    patterns = {package: _lines(package_data[package]) for package in roots}
    for path in (ROOT / "mr_dashboard").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js", ".css"):
            assert any(
                fnmatch.fnmatch(str(path.relative_to(roots[package])),
                                pattern.replace("**/", "*"))
                for package, package_patterns in patterns.items()
                if path.is_relative_to(roots[package])
                for pattern in package_patterns), path
    assert "local_settings.d/*.py" in patterns["mr_dashboard.enabled"]
