"""Heat's status words, for people: ``CREATE_COMPLETE`` is "Create Complete".

A status is ``<ACTION>_<STATE>``; both halves have translated labels in
:mod:`mr_dashboard.constants`. A status Heat may add later is shown as is.
"""

from django.utils.translation import pgettext

from mr_dashboard import constants
from mr_dashboard.api.heat.status import split_status


def status_label(status: str) -> str:
    """The translated label of a stack or resource status."""
    action, state = split_status(status)
    if (action in constants.STACK_ACTION_LABELS
            and state in constants.STACK_STATE_LABELS):
        return pgettext("Stack status", "%(action)s %(state)s") % {
            "action": constants.STACK_ACTION_LABELS[action],
            "state": constants.STACK_STATE_LABELS[state]}
    return status
