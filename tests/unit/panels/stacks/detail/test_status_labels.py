"""Tests of the status words of the stack detail."""

import pytest

from mr_dashboard.panels.stacks.detail.status_labels import status_label


@pytest.mark.parametrize("status, label", [
    ("CREATE_COMPLETE", "Create Complete"),
    ("ROLLBACK_IN_PROGRESS", "Rollback In progress"),
    ("DELETE_FAILED", "Delete Failed"),
    ("FROBNICATE_COMPLETE", "FROBNICATE_COMPLETE"),
    ("", ""),
])
def test_status_label(status, label):
    assert status_label(status) == label
