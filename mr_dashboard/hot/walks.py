"""The bounds of one walk through a launch's templates.

:mod:`~mr_dashboard.hot.children` and :mod:`~mr_dashboard.hot.values`
walk every provider template, group member and ``OS::Heat::Stack`` child
of a launch as written. Written small, a launch can ask for a huge walk: a
provider template may name itself (through the environment's
``resource_registry``), and five files of 600 bytes, each holding 20
resources of the next one's type, made 3.2 million entries (21 s, 932 MiB)
while a cycle was a ``RecursionError``. Heat refuses both
(``max_nested_stack_depth``, 5, and ``max_resources_per_stack``, 1,000,
over each stack's tree). So a walk runs inside :func:`bounded`, which
counts the resources it visits (:data:`MAX_RESOURCES`) and the templates
open along its way (:data:`MAX_NESTING`, a template open twice is a
cycle): past either the launch is refused with a :class:`TemplateError`.
It also counts the text ``str_replace`` and ``list_join`` build in all
(``TEMPLATE_MAX_TOTAL_BYTES``), past which a value is known only at create
(:func:`built`): one anchored 1.5 KB ``str_replace`` building 512 KiB,
used 650 times, built 340 million characters.
"""

import contextlib
import contextvars
from collections.abc import Iterator

from django.utils.translation import gettext as _

from mr_dashboard import conf
from mr_dashboard.hot.parse import TemplateError

#: Templates open at once along one path of a walk (provider templates
#: and OS::Heat::Stack children): twice Heat's own depth, which counts
#: each region's tree apart.
MAX_NESTING = 10
#: Resources one walk visits (group members once each): five times the
#: 1,000 Heat allows in one stack's tree, for launches spanning regions.
MAX_RESOURCES = 5000


class _Walk:
    def __init__(self) -> None:
        self.resources = 0
        self.text = 0
        self.open: list[str] = []


_current: contextvars.ContextVar[_Walk | None] = contextvars.ContextVar(
    "mr_dashboard_walk", default=None)


@contextlib.contextmanager
def bounded() -> Iterator[None]:
    """Counts the walk run inside (a walk already bounded goes on)."""
    if _current.get() is not None:
        yield
        return
    token = _current.set(_Walk())
    try:
        yield
    finally:
        _current.reset(token)


def visit(key: str) -> None:
    """Counts one resource of the template ``key``."""
    walk = _current.get()
    if walk is None:
        return
    walk.resources += 1
    if walk.resources > MAX_RESOURCES:
        raise TemplateError(_("The launch makes more than %(count)d "
                              "resources with its provider templates, "
                              "groups and child stacks (Heat allows "
                              "%(heat)d in one stack's tree).")
                            % {"count": MAX_RESOURCES, "heat": 1000}, key)


@contextlib.contextmanager
def opened(key: str) -> Iterator[None]:
    """Walks the template ``key`` inside the one holding it."""
    walk = _current.get()
    if walk is None:
        yield
        return
    if key in walk.open:
        raise TemplateError(_("It uses itself, through %(path)s: Heat "
                              "refuses such a template.")
                            % {"path": " → ".join(walk.open + [key])}, key)
    if len(walk.open) >= MAX_NESTING:
        raise TemplateError(_("Its templates are nested deeper than "
                              "%(depth)d levels.") % {"depth": MAX_NESTING},
                            key)
    walk.open.append(key)
    try:
        yield
    finally:
        walk.open.pop()


def built(length: int) -> bool:
    """Counts ``length`` characters about to be built by a function; False
    once the walk would have built more than ``TEMPLATE_MAX_TOTAL_BYTES``
    (nothing more is built then)."""
    walk = _current.get()
    if walk is None:
        return True
    walk.text += length
    return walk.text <= conf.template_max_total_bytes()
