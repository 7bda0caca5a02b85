"""Hostile text: the payloads the untrusted-text tests place everywhere.

Every payload that could run calls ``__x(N)`` (N its number) or
``alert(N)``. The browser test defines both on every new document before
any page script, so a payload that runs leaves its number behind; it also
fails on any element of the page that carries a payload's handler or
script (``MARK`` in an ``on*`` attribute, a ``<script>``, a link).

:data:`PAYLOADS` holds the markup and script payloads; :data:`ODD_TEXT`
text that breaks naive code in other ways (template syntax, RTL and
zero-width characters, very long text, text that is not UTF-8 once
decoded). :func:`numbered` gives each payload a short name for the
places that need one (resource and output names).
"""

#: What a payload calls when it runs; nothing in the plugin contains it.
MARK = "__x"

_SCRIPTS = (
    "<script>__x(1)</script>",
    "<SCRIPT SRC=data:,__x(2)></SCRIPT>",
    "<script>alert(3)</script>",
    '"><script>__x(4)</script>',
    "'><script>__x(5)</script>",
    "</textarea><script>__x(6)</script>",
    "</title><script>__x(7)</script>",
    "</pre><script>__x(8)</script>",
    "<scr<script>ipt>__x(9)</scr</script>ipt>",
    "<!--<script>-->__x(10)<!--</script>-->",
)
_HANDLERS = (
    "<img src=x onerror=__x(11)>",
    '<img src="x" onerror="__x(12)">',
    "<svg onload=__x(13)>",
    "<svg><script>__x(14)</script></svg>",
    "<body onload=__x(15)>",
    "<iframe srcdoc=\"<script>parent.__x(16)</script>\"></iframe>",
    "<details open ontoggle=__x(17)>",
    "<video><source onerror=__x(18)></video>",
    "<input autofocus onfocus=__x(19)>",
    "<marquee onstart=__x(20)>",
    "<math><mtext><img src=x onerror=__x(21)></mtext></math>",
    "<div style=\"animation-name:spin\" onanimationstart=__x(22)>",
    "<object data=\"javascript:__x(23)\"></object>",
    "<embed src=\"javascript:__x(24)\">",
    "<form><button formaction=javascript:__x(25)>x</button></form>",
)
_BREAKOUTS = (
    '" onmouseover="__x(26)" x="',
    "' onmouseover='__x(27)' x='",
    '" autofocus onfocus="__x(28)" x="',
    '"><img src=x onerror=__x(29)>',
    "'><img src=x onerror=__x(30)>",
    '"/><svg onload=__x(31)>',
    "`><img src=x onerror=__x(32)>",
    '" style="x:expression(__x(33))',
    "</span><img src=x onerror=__x(34)>",
    "]]><img src=x onerror=__x(35)>",
)
_URLS = (
    "javascript:__x(36)",
    "JaVaScRiPt:__x(37)",
    " javascript:__x(38)",
    "java\tscript:__x(39)",
    "data:text/html,<script>__x(40)</script>",
    "vbscript:__x(41)",
    '<a href="javascript:__x(42)">link</a>',
    "<svg><a xlink:href=\"javascript:__x(43)\"><text y=20>x</text></a></svg>",
    "//evil.example/__x(44)",
    "&#106;avascript:__x(45)",
)
_ENCODED = (
    "&lt;script&gt;__x(46)&lt;/script&gt;",
    "&#60;img src=x onerror=__x(47)&#62;",
    "\\u003cimg src=x onerror=__x(48)\\u003e",
    "%3Cscript%3E__x(49)%3C/script%3E",
    "<img src=x onerror=&#95;&#95;x(50)>",
)

#: Markup and script payloads; each one, if it ever ran, calls __x or alert.
PAYLOADS: tuple[str, ...] = _SCRIPTS + _HANDLERS + _BREAKOUTS + _URLS + _ENCODED

#: Text that is not markup but breaks naive code all the same.
ODD_TEXT: tuple[str, ...] = (
    "{{7*7}}",
    "${7*7}",
    "<%= 7*7 %>",
    "{% debug %}",
    "#{7*7}",
    "{{constructor.constructor('__x(51)')()}}",
    "[[7*7]]",
    "\u202eevil.exe\u202c txt",          # right-to-left override
    "zero\u200bwidth\u200d\ufeffjoin",   # zero-width space, joiner, BOM
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",  # Hebrew, Arabic
    "emoji \U0001f600 and \U0001f4a9",
    "x" * 5000,                          # very long, no spaces
    "\ufffd\ufffd invalid UTF-8 replaced",
    "line\nbreak\r\nand\ttab",
)

#: Bytes that are not UTF-8, for files (a template or an environment file).
NOT_UTF8 = b"heat_template_version: 2021-04-16\ndescription: \xff\xfe\xc3\x28\n"

EVERYTHING: tuple[str, ...] = PAYLOADS + ODD_TEXT


def numbered(prefix: str, texts=PAYLOADS) -> dict[str, str]:
    """``{prefix<N>: text}``: a short key per payload."""
    return {f"{prefix}{index}": text for index, text in enumerate(texts)}


def joined(texts=PAYLOADS, limit: int = 0) -> str:
    """The payloads in one string, separated by spaces (cut at ``limit``
    characters when given), for a field that holds one text."""
    text = " ".join(texts)
    return text[:limit] if limit else text
