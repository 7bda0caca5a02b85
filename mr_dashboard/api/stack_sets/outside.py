"""Whether a member was changed outside its set: its template, files and
parameters read back from its region's Heat and compared with the digests
its tags carry (what the set gave it)."""

from collections.abc import Iterable
from functools import partial

from django.utils.translation import gettext

from mr_dashboard.api import heat
from mr_dashboard.api import parallel
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.stack_sets import tags as set_tags
from mr_dashboard.api.stack_sets.members import Member


def member_changes(request: ApiRequest, region: str,
                   member: Member) -> list[str]:
    """What differs between the member in Heat and what its tags say."""
    stack_id = member.stack.identity
    template = heat.stack_template(request, region, stack_id)
    files = heat.stack_files(request, region, stack_id) or {}
    shown = heat.stack_show(request, region, stack_id,
                            resolve_outputs=False).parameters
    given = {name: value for name, value in shown.items()
             if not name.startswith(("OS::", "AWS::"))}
    reasons = []
    if set_tags.template_digest(template, files) \
            != member.tags.template_digest:
        reasons.append(gettext("Its template was changed outside the set."))
    if set_tags.parameters_digest(template, given) \
            != member.tags.parameters_digest:
        reasons.append(gettext(
            "Its parameters were changed outside the set."))
    return reasons


def changes_of(request: ApiRequest, region: str, name: str,
               stacks: Iterable[heat.Stack]
               ) -> dict[str, parallel.RegionResult]:
    """:func:`member_changes` of each of ``stacks`` of ``region`` that is a
    member of the set ``name``, by stack id (a member that cannot be read
    back fails alone: its result's error)."""
    found = {}
    for stack in stacks:
        tags = set_tags.parse(stack.tags)
        if tags is not None and tags.name == name:
            found[stack.id] = parallel.timed_call(
                partial(member_changes, member=Member(stack, tags)),
                request, region)
    return found
