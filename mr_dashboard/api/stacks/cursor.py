"""Where a page of stacks of several regions starts, and how it is sorted.

A :class:`Cursor` holds, per region, the :class:`Gap` between two of its
stacks where the page starts, and travels in the page links as a URL-safe
signed token (:meth:`Cursor.encode`). :data:`SORT_KEYS` are the columns stacks
can be sorted by: Heat's sort keys, and the same order computed here to
merge the regions' answers (:mod:`~mr_dashboard.api.stacks.merge`).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from mr_dashboard import tokens
from mr_dashboard.api.heat import Stack
from mr_dashboard.api.heat.status import state_of

_PURPOSE = "stacks_cursor"


def _time(value) -> tuple:
    # PostgreSQL puts NULL after every value, the way Heat's listing does.
    return (value is None, value.timestamp() if value else 0.0)


@dataclass(frozen=True)
class SortKey:
    """A column stacks can be sorted by, as Heat and this module see it."""

    heat_keys: tuple[str, ...]
    value: Callable[[Stack], tuple]
    #: False when Heat's marker paging is wrong for this key.
    marker_safe: bool = True


SORT_KEYS = {
    "created": SortKey(("creation_time",), lambda s: (_time(s.created),)),
    "updated": SortKey(("updated_time",), lambda s: (_time(s.updated),),
                       marker_safe=False),
    "name": SortKey(("stack_name",), lambda s: (s.name,)),
    "status": SortKey(("stack_status", "stack_name"),
                      lambda s: (state_of(s.status), s.name)),
}
DEFAULT_SORT = "created"


@dataclass(frozen=True)
class Gap:
    """A place in one region's sorted list: after ``count`` stacks, between
    the stacks ``before`` and ``after`` (ids; None at the list's ends)."""

    count: int = 0
    before: str | None = None
    after: str | None = None


@dataclass(frozen=True)
class Cursor:
    """Where a page starts in each region, how it is sorted, and whether it
    runs forward from there or back."""

    sort: str = DEFAULT_SORT
    descending: bool = True
    backward: bool = False
    gaps: Mapping[str, Gap] = field(default_factory=dict, hash=False)

    def gap(self, region: str) -> Gap:
        """The region's place; a region not seen yet starts at its top."""
        return self.gaps.get(region, Gap())

    def encode(self) -> str:
        """The cursor as a URL-safe token."""
        data = {"s": self.sort, "d": int(self.descending),
                "b": int(self.backward),
                "g": {region: [gap.count, gap.before, gap.after]
                      for region, gap in sorted(self.gaps.items())}}
        return tokens.dumps(data, _PURPOSE)

    @classmethod
    def decode(cls, token: str) -> "Cursor":
        """Read a token of :meth:`encode`; ValueError if it is not one."""
        try:
            data = tokens.loads(token, _PURPOSE)
            gaps = {region: Gap(int(count), before, after)
                    for region, (count, before, after) in data["g"].items()}
            ids = [i for g in gaps.values() for i in (g.before, g.after)]
            if (data["s"] not in SORT_KEYS
                    or any(g.count < 0 for g in gaps.values())
                    or not all(i is None or isinstance(i, str)
                               for i in ids)):
                raise ValueError("out of range")
            return cls(sort=data["s"], descending=bool(data["d"]),
                       backward=bool(data["b"]), gaps=gaps)
        except (tokens.BadToken, ValueError, TypeError, KeyError,
                AttributeError) as exc:
            raise ValueError("not a stacks cursor") from exc
