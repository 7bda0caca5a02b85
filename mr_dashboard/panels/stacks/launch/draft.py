"""A template and its files, carried from one step of a form to the next.

The first step (choosing the template) reads uploads and URLs once; what it
found travels to the next steps in one hidden field, sealed
(:func:`mr_dashboard.tokens.seal`: compressed, encrypted and authenticated)
so the server only ever takes back what it produced and the page cannot
show what the files hold (an environment file may carry hidden parameter
values). Every step re-runs the checks anyway, so nothing is trusted
blindly.
"""

from dataclasses import asdict, dataclass, field

from mr_dashboard import tokens
from mr_dashboard.hot import resolve

_PURPOSE = "launch.draft"
#: Seconds a draft stays usable (a long coffee break).
MAX_AGE = 12 * 3600


@dataclass
class Draft:
    """What a stack is launched (or updated) with, in its region."""

    region: str
    root: str
    template: dict
    files: dict[str, str] = field(default_factory=dict)
    environment_files: list[str] = field(default_factory=list)
    #: Inline environment: only a resource registry, never parameters
    #: (hidden values must not reach the page).
    environment: dict = field(default_factory=dict)
    #: The regions of a stack set (its first is ``region``); empty for one
    #: stack.
    regions: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, region: str, launchable: resolve.Launchable) -> "Draft":
        return cls(region=region, root=launchable.root,
                   template=launchable.template, files=launchable.files,
                   environment_files=launchable.environment_files)

    def dumps(self) -> str:
        return tokens.seal(asdict(self), _PURPOSE)

    @classmethod
    def loads(cls, value: str) -> "Draft":
        """The draft in ``value``; tokens.BadToken if it was not ours
        or is too old."""
        return cls(**tokens.unseal(value, _PURPOSE, max_age=MAX_AGE))

    def launchable(self) -> resolve.Launchable:
        return resolve.from_heat(self.root, self.template, self.files,
                                 self.environment_files, self.environment)
