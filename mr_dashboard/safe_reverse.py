"""Links built from values a cloud gave: made only when the values fit.

A stack id, a region or a snapshot id from a cloud's answer (another
cloud's above all) may hold anything; Django's ``reverse()`` refuses a
value its URL pattern does not match (a ``/`` in a ``[^/]+`` part, an
empty part) with ``NoReverseMatch``, which would be a 500 for the whole
page. :func:`safe_reverse` is the one rule for such values: a link is made
only from parts that each are one non-empty URL path segment of printable
text that the pattern accepts; otherwise there is no link (the page shows
the text alone). Values a URL of this site matched already need no check.
"""

import re
from collections.abc import Sequence

from django.urls import NoReverseMatch
from django.urls import reverse

#: One path segment: no "/", no control character, at most 255 characters.
SEGMENT = re.compile(r"[^/\x00-\x1f\x7f]{1,255}")


def is_segment(value: object) -> bool:
    """Whether ``value`` can be one part of a link's path."""
    return isinstance(value, str) and SEGMENT.fullmatch(value) is not None


def safe_reverse(url_name: str, args: Sequence[str] = ()) -> str | None:
    """``reverse(url_name, args=args)``, or None when an argument is not
    one path segment (:func:`is_segment`) or the pattern refuses it."""
    if not all(is_segment(arg) for arg in args):
        return None
    try:
        return reverse(url_name, args=tuple(args))
    except NoReverseMatch:
        return None
