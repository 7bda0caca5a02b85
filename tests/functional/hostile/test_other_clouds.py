"""Another cloud: the Check of a credential (the create form's, and a
stored one's) against a Keystone of the test answering a 2 GiB body, a
drip, malformed JSON and a catalog of 100,000 endpoints (over and under
the plugin's cap on an answer's size); and the
other-cloud page under a demo parent with hostile ids, regions and
resources (the binding itself: tests/functional/test_cloud_binding.py)."""
import pytest

from tests.functional.hostile import cases


@pytest.mark.parametrize("case", cases.KEYSTONES, ids=str)
def test_a_hostile_keystone_is_cut_in_bounds(hostile, case):
    cases.assert_answered_in_bounds(case, hostile)


@pytest.mark.parametrize("case", cases.CLOUD_PAGES, ids=str)
def test_a_hostile_other_cloud_url_gets_a_message(hostile, case):
    cases.assert_answered_in_bounds(case, hostile)
