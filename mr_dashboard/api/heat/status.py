"""A Heat status, ``<ACTION>_<STATE>``, read in one place.

Heat's actions (``CREATE``, ``UPDATE``, ``ROLLBACK``...) hold no
underscore; its states are ``constants.STATE_*`` (``IN_PROGRESS`` does).
Heat filters and sorts stacks on the state alone.
"""

from mr_dashboard import constants

#: The whole statuses the pages test (a snapshot that can be restored, the
#: batch actions a stack allows), named here rather than spelled there.
CREATE_COMPLETE = "CREATE_COMPLETE"
DELETE_IN_PROGRESS = "DELETE_IN_PROGRESS"
UPDATE_IN_PROGRESS = "UPDATE_IN_PROGRESS"
SUSPEND_COMPLETE = "SUSPEND_COMPLETE"
RESUME_FAILED = "RESUME_FAILED"


def split_status(status: str) -> tuple[str, str]:
    """``("CREATE", "IN_PROGRESS")`` of ``CREATE_IN_PROGRESS``."""
    action, _sep, state = status.partition("_")
    return action, state


def state_of(status: str) -> str:
    """``COMPLETE`` of ``CREATE_COMPLETE``; "" for no status."""
    return split_status(status)[1]


def in_progress(status: str) -> bool:
    """Whether Heat is still working on what has this status."""
    return state_of(status) == constants.STATE_IN_PROGRESS
