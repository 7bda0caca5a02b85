"""Read templates and environments the way Heat reads them, within bounds.

YAML is loaded with python-heatclient's own loader (``template_format``:
safe, dates stay strings, so ``heat_template_version: 2021-04-16`` keeps
its spelling), JSON when the text starts with ``{``; an environment may
have the sections heatclient's ``environment_format`` lists. heatclient's
``parse`` functions themselves are not called: they would load a document
before the limits below are checked and drop the line and column of a
syntax error. Every problem is a :class:`TemplateError` that names the file
and, for syntax errors, the line and column.

Bounded parsing: :func:`load` is the one way every template, environment
and file the plugin reads is parsed, and nothing of a document is built
before it is known to fit:

1. its size, before anything reads it (:func:`decode`);
2. YAML: one pass over libyaml's *event stream* (the C parser: a loop with
   heap stacks, no recursion and no Python object per level), stopped at
   the first event past a limit: nesting (block and flow alike) deeper
   than :data:`MAX_DEPTH`; a second document; more than :data:`MAX_ALIASES`
   aliases; more than :data:`MAX_VALUES` values or ``TEMPLATE_MAX_TOTAL_
   BYTES`` characters once every alias is expanded (each anchored node's
   expanded size is kept, an alias counts as that size: this refuses a
   "billion laughs" and the merge-key chains ``<<: [*a, *a]``, whose node
   lists PyYAML doubles per level, alike; every node event counts as a
   value, so the number of events is bounded too); an alias inside the
   node it names; a number longer than :data:`MAX_NUMBER_LENGTH` (YAML
   1.1's base 60 ``1:2:3`` is quadratic to read, a long ``0x…`` too large
   for Python to print); ``!!binary`` and ``!!set``, which JSON (and so
   Heat) cannot hold;
3. JSON: one scan of the text for nesting, values and long numbers
   (strings skipped);
4. only then the document is composed and constructed by the same loader
   as before. libyaml's composer recurses in C, one level per level of
   nesting: it crashed the worker with a segfault at 40,000 levels.

Why a pre-pass and no subprocess: measured with PyYAML 6.0.3's C parser
in a child under RLIMIT_AS, its event stream survives 40,000 and 1,000,000
levels of block nesting (``- - - … v``: 0.06 s and 1.6 s of CPU to read
every event, 110 MB for the million) and flow nesting of 40,000 levels, but
flow nesting costs time quadratic in its depth (40,000 ``[``: 5 s of CPU;
a million did not end within two minutes). Stopped at the first event past
:data:`MAX_DEPTH`, a million levels of either kind are refused within 5 ms
and 2 MB. With these limits the worst document of every class takes under
1 s of CPU and 40 MiB (docs/security.md, "Bounded parsing"), so no process
per document is needed (a fresh interpreter with the loader costs 0.12 s of
CPU and 18 MB; forking a threaded gunicorn worker is unsafe).
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
#: Deepest nesting, most values (aliases and merge keys expanded) and most
#: aliases of one document.
MAX_DEPTH = 100
MAX_VALUES = 80_000
MAX_ALIASES = 10_000
#: Longest number: a longer one may take seconds to read (YAML 1.1's
#: base-60 integers ``1:2:3``) or be too large to print (Python writes no
#: integer of more than 4,300 digits).
MAX_NUMBER_LENGTH = 1000
#: Sections that must be mappings when they are there.
TEMPLATE_MAPPINGS = ("parameters", "Parameters", "resources", "Resources",
                     "outputs", "Outputs")
ENVIRONMENT_MAPPINGS = ("parameters", "parameter_defaults",
                        "resource_registry", "parameter_merge_strategies")
#: Endings of the resource types that name a template file.
TEMPLATE_SUFFIXES = (".yaml", ".yml", ".template", ".json")
#: A JSON string (an unterminated one runs to the end: no backtracking), a
#: bracket, or a number or literal.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*(?:"|\\?\Z)|[][{}]|[^][{}\s,:"]+',
                         re.DOTALL)
_YAML_TAG = "tag:yaml.org,2002:"
_NUMBERS = (_YAML_TAG + "int", _YAML_TAG + "float")
#: YAML types PyYAML builds that JSON lacks (bytes and sets).
_NOT_JSON = (_YAML_TAG + "binary", _YAML_TAG + "set")


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


def _too_deep(name: str) -> TemplateError:
    return TemplateError(_("The document is nested too deeply: deeper than "
                           "%(depth)d levels.") % {"depth": MAX_DEPTH}, name)


def _too_many(name: str) -> TemplateError:
    return TemplateError(_("The document holds more than %(count)d values "
                           "(merge keys and YAML aliases expanded).")
                         % {"count": MAX_VALUES}, name)


def _too_long(name: str) -> TemplateError:
    return TemplateError(_("A number in the document is longer than "
                           "%(count)d characters.")
                         % {"count": MAX_NUMBER_LENGTH}, name)


def _check_json(text: str, name: str) -> None:
    """Refuses JSON nested deeper than MAX_DEPTH, holding more than
    MAX_VALUES values (keys included) or a number longer than
    MAX_NUMBER_LENGTH, before it is read."""
    depth = values = 0
    for token in _JSON_TOKEN.finditer(text):
        char = token[0][0]
        if char in "]}":
            depth -= 1
            continue
        values += 1
        if values > MAX_VALUES:
            raise _too_many(name)
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(name)
        elif char in "-0123456789" and len(token[0]) > MAX_NUMBER_LENGTH:
            raise _too_long(name)


def _check_node(loader: template_format.yaml_loader, event: yaml.NodeEvent,
                name: str) -> None:
    """Refuses a node of a type JSON lacks, or a long number (libyaml's
    events carry no resolved tag: resolved here as the composer does)."""
    if event.tag in _NOT_JSON:
        raise TemplateError(_("A Heat template holds JSON's types only: "
                              "the YAML type %(tag)s is not one of them.")
                            % {"tag": event.tag.replace(_YAML_TAG, "!!")},
                            name)
    if (isinstance(event, yaml.ScalarEvent)
            and len(event.value) > MAX_NUMBER_LENGTH
            and (event.tag if event.tag not in (None, "!") else
                 loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                 ) in _NUMBERS):
        raise _too_long(name)


def _check_yaml(text: str, name: str) -> None:
    """Refuses, from libyaml's events and before any node is built, YAML
    beyond the limits of the module's docstring."""
    most_chars = conf.template_max_total_bytes()
    values = chars = aliases = documents = 0
    anchors: dict[str, tuple[int, int]] = {}  # expanded values, characters
    # For each node open: its anchor, and the values and characters before.
    open_nodes: list[tuple[str | None, int, int]] = []
    loader = template_format.yaml_loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise TemplateError(_("The document holds more than "
                                          "%(count)d YAML aliases.")
                                        % {"count": MAX_ALIASES}, name)
                if any(event.anchor == node[0] for node in open_nodes):
                    raise TemplateError(_("The YAML alias %(alias)s is "
                                          "inside the node it names.")
                                        % {"alias": event.anchor[:100]},
                                        name)
                # An undefined alias counts 1: the composer refuses it.
                size, length = anchors.get(event.anchor, (1, 0))
                values, chars = values + size, chars + length
            elif isinstance(event, yaml.ScalarEvent):
                _check_node(loader, event, name)
                values, chars = values + 1, chars + len(event.value)
                if event.anchor is not None:
                    anchors[event.anchor] = (1, len(event.value))
            elif isinstance(event, yaml.CollectionStartEvent):
                _check_node(loader, event, name)
                open_nodes.append((event.anchor, values, chars))
                values += 1
                if len(open_nodes) > MAX_DEPTH:
                    raise _too_deep(name)
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, values_before, chars_before = open_nodes.pop()
                if anchor is not None:
                    anchors[anchor] = (values - values_before,
                                       chars - chars_before)
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    raise TemplateError(_("The file holds more than one "
                                          "YAML document."), name,
                                        mark.line + 1, mark.column + 1)
            if values > MAX_VALUES:
                raise _too_many(name)
            if chars > most_chars:
                raise TemplateError(_(
                    "The document holds more than %(limit)d characters "
                    "of text once its YAML aliases are expanded.")
                    % {"limit": most_chars}, name)
    finally:
        loader.dispose()


def load(data: bytes | str, name: str) -> Any:
    """The YAML or JSON document in ``data``, within the limits of the
    module's docstring."""
    text = decode(data, name)
    try:
        if text.lstrip().startswith("{"):
            _check_json(text, name)
            return json.loads(text)
        _check_yaml(text, name)
        # A (C)SafeLoader:
        return yaml.load(text, Loader=template_format.yaml_loader)
    except json.JSONDecodeError as exc:
        raise TemplateError(exc.msg, name, exc.lineno, exc.colno) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        if problem == "exceeded maximum nesting depth":
            # libyaml's own limit (PyYAML 6.0.4's wheels), met while it
            # scans ahead, before _check_yaml saw MAX_DEPTH levels.
            raise _too_deep(name) from None
        if mark is None:
            raise TemplateError(problem, name) from None
        raise TemplateError(problem, name, mark.line + 1,
                            mark.column + 1) from None
    except TemplateError:
        raise
    except (ValueError, IndexError, KeyError, OverflowError):
        # PyYAML's constructors of a value tagged !!int, !!float or !!bool
        # that is none (or a float too large) fail so.
        raise TemplateError(_("A value is not of the type its YAML tag "
                              "says, or is a number too large."),
                            name) from None


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
