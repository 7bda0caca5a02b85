"""Pathological ``allowed_pattern`` constraints at the Check step."""
import pytest

from tests.functional.hostile import cases


@pytest.mark.parametrize("case", cases.PATTERNS, ids=str)
def test_a_pathological_pattern_is_answered_in_bounds(hostile, case):
    cases.assert_answered_in_bounds(case, hostile)
