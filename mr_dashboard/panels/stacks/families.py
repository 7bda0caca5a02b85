"""The Stacks page's follow-up: remote parents and children of its rows.

The page renders from one stack-list call per region and what the cache
knows (:func:`~mr_dashboard.api.stacks.family.cached_families`); it never
waits for a family look-up. The rows still to be searched go into the page
in batches of ``BATCH`` stacks, each a signed token
(:mod:`mr_dashboard.tokens`) salted with the project, so a token is read
only in the project whose page made it and its stacks are taken as listed,
without asking Heat again. After the page has loaded, its script
(``mr_dashboard.stack_families.js``) asks :class:`FamiliesView` for each
batch and writes the answers into the rows. What is found is cached: the
next page renders it.
"""

from django.http import HttpRequest
from django.http import JsonResponse
from django.utils.dateparse import parse_datetime
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views import generic
from django.views.decorators.cache import never_cache

from mr_dashboard import tokens
from mr_dashboard.api import heat
from mr_dashboard.api.stacks import family as stack_family
from mr_dashboard.panels.stacks.marks import family_entry
from mr_dashboard.panels.stacks.tables import row_id

#: Stacks per follow-up request: a token of ten stays well under a
#: kilobyte and a half, far from web servers' limits on a request line.
BATCH = 10
#: How long a page's tokens are good for, in seconds.
MAX_AGE = 3600


_PURPOSE = "stack_families"


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _packed(stack: heat.Stack) -> list:
    """What a search needs of a listed stack."""
    return [stack.region, stack.id, stack.name, _when(stack.created),
            _when(stack.updated), stack.parent]


def _unpacked(values: list) -> heat.Stack:
    region, stack_id, name, created, updated, parent = values
    return heat.Stack(region=region, id=stack_id, name=name, status="",
                      created=parse_datetime(created) if created else None,
                      updated=parse_datetime(updated) if updated else None,
                      parent=parent)


def batch_tokens(request: HttpRequest, stacks: list[heat.Stack]) -> list[str]:
    """One signed token per ``BATCH`` of ``stacks``."""
    return [tokens.dumps([_packed(stack) for stack in stacks[at:at + BATCH]],
                         _PURPOSE, request.user.project_id)
            for at in range(0, len(stacks), BATCH)]


@method_decorator(never_cache, name="dispatch")
class FamiliesView(generic.View):
    """``{"rows": {row id: {"state", "marks", "warning"}}}`` of one batch
    (``?batch=<token>``); ``state`` is ``found``, or ``unknown`` when a
    call of the search failed (it is tried again on a later page)."""

    http_method_names = ["get"]

    def get(self, request, *args, **kwargs) -> JsonResponse:
        try:
            stacks = [_unpacked(values) for values in tokens.loads(
                request.GET.get("batch", ""), _PURPOSE,
                request.user.project_id, max_age=MAX_AGE)]
        except tokens.BadToken:
            return JsonResponse({"error": gettext(
                "This page is too old to look for remote links: reload "
                "it.")}, status=400)
        found = stack_family.families(request, stacks)
        missing = {stack.id for stack in
                   stack_family.cached_families(request, stacks)[1]}
        return JsonResponse({"rows": {row_id(stack): {
            "state": "unknown" if stack.id in missing else "found",
            **family_entry(stack, found[stack.id])} for stack in stacks}})
