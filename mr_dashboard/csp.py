"""The Content-Security-Policy of the plugin's pages.

Every view of the plugin's panels answers with :data:`POLICY`, set by
:func:`protect` on the panel's URL patterns (the way Horizon puts its own
access checks on a panel's views), so Horizon's other pages are left as
they are. A policy the deployment already set on the response is kept.

Horizon's own pages need inline ``<script>`` elements (its settings and
start-up code in ``horizon/_scripts.html``) and ``eval`` (Hogan compiles
its client-side templates, e.g. the confirmation dialog, with ``new
Function``), so scripts in elements keep ``'unsafe-inline'`` and
``script-src`` keeps ``'unsafe-eval'``. What the policy takes away:
handler attributes (``onerror=``, ``onload=``, ... : ``script-src-attr
'none'``; neither Horizon nor the plugin uses them), scripts, plugins,
frames, fetches and form posts to any other origin, ``<base>`` and being
framed by another site. The plugin itself has no inline script: its
scripts are static files. docs/security.md explains each directive.
"""

import functools

from django.urls import URLPattern
from django.urls import URLResolver

HEADER = "Content-Security-Policy"

#: (directive, sources), in the order they are sent.
DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'unsafe-inline' 'unsafe-eval'"),
    ("script-src-elem", "'self' 'unsafe-inline'"),
    ("script-src-attr", "'none'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("frame-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'self'"),
)
POLICY = "; ".join(f"{name} {sources}" for name, sources in DIRECTIVES)


def with_policy(view):
    """``view``, answering with :data:`POLICY` unless the response has
    a policy already."""
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if HEADER not in response:
            response[HEADER] = POLICY
        return response
    return wrapped


def protect(patterns: list) -> list:
    """``patterns`` (a panel's ``urlpatterns``, included ones too) with
    every view answering with the policy."""
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = with_policy(pattern.callback)
        elif isinstance(pattern, URLResolver):
            protect(pattern.url_patterns)
    return patterns
