"""The configuration reference, read from ``mr_dashboard/conf.py``.

``DEFAULTS`` in conf.py declares every key of Horizon's ``MR_DASHBOARD``
setting with its default, each under the comment that says what it does;
the accessors below it (``region_timeout()``...) read the keys. This module
reads that source with :mod:`ast` and :mod:`tokenize` (nothing is
imported, so neither the docs build nor this module's unit test needs
the plugin, Django or Sphinx) and writes the reStructuredText of three
directives (``mrd_directives.py``):

- ``mrd-settings`` (:func:`settings_rst`): one ``confval`` per key of
  ``DEFAULTS``, in the order declared: its default, its type, its comment,
  and the accessors that read it with their docstrings;
- ``mrd-horizon-settings`` (:func:`horizon_rst`): the settings of Horizon
  itself the plugin reads (``getattr(settings, NAME...)`` in conf.py),
  with the docstring of the function that reads each;
- ``mrd-removed-settings`` (:func:`removed_rst`): the keys no longer read
  (``REMOVED``) and the ones that replaced them.

A key with no comment above it is listed by :func:`undescribed` (and the
page says so), never invented.
"""

import ast
import io
import pathlib
import tokenize
from dataclasses import dataclass, field

CONF = pathlib.Path(__file__).resolve().parents[2] / "mr_dashboard" / "conf.py"
# Functions of conf.py whose first argument is the key of DEFAULTS read.
_READERS = {"plugin_setting", "_networks"}


@dataclass
class Setting:
    """One key of ``DEFAULTS``: its default and what conf.py says of it."""

    name: str
    default: object
    comment: str
    readers: list[tuple[str, str]] = field(default_factory=list)

    @property
    def type_name(self) -> str:
        return type(self.default).__name__


@dataclass
class HorizonSetting:
    """A setting of Horizon's own that conf.py reads."""

    name: str
    readers: list[tuple[str, str]] = field(default_factory=list)


def _comments(source: str) -> dict[int, str]:
    """Each full-line comment's text by its line number."""
    found = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and not token.line[
                :token.start[1]].strip():
            found[token.start[0]] = token.string.lstrip("#").strip()
    return found


def _comment_above(comments: dict[int, str], line: int) -> str:
    """The comment lines just above ``line``, joined."""
    lines = []
    above = line - 1
    while above in comments:
        lines.insert(0, comments[above])
        above -= 1
    return " ".join(lines)


def _declared(tree: ast.Module, name: str) -> ast.AST:
    """The value a module-level ``name = ...`` declares."""
    for node in tree.body:
        target = getattr(node, "target", None) or (
            node.targets[0] if isinstance(node, ast.Assign) else None)
        if isinstance(target, ast.Name) and target.id == name:
            return node.value
    raise LookupError(f"{CONF} declares no {name}")


def _docstring(function: ast.FunctionDef) -> str:
    """The function's docstring (reStructuredText) on one line."""
    return " ".join((ast.get_docstring(function) or "").split())


def read(path: pathlib.Path = CONF) -> tuple[list[Setting],
                                             list[HorizonSetting]]:
    """The keys of ``DEFAULTS`` and the Horizon settings conf.py reads."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    comments = _comments(source)
    declared = _declared(tree, "DEFAULTS")
    settings = {}
    for key, value in zip(declared.keys, declared.values):
        name = ast.literal_eval(key)
        settings[name] = Setting(name, ast.literal_eval(value),
                                 _comment_above(comments, key.lineno))
    horizon: dict[str, HorizonSetting] = {}
    for function in tree.body:
        if not isinstance(function, ast.FunctionDef):
            continue
        reader = (f"{function.name}()", _docstring(function))
        for call in ast.walk(function):
            if not isinstance(call, ast.Call) or not call.args:
                continue
            callee = getattr(call.func, "id", None)
            first = call.args[0]
            if callee in _READERS and isinstance(first, ast.Constant) \
                    and first.value in settings:
                settings[first.value].readers.append(reader)
            elif callee == "getattr" and len(call.args) > 1 \
                    and getattr(first, "id", None) == "settings" \
                    and isinstance(call.args[1], ast.Constant) \
                    and call.args[1].value != "MR_DASHBOARD":
                entry = horizon.setdefault(call.args[1].value,
                                           HorizonSetting(call.args[1].value))
                if reader not in entry.readers:
                    entry.readers.append(reader)
    return list(settings.values()), list(horizon.values())


def removed(path: pathlib.Path = CONF) -> dict[str, str]:
    """Keys no longer read (conf.py's ``REMOVED``), each with the key
    that replaced it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return ast.literal_eval(_declared(tree, "REMOVED"))


def undescribed(path: pathlib.Path = CONF) -> list[str]:
    """The keys of ``DEFAULTS`` with no comment above them."""
    return [setting.name for setting in read(path)[0] if not setting.comment]


def _escape(text: str) -> str:
    """``text`` as plain reStructuredText (no markup of its own)."""
    for mark in ("\\", "*", "`", "|", "_", "[", "]"):
        text = text.replace(mark, "\\" + mark)
    return text


def _readers_lines(readers: list[tuple[str, str]]) -> list[str]:
    return [f"   - ``conf.{name}``: {doc}" for name, doc in readers]


def settings_rst(path: pathlib.Path = CONF) -> list[str]:
    """The ``mrd-settings`` directive's text, reStructuredText lines."""
    lines = []
    for setting in read(path)[0]:
        lines += [f".. confval:: {setting.name}",
                  f"   :type: ``{setting.type_name}``",
                  f"   :default: ``{setting.default!r}``",
                  ""]
        lines.append("   " + (_escape(setting.comment) or
                              "*No description in conf.py.*"))
        if setting.readers:
            lines += ["", "   Read by:", ""] + _readers_lines(setting.readers)
        lines.append("")
    return lines


def horizon_rst(path: pathlib.Path = CONF) -> list[str]:
    """The ``mrd-horizon-settings`` directive's text."""
    lines = []
    for setting in read(path)[1]:
        lines += [f"``{setting.name}``", "   Read by:", ""]
        lines += _readers_lines(setting.readers) + [""]
    return lines


def removed_rst(path: pathlib.Path = CONF) -> list[str]:
    """The ``mrd-removed-settings`` directive's text."""
    return [f"- ``{old}``: no longer read; set :confval:`{new}` instead."
            for old, new in removed(path).items()] + [""]
