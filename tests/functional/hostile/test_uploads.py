"""Uploads: zip and tar bombs of every compression, tar headers claiming
400 MiB (GNU long name, PAX), 100,000 members, deep and many folders,
overlapping zip entries, one 120 MiB template file."""
import pytest

from tests.functional.hostile import cases


@pytest.mark.parametrize("case", cases.UPLOADS, ids=str)
def test_a_hostile_upload_is_answered_in_bounds(hostile, case):
    cases.assert_answered_in_bounds(case, hostile)
