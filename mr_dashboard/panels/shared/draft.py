"""A template and its files, carried from one step of a form to the next.

The first step (choosing the template) reads uploads and URLs once; what it
found travels to the next steps in one hidden field, sealed
(:func:`mr_dashboard.tokens.seal`: compressed, encrypted and authenticated)
so the server only ever takes back what it produced and the page cannot
show what the files hold (an environment file may carry hidden parameter
values). A draft is sealed for its owner, the project and user of the
request that made it (:func:`owner_of`), and taken back only for them: one
copied from another user's page, or from the same user in another project,
is refused like a tampered one. Every step re-runs the checks anyway, so
nothing is trusted blindly. A ``hidden`` parameter's value typed at a
Check travels on in the draft too (:meth:`Draft.keep`, for one stack and
for each region of a set), never in a field of the page.

From the first step to the second, the draft goes through Django's cache
(:meth:`Draft.hand_over`, :meth:`Draft.handed`): the first step keeps it,
sealed, under a new random key and redirects to the second step's URL with
that key, so the second step is a page of its own (a reload shows it
again, and no upload is sent twice).
"""

import secrets
from collections.abc import MutableMapping
from dataclasses import asdict, dataclass, field

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.html import escape
from django.utils.translation import gettext

from mr_dashboard import tokens
from mr_dashboard.hot import resolve

_PURPOSE = "launch.draft"
#: Seconds a draft stays usable (a long coffee break).
MAX_AGE = 12 * 3600
_HANDED = "mr_dashboard:draft:"


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
    #: Whose it is (:func:`owner_of`): the scope of its seal. Empty for a
    #: draft read back from a stack (its form drops the hidden field): a
    #: seal without an owner is never taken back, :meth:`loads` needs one.
    owner: str = ""
    #: Values of ``hidden`` parameters typed at an earlier step (a Check):
    #: kept here, sealed, so that the next step need not ask for them
    #: again; the page's password fields come back empty.
    hidden: dict[str, str] = field(default_factory=dict)
    #: The same for a stack set's values of one region: by region, then
    #: parameter.
    region_hidden: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, request: HttpRequest, region: str,
           launchable: resolve.Launchable) -> "Draft":
        """The draft of ``launchable``, owned by the user of ``request``."""
        return cls(region=region, root=launchable.root,
                   template=launchable.template, files=launchable.files,
                   environment_files=launchable.environment_files,
                   owner=owner_of(request))

    def dumps(self) -> str:
        """The draft sealed for its owner."""
        return tokens.seal(asdict(self), _PURPOSE, self.owner)

    def hand_over(self) -> str:
        """Keep the sealed draft for the next step; the key to ask it
        with (good for :data:`MAX_AGE`, as the draft)."""
        key = secrets.token_urlsafe(16)
        cache.set(_HANDED + key, self.dumps(), timeout=MAX_AGE)
        return key

    @classmethod
    def handed(cls, key: str, request: HttpRequest) -> "Draft":
        """The draft kept under ``key`` by :meth:`hand_over`;
        tokens.BadToken if there is none, or as :meth:`loads`."""
        sealed = cache.get(_HANDED + key) if key else None
        if sealed is None:
            raise tokens.BadToken("no draft handed over under this key")
        return cls.loads(sealed, request)

    @classmethod
    def loads(cls, value: str, request: HttpRequest) -> "Draft":
        """The draft in ``value``; tokens.BadToken if it was not sealed
        here for the project and user of ``request``, or is too old."""
        return cls(**tokens.unseal(value, _PURPOSE, owner_of(request),
                                   max_age=MAX_AGE))

    def keep(self, data: MutableMapping, field_name: str, name: str,
             region: str = "") -> None:
        """The rule of a ``hidden`` parameter's field ``field_name`` in the
        posted ``data``: a value typed there is kept (for ``region``'s
        member of a set, or for all); a blank one is given the value kept
        before, if any."""
        kept = self.region_hidden.get(region, {}) if region else self.hidden
        typed = data.get(field_name)
        if typed:
            kept[name] = typed
            if region:
                self.region_hidden[region] = kept
        elif name in kept:
            data[field_name] = kept[name]

    def kept(self, name: str, region: str = "") -> bool:
        """Whether a value of ``name`` (for ``region``) is kept."""
        return name in (self.region_hidden.get(region, {}) if region
                        else self.hidden)

    def launchable(self) -> resolve.Launchable:
        return resolve.from_heat(self.root, self.template, self.files,
                                 self.environment_files, self.environment)


def kept_help() -> str:
    """What a kept hidden value's field says (escaped: Horizon prints
    help text unescaped)."""
    return escape(gettext(" Kept, sealed, from what you typed before: "
                          "leave it blank to keep it."))


def owner_of(request: HttpRequest) -> str:
    """Who a draft made or taken back in ``request`` belongs to: its
    project and its user."""
    return f"project={request.user.project_id}:user={request.user.id}"
