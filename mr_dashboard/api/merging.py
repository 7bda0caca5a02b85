"""One page from several regions' (or sources') lists, each already in
the page's order: the one merge the Stacks page and the tree's events use.

Each row of the page is the best of the lists' next items, so each list
gives a prefix of what it holds, whatever order it is really in (a
region's Heat sorts with its own database's rules): where each list's
place moves to is exactly the items taken from it.
"""

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")


def merge_heads(lists: Mapping[Hashable, Sequence[Item]], size: int,
                key: Callable[[Hashable, Item], Any],
                reverse: bool = False
                ) -> tuple[list[tuple[Hashable, Item]],
                           dict[Hashable, list[Item]]]:
    """Up to ``size`` items, each the smallest (``reverse``: largest) by
    ``key(source, item)`` of the lists' next ones, as ``(source, item)``
    in page order; and each list's items left after the page."""
    pick = max if reverse else min
    queues = {source: list(items) for source, items in lists.items()}
    page: list[tuple[Hashable, Item]] = []
    while len(page) < size:
        heads = [(source, items[0]) for source, items in queues.items()
                 if items]
        if not heads:
            break
        source, item = pick(heads, key=lambda pair: key(*pair))
        queues[source].pop(0)
        page.append((source, item))
    return page, queues
