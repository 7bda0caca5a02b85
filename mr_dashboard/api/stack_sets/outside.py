"""Whether a member was changed outside its set: its template, files and
parameters read back from its region's Heat and compared with the digests
its tags carry (what the set gave it)."""

from django.utils.translation import gettext

from mr_dashboard.api import heat
from mr_dashboard.api import parallel
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.stack_sets import tags as set_tags
from mr_dashboard.api.stack_sets.members import Member
from mr_dashboard.api.stack_sets.members import StackSet


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


def outside_changes(request: ApiRequest, stack_set: StackSet
                    ) -> dict[str, parallel.RegionResult]:
    """:func:`member_changes` of every member, all regions at once."""
    return parallel.run_all(request, {
        region: parallel.Call(region, member_changes, (member,))
        for region, member in stack_set.members.items()})
