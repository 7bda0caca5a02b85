"""A region (or another cloud) missing from a page of the Stacks panel,
as the banner (``mr_stacks/_region_problems.html``) shows it: the Stacks
page's failed, skipped and late regions, a stack page whose cloud did not
answer."""

from dataclasses import dataclass


@dataclass(frozen=True)
class RegionProblem:
    """A region missing from the page, as the banner shows it."""

    region: str
    kind: str
    label: str
    message: str
    elapsed: float
    skipped: bool = False
    age: float = 0.0
    #: Still answering: its rows follow the page.
    late: bool = False
