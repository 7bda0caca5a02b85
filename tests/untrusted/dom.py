"""What a page would run of the corpus, read from its HTML.

:func:`injected` parses a page (or a fragment) the way a browser splits it
into elements and lists every element the corpus put there: a handler
attribute calling the corpus's function, a script holding it, a link or
frame that would run script. The browser test checks the live DOM the same
way (``DOM_CHECK``), after the page's own scripts have run.
:func:`attribute_values` reads an attribute as a browser does;
:func:`shown_as_text` asserts payloads are in a page as text, escaped once.
"""

import re
from html.parser import HTMLParser

from django.utils.html import escape

from tests.untrusted.corpus import MARK

_SCRIPT_URL = re.compile(r"^[\x00-\x20]*(javascript|vbscript|data):", re.I)
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href",
                   "data", "srcdoc")


def _runs(name: str, value: str) -> bool:
    """A link or frame that would run script (of the corpus, for data:)."""
    found = _SCRIPT_URL.match(value)
    if name == "srcdoc" or (found and found.group(1).lower() == "data"):
        return MARK in value
    return bool(found)


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        self._script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and MARK in value:
                self.found.append(f"<{tag} {name}={value!r}>")
            elif name in _URL_ATTRIBUTES and _runs(name, value):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        self._script = False

    def handle_data(self, data):
        if self._script and MARK in data:
            self.found.append(f"<script>{data[:80]!r}")


class _Attributes(HTMLParser):
    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name, self.found = name, []

    def handle_starttag(self, tag, attrs):
        self.found += [value or "" for name, value in attrs if name == self.name]


def attribute_values(page: str, name: str) -> list[str]:
    """Every value of the attribute ``name`` in ``page``, as a browser
    reads it (a payload that broke out of its attribute is not in it)."""
    finder = _Attributes(name)
    finder.feed(page)
    finder.close()
    return finder.found


def injected(page: str) -> list[str]:
    """Elements of ``page`` that the corpus made and a browser would run."""
    finder = _Finder()
    finder.feed(page)
    finder.close()
    return finder.found


#: The same check in the browser, on the live DOM: returns what it found.
DOM_CHECK = r"""
const MARK = arguments[0], found = [];
const urlAttrs = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'];
for (const el of document.querySelectorAll('*')) {
  for (const attr of el.attributes) {
    const name = attr.name.toLowerCase(), value = attr.value;
    if (name.startsWith('on') && value.includes(MARK)) {
      found.push('<' + el.tagName + ' ' + name + '=' + value + '>');
    } else if (urlAttrs.includes(name) && (
        /^[\x00-\x20]*(javascript|vbscript):/i.test(value) ||
        ((name === 'srcdoc' || /^[\x00-\x20]*data:/i.test(value)) && value.includes(MARK)))) {
      found.push('<' + el.tagName + ' ' + name + '=' + value + '>');
    }
  }
  if (el.tagName.toLowerCase() === 'script' && el.textContent.includes(MARK)) {
    found.push('<script>' + el.textContent.slice(0, 80));
  }
}
return found;
"""


def shown_as_text(text: str, *payloads: str) -> None:
    """Each payload is in the page as text: escaped once, as Django does."""
    missing = [p for p in payloads if escape(p) not in text]
    assert missing == [], missing
