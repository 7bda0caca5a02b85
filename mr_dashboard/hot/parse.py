"""Read templates and environments the way Heat reads them.

YAML is loaded with python-heatclient's own loader (``template_format``:
safe, dates stay strings, so ``heat_template_version: 2021-04-16`` keeps
its spelling), JSON when the text starts with ``{``; an environment may
have the sections heatclient's ``environment_format`` lists. heatclient's
``parse`` functions themselves are not called: they would load a document
before the limits below are checked and drop the line and column of a
syntax error. Every problem is a :class:`TemplateError` that
names the file and, for syntax errors, the line and column. A document
nested deeper than :data:`MAX_DEPTH`, holding more than :data:`MAX_VALUES`
values or more text than a whole launch may (``TEMPLATE_MAX_TOTAL_BYTES``)
once its YAML aliases are expanded (a "billion laughs") is refused before
anything else reads it.
"""

import json
import re
from typing import Any

import yaml
from django.utils.translation import gettext as _
from heatclient.common import environment_format
from heatclient.common import template_format

from mr_dashboard import conf

#: Keys naming a template's format and version, HOT first.
VERSION_KEYS = ("heat_template_version", "HeatTemplateFormatVersion",
                "AWSTemplateFormatVersion")
#: Deepest nesting and most values (aliases expanded) of one document.
MAX_DEPTH = 100
MAX_VALUES = 200_000
#: Most brackets open at once in the text: libyaml's C parser crashes the
#: whole process (no RecursionError) somewhere past 10,000.
MAX_BRACKETS = 1000
#: Sections that must be mappings when they are there.
TEMPLATE_MAPPINGS = ("parameters", "Parameters", "resources", "Resources",
                     "outputs", "Outputs")
ENVIRONMENT_MAPPINGS = ("parameters", "parameter_defaults",
                        "resource_registry", "parameter_merge_strategies")
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


def _check_size(document: Any, name: str) -> None:
    """Refuses a document nested too deeply or too large once expanded:
    too many values, or more text than a whole launch may hold (an alias
    of a long string counts each time it is used)."""
    pending, count, chars = [(document, 1)], 0, 0
    most_chars = conf.template_max_total_bytes()
    while pending:
        value, depth = pending.pop()
        count += 1
        if depth > MAX_DEPTH or count > MAX_VALUES:
            raise TemplateError(_("The document is nested deeper than "
                                  "%(depth)d levels or holds more than "
                                  "%(count)d values (YAML aliases "
                                  "expanded).") % {"depth": MAX_DEPTH,
                                                   "count": MAX_VALUES},
                                name)
        if isinstance(value, str):
            chars += len(value)
            if chars > most_chars:
                raise TemplateError(_(
                    "The document holds more than %(limit)d characters "
                    "of text once its YAML aliases are expanded.")
                    % {"limit": most_chars}, name)
        if isinstance(value, dict):
            value = [*value.keys(), *value.values()]
        if isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)


def _brackets_open(text: str) -> int:
    """The most ``[`` and ``{`` open at once (strings not told apart)."""
    depth = deepest = 0
    for char in re.sub(r"[^\[\]{}]+", "", text):
        depth = depth + 1 if char in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def load(data: bytes | str, name: str) -> Any:
    """The YAML or JSON document in ``data``."""
    text = decode(data, name)
    if _brackets_open(text) > MAX_BRACKETS:
        raise TemplateError(_("The document is nested too deeply."), name)
    try:
        if text.lstrip().startswith("{"):
            document = json.loads(text)
        else:
            # A (C)SafeLoader:
            document = yaml.load(text, Loader=template_format.yaml_loader)
    except RecursionError:
        raise TemplateError(_("The document is nested too deeply."),
                            name) from None
    except json.JSONDecodeError as exc:
        raise TemplateError(exc.msg, name, exc.lineno, exc.colno) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        if mark is None:
            raise TemplateError(problem, name) from None
        raise TemplateError(problem, name, mark.line + 1,
                            mark.column + 1) from None
    _check_size(document, name)
    return document


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
    _check_mappings(document, TEMPLATE_MAPPINGS, name)
    groups = document.get("parameter_groups")
    if groups is not None and not (isinstance(groups, list) and all(
            isinstance(group, dict)
            and isinstance(group.get("parameters", []), list)
            for group in groups)):
        raise TemplateError(_("Its parameter_groups section is not a list "
                              "of groups, each with a list of "
                              "parameters."), name)
    return document


def _check_mappings(document: dict, sections: tuple[str, ...],
                    name: str) -> None:
    """Refuses a section of ``sections`` that is there but no mapping."""
    for section in sections:
        value = document.get(section)
        if value is not None and not isinstance(value, dict):
            raise TemplateError(_("Its %(section)s section is not a "
                                  "mapping.") % {"section": section}, name)


def parse_environment(data: bytes | str, name: str) -> dict:
    """The environment in ``data``; refuses anything that is not one."""
    document = load(data, name) or {}
    if not isinstance(document, dict):
        raise TemplateError(_("This is not a Heat environment: it is not "
                              "a mapping."), name)
    unknown = sorted(set(document) - set(environment_format.SECTIONS))
    if unknown:
        raise TemplateError(_("This is not a Heat environment: unknown "
                              "section %(section)s.")
                            % {"section": unknown[0]}, name)
    _check_mappings(document, ENVIRONMENT_MAPPINGS, name)
    return document


def is_template_name(value: Any) -> bool:
    """True for a resource type that names a template file."""
    return isinstance(value, str) and value.endswith(TEMPLATE_SUFFIXES)
