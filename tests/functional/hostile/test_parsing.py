"""Templates, environments and provider templates pasted or uploaded raw:
deep block, flow and JSON nesting, merge-key and alias bombs, one huge
scalar on each side of the size limit, many keys, many files pulled in
with get_file."""
import pytest

from tests.functional.hostile import cases


@pytest.mark.parametrize("case", cases.PARSE, ids=str)
def test_a_hostile_template_is_answered_in_bounds(hostile, case):
    cases.assert_answered_in_bounds(case, hostile)


@pytest.mark.parametrize("case", cases.ENVIRONMENTS, ids=str)
def test_a_hostile_environment_or_file_set_is_answered_in_bounds(hostile, case):
    cases.assert_answered_in_bounds(case, hostile)
