"""Drift of a set's members: what changed outside Heat in each member's
whole tree (:mod:`mr_dashboard.api.drift`), every member at once.

Each member's tree is walked and detected in its own region by one call of
:func:`~mr_dashboard.api.parallel.run_all` (the walk's and the detection's
own calls run on their schedulers inside it, each within the plugin's
deadline), so the set takes about as long as its slowest member, not the
sum of them. A member that cannot be read keeps the error; the others are
still detected.
"""

from mr_dashboard import conf
from mr_dashboard.api import drift
from mr_dashboard.api import parallel
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.stack_sets.members import Member
from mr_dashboard.api.tree.walk import stack_tree

#: Rounds of calls, one after the other, that a member's walk and
#: detection make at most on a tree of the depth a set's member has (its
#: listing and nested stacks, remote children, then templates, attributes
#: and objects): a member is given this many deadlines of the plugin.
MEMBER_ROUNDS = 8


def member_drift(request: ApiRequest, region: str,
                 member: Member) -> drift.DriftReport:
    """The drift of ``member``'s whole tree (``region`` is its own)."""
    tree = stack_tree(request, region, member.stack.id, member.stack.name)
    return drift.detect_drift(request, tree)


def detect_members(request: ApiRequest, members: list[Member]
                   ) -> dict[str, drift.DriftReport | RegionError]:
    """Each member's drift, or why it could not be read, by region (in
    the order of ``members``), every member at once."""
    results = parallel.run_all(
        request, {member.region: parallel.Call(member.region, member_drift,
                                               (member,))
                  for member in members},
        deadline=conf.fan_out_deadline() * MEMBER_ROUNDS)
    return {region: result.value if result.ok else result.error
            for region, result in results.items()}
