"""What a drift detection found: per resource, per stack, per region.

Each resource of the tree gets one status: :data:`IN_SYNC`,
:data:`MODIFIED` (with a :class:`PropertyDiff` per property that differs),
:data:`DELETED` (its object is gone), :data:`NOT_CHECKED` (its kind is not
compared, or it has no object, with the reason) or :data:`NOT_KNOWN` (its
region or cloud did not answer, with the reason). A stack and a region
count their resources by status; a stack whose Heat did not answer keeps
the error, the rest of the tree is still reported.
"""

import collections
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from mr_dashboard.api.errors import RegionError

IN_SYNC = "IN_SYNC"
MODIFIED = "MODIFIED"
DELETED = "DELETED"
NOT_CHECKED = "NOT_CHECKED"
NOT_KNOWN = "NOT_KNOWN"
#: Every status, in the order a page shows them.
STATUSES = (MODIFIED, DELETED, NOT_KNOWN, NOT_CHECKED, IN_SYNC)
#: The statuses that are drift: what Heat's converge would act on.
DRIFTED = (MODIFIED, DELETED)


@dataclass(frozen=True)
class PropertyDiff:
    """One property of a resource: what the template gives it and what
    the object has.

    ``compared`` is False when the template's value cannot be known here
    (``note`` says why: a ``get_attr``, a hidden parameter...): nothing is
    guessed, ``expected`` is then None. ``converges`` is False where
    Heat's update with ``converge`` does not read the property back (it
    would not put it right; docs/drift.md).
    """

    name: str
    expected: Any
    actual: Any
    compared: bool = True
    converges: bool = True
    note: str = ""


@dataclass(frozen=True)
class ResourceDrift:
    """One resource of a stack and what detection found."""

    name: str
    type: str
    physical_id: str
    status: str
    diffs: tuple[PropertyDiff, ...] = ()
    reason: str = ""

    @property
    def differences(self) -> tuple[PropertyDiff, ...]:
        """The properties that were compared and differ."""
        return tuple(diff for diff in self.diffs if diff.compared)

    @property
    def repairable(self) -> bool:
        """True when Heat's converge puts every difference right (a
        deleted object is made again)."""
        return all(diff.converges for diff in self.differences)


def _counted(resources: list[ResourceDrift]) -> dict[str, int]:
    counts = collections.Counter(res.status for res in resources)
    return {status: counts[status] for status in STATUSES}


@dataclass(frozen=True)
class Through:
    """The ``OS::Heat::Stack`` resource of the user's own cloud a stack of
    another cloud is reached through: its stack's region, id and name, and
    its name (the context giving the access is read again from that stack
    when the other cloud is called)."""

    region: str
    stack_id: str
    stack_name: str
    resource: str


@dataclass
class StackDrift:
    """One stack of the tree (its ``key`` is the tree node's) and its
    resources; ``error`` when its region or cloud did not answer;
    ``updated_by`` the key of the stack whose update reaches it (itself,
    or the stack holding a local nested stack), ``through`` how its cloud
    is reached when it is another's: what a repair needs, without walking
    the tree again."""

    key: str
    region: str
    cloud: str | None
    id: str
    name: str
    resources: list[ResourceDrift] = field(default_factory=list)
    error: RegionError | None = None
    updated_by: str = ""
    through: Through | None = None

    @property
    def counts(self) -> dict[str, int]:
        """How many resources have each status."""
        return _counted(self.resources)

    @property
    def drifted(self) -> bool:
        """True when a resource of the stack itself drifted."""
        return any(res.status in DRIFTED for res in self.resources)


@dataclass
class RegionDrift:
    """One region of one cloud (``cloud`` None: the user's own)."""

    region: str
    cloud: str | None
    stacks: list[StackDrift] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return _counted([res for stack in self.stacks
                         for res in stack.resources])

    @property
    def errors(self) -> list[RegionError]:
        """The distinct errors of the region's stacks."""
        return list(dict.fromkeys(stack.error for stack in self.stacks
                                  if stack.error is not None))


@dataclass
class DriftReport:
    """The detection of one tree: its stacks in the tree's order, what it
    read, the calls it made (each on the scheduler: one request to a
    service, a server's read two to four) and how long it took
    (seconds)."""

    stacks: list[StackDrift]
    reads: int = 0
    capped: bool = False
    elapsed: float = 0.0
    calls: int = 0

    @property
    def regions(self) -> list[RegionDrift]:
        """The stacks by region and cloud, in the order first met."""
        found: dict[tuple, RegionDrift] = {}
        for stack in self.stacks:
            place = (stack.cloud, stack.region)
            if place not in found:
                found[place] = RegionDrift(stack.region, stack.cloud)
            found[place].stacks.append(stack)
        return list(found.values())

    @property
    def counts(self) -> dict[str, int]:
        return _counted([res for stack in self.stacks
                         for res in stack.resources])

    @property
    def drifted(self) -> list[StackDrift]:
        """The stacks with a resource that drifted, children first (the
        order a repair takes, as Heat's remote stacks need)."""
        return [stack for stack in reversed(self.stacks) if stack.drifted]
