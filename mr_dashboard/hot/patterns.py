"""A parameter's ``allowed_pattern``, checked in the launch form within bounds.

A string's ``allowed_pattern`` is matched as Heat matches it (``re``'s
``match`` reaching the end of the value) but with the ``regex`` module and
a time limit, since a pattern such as ``(a+)+$`` takes time exponential in
the value's length with ``re`` (31 s for 29 characters): a value longer than
:data:`MAX_VALUE`, a check slower than :data:`TIMEOUT`, a
pattern longer than :data:`MAX_LENGTH` or one ``regex`` could read
otherwise than ``re`` or build too large (see :func:`_matcher`) is not
refused but noted under the field, and Heat decides. A pattern is checked
for syntax with ``re``'s own parser, not compiled by ``re``: compiling may
take long (``(?i)[\\x01-\\U0010fffe]``: 6 ms each, 2.4 s for 400 of them).
"""

import functools
import re
# re's own parser (private, stable since Python 3.11): the syntax Heat's re
# reads, and the tree whose size regex would build.
import re._constants as re_constants
import re._parser as re_parser
from collections.abc import Iterator
from typing import Any

import regex
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: Seconds one allowed_pattern may take on one value; the longest value
#: matched here; the largest program ``regex`` may build of a pattern (it
#: writes ``a{1000}`` out: ``(?:a{1000}){1000}`` took 270 MB and
#: ``x{4294967294}`` 2 GB before a MemoryError).
TIMEOUT = 0.1
MAX_VALUE = 10_000
MAX_SIZE = 10_000
#: Longest pattern read here (its parsing costs about 3 µs a character,
#: its compiling by ``regex`` about 10).
MAX_LENGTH = 1000
_REPEATS = (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT,
            re_constants.POSSESSIVE_REPEAT)
#: What ``regex`` reads otherwise than ``re`` (which takes them as plain
#: characters): fuzzy matching ``(?:ab){e<=1}`` and POSIX classes
#: ``[[:alpha:]]``; found broadly (any ``{`` then e, i, d or s before the
#: next brace), never refused for it. Linear: no two ways to match a text.
_REGEX_ONLY = re.compile(r"\{[^{}eids]*[eids]|\[:\^?[a-z]+:\]")


def check_syntax(pattern: str) -> None:
    """``re.error`` unless ``pattern`` is one Heat's ``re`` reads (a pattern
    longer than :data:`MAX_LENGTH` is left to Heat)."""
    if len(pattern) <= MAX_LENGTH:
        re_parser.parse(pattern)


def _parts(value: Any) -> Iterator[re_parser.SubPattern]:
    """The subpatterns of a parsed node's argument."""
    for item in value if isinstance(value, (tuple, list)) else (value,):
        if isinstance(item, re_parser.SubPattern):
            yield item
        elif isinstance(item, list):
            yield from _parts(item)


def _size(parsed: re_parser.SubPattern) -> int:
    """About how many nodes ``regex`` builds of ``parsed``, each repeat
    counted as often as it may repeat (once if unbounded); counted up to
    just past MAX_SIZE."""
    total, pending = 0, [(parsed, 1)]
    while pending and total <= MAX_SIZE:
        subpattern, times = pending.pop()
        for op, value in subpattern:
            total += times
            if op in _REPEATS:
                low, high, sub = value
                most = low if high == re_constants.MAXREPEAT else high
                pending.append((sub, times * max(most, 1)))
            else:
                pending.extend((sub, times) for sub in _parts(value))
    return total


@functools.lru_cache(maxsize=256)
def _matcher(pattern: str) -> "regex.Pattern | None":
    """``pattern`` compiled by the ``regex`` module (``VERSION0``, its
    ``re``-compatible behaviour), or None where it would be too large or
    read otherwise than by ``re``. Still different: ``regex`` knows a newer
    Unicode than the ``re`` of Heat's Python, so a letter or digit added
    since may match ``\\w`` or ``\\d`` here and not in Heat."""
    try:
        if len(pattern) > MAX_LENGTH or _REGEX_ONLY.search(
                pattern) or _size(re_parser.parse(pattern)) > MAX_SIZE:
            return None
        return regex.compile(pattern, regex.VERSION0)
    except (re.error, regex.error, RecursionError):
        return None


class Pattern:
    """A form validator for ``allowed_pattern``: refuses a value that does
    not match, or sets :attr:`note` when it could not tell."""

    def __init__(self, pattern: str, message: str | None) -> None:
        self.pattern, self.message = pattern, message
        self.shown = pattern if len(pattern) <= 200 else pattern[:200] + "…"
        self.note: str | None = None

    def __call__(self, value: str) -> None:
        self.note = None
        matcher = _matcher(self.pattern)  # compiled when first needed
        if matcher is None or len(value) > MAX_VALUE:
            self.note = _("Not checked against the pattern %(pattern)s "
                          "here: Heat checks it when it gets the stack.") % {
                "pattern": self.shown}
            return
        try:
            # concurrent: the GIL is released while it matches.
            found = matcher.match(value, timeout=TIMEOUT,
                                  concurrent=True)
        except TimeoutError:
            self.note = _("The check against the pattern %(pattern)s took "
                          "too long and was stopped: Heat checks it when it "
                          "gets the stack.") % {"pattern": self.shown}
            return
        if found is None or found.end() != len(value):
            raise ValidationError(self.message or _(
                "The value must match %(pattern)s.")
                % {"pattern": self.shown})
