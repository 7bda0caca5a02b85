"""Heat's status words, for people: ``CREATE_COMPLETE`` is "Create Complete".

A status is ``<ACTION>_<STATE>``; both halves have translated labels in
:mod:`mr_dashboard.constants`. A status Heat may add later is shown as is.
"""

from django.utils.translation import pgettext

from mr_dashboard import constants


def status_label(status: str) -> str:
    """The translated label of a stack or resource status."""
    for state, state_label in constants.STACK_STATE_LABELS.items():
        action = status.removesuffix("_" + state)
        if action != status and action in constants.STACK_ACTION_LABELS:
            return pgettext("Stack status", "%(action)s %(state)s") % {
                "action": constants.STACK_ACTION_LABELS[action],
                "state": state_label}
    return status
