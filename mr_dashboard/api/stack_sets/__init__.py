"""Stack sets: one template in many regions, kept in step, found again
from Heat alone through its members' tags (docs/stack_sets.md).

``tags`` (the scheme, digests), ``members`` (sets read from every region),
``outside`` (members changed outside the set), ``member_drift`` (each
member's drift, all members at once), ``steps`` / ``rollout`` /
``pending`` (an operation's per-region parts, batches, retries) and
``operations`` (create, update, add and remove a region, delete).
"""
