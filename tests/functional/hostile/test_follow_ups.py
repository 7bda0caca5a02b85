"""The follow-ups of the pages that come within their budget (the Stacks
page's late rows, a launch's late checks and pickers, the Stack Sets and
Resource Types pages' late parts, a set form shown again from kept
answers), asked with keys the server never gave: 3,000 characters,
spaces, NUL, markup, non-ASCII. Each answers 400 (the page is unknown or
too old; the set form: lists afresh, here a set no region holds, told in
the page) in bounds, never a 5xx, and never shows the key back as
markup."""
import pytest

from tests.functional.hostile import cases


@pytest.mark.parametrize("case", cases.FOLLOW_UPS, ids=str)
def test_a_hostile_follow_up_key_is_refused(hostile, case):
    cases.assert_answered_in_bounds(case, hostile)
