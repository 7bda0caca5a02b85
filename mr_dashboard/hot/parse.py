"""Read templates and environments the way Heat reads them.

YAML is loaded like Heat loads it (dates stay strings, so
``heat_template_version: 2021-04-16`` keeps its spelling), JSON when the
text starts with ``{``. Every problem is a :class:`TemplateError` that
names the file and, for syntax errors, the line and column.
"""

import json
from typing import Any

import yaml
from django.utils.translation import gettext as _

from mr_dashboard import conf

#: Keys naming a template's format and version, HOT first.
VERSION_KEYS = ("heat_template_version", "HeatTemplateFormatVersion",
                "AWSTemplateFormatVersion")
#: Sections an environment may have.
ENVIRONMENT_SECTIONS = ("parameters", "parameter_defaults",
                        "resource_registry", "event_sinks",
                        "encrypted_param_names", "parameter_merge_strategies")
#: Endings of the resource types that name a template file.
TEMPLATE_SUFFIXES = (".yaml", ".yml", ".template", ".json")


class TemplateError(ValueError):
    """A file that is not a usable template or environment."""

    def __init__(self, message: str, name: str = "", line: int | None = None,
                 column: int | None = None) -> None:
        self.message, self.name = message, name
        self.line, self.column = line, column
        super().__init__(message)

    def __str__(self) -> str:
        where = self.name
        if self.line is not None:
            where = _("%(name)s, line %(line)d, column %(column)d") % {
                "name": self.name, "line": self.line, "column": self.column}
        return f"{where}: {self.message}" if where else self.message


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Heat's loader: safe, with timestamps kept as strings."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp",
                        yaml.SafeLoader.construct_yaml_str)


def decode(data: bytes | str, name: str) -> str:
    """``data`` as text, within the size limit, or a TemplateError."""
    limit = conf.template_max_bytes()
    size = len(data.encode() if isinstance(data, str) else data)
    if size > limit:
        raise TemplateError(_("%(size)d bytes is more than the %(limit)d "
                              "bytes Heat accepts.")
                            % {"size": size, "limit": limit}, name)
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise TemplateError(_("This is not UTF-8 text."), name) from None


def load(data: bytes | str, name: str) -> Any:
    """The YAML or JSON document in ``data``."""
    text = decode(data, name)
    try:
        if text.lstrip().startswith("{"):
            return json.loads(text)
        return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except json.JSONDecodeError as exc:
        raise TemplateError(exc.msg, name, exc.lineno, exc.colno) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        if mark is None:
            raise TemplateError(problem, name) from None
        raise TemplateError(problem, name, mark.line + 1,
                            mark.column + 1) from None


def version_key(document: Any) -> str | None:
    """The version key of a template, or None for anything else."""
    if isinstance(document, dict):
        return next((key for key in VERSION_KEYS if key in document), None)
    return None


def template_version(template: dict) -> str:
    """The version the way Heat lists them: ``heat_template_version.X``."""
    key = version_key(template)
    return f"{key}.{template[key]}" if key else ""


def resources_of(template: dict) -> dict[str, dict]:
    """The resources section of a HOT or CFN template."""
    section = template.get("resources", template.get("Resources")) or {}
    return {name: res for name, res in section.items()
            if isinstance(res, dict)}


def parse_template(data: bytes | str, name: str) -> dict:
    """The template in ``data``; refuses anything that is not one."""
    document = load(data, name)
    if version_key(document) is None:
        raise TemplateError(_("This is not a Heat template: it has no "
                              "heat_template_version."), name)
    section = document.get("resources", document.get("Resources"))
    if section is not None and not isinstance(section, dict):
        raise TemplateError(_("Its resources section is not a mapping."),
                            name)
    return document


def parse_environment(data: bytes | str, name: str) -> dict:
    """The environment in ``data``; refuses anything that is not one."""
    document = load(data, name) or {}
    if not isinstance(document, dict):
        raise TemplateError(_("This is not a Heat environment: it is not "
                              "a mapping."), name)
    unknown = sorted(set(document) - set(ENVIRONMENT_SECTIONS))
    if unknown:
        raise TemplateError(_("This is not a Heat environment: unknown "
                              "section %(section)s.")
                            % {"section": unknown[0]}, name)
    return document


def is_template_name(value: Any) -> bool:
    """True for a resource type that names a template file."""
    return isinstance(value, str) and value.endswith(TEMPLATE_SUFFIXES)
