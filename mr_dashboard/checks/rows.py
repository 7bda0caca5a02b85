"""One row of the checks before a launch: a check of one stack in one
region (shared by the checklist and the checks of what regions hold)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from mr_dashboard import constants


@dataclass(frozen=True)
class Check:
    """One check of one stack in one region."""

    region: str
    stack: str
    name: str
    status: str
    reason: str = ""

    @property
    def label(self) -> str:
        return constants.CHECK_LABELS[self.status]


def stack_label(name: str) -> str:
    """How a stack is named in a row: its dotted path from the root."""
    return name or _("(the stack itself)")
