"""The answer of a page's follow-up: what came late (docs/architecture.md,
"A page within its budget").

Every follow-up (the Stacks page's late rows, the launch's late checks and
pickers, a page's late part) answers the same way, for its page's script
(``horizon.mr_dashboard.followUp``): ``{"state": "waiting", "waiting":
[regions]}`` while late regions are still out, ``{"state": "done", ...}``
with what the page puts in place once none is, and a 400 with ``error``
when the page is unknown, too old, or another user's or project's.
"""

from collections.abc import Callable
from collections.abc import Iterable
from typing import TypeVar

from django.http import JsonResponse

Found = TypeVar("Found")


def answer(found: Found | None, too_old: str,
           waiting: Callable[[Found], Iterable[str]],
           done: Callable[[Found], dict]) -> JsonResponse:
    """The follow-up's answer of ``found`` (None: ``too_old``, its
    message): the regions ``waiting(found)`` names, or ``done(found)``."""
    if found is None:
        return JsonResponse({"error": too_old}, status=400)
    out = list(waiting(found))
    if out:
        return JsonResponse({"state": "waiting", "waiting": out})
    return JsonResponse({"state": "done", **done(found)})
