"""Tests of mr_dashboard.safe_reverse: a link from a cloud's ids is made
only when every id fits the URL, never a NoReverseMatch."""

import pytest

from mr_dashboard import constants
from mr_dashboard.safe_reverse import is_segment
from mr_dashboard.safe_reverse import safe_reverse

STACK_ID = "0e3c4fec-b2ef-4e54-8827-a4873868d109"


@pytest.mark.parametrize("value", [
    "RegionOne", STACK_ID, "name with spaces", "a?b#c", "..", "<i>x<i>", "é", "x" * 255])
def test_one_path_segment_makes_a_link(value):
    assert is_segment(value)
    url = safe_reverse(constants.STACK_DETAIL_URL, ("RegionOne", value))
    assert url is not None and url.startswith("/project/mr_stacks/RegionOne/")
    assert url.count("/") == 5  # nothing added a path segment


@pytest.mark.parametrize("value", [
    "a/b", "/", "../../../identity", "", "line\nbreak", "tab\t", "nul\x00", "x" * 256,
    None, 42, b"bytes"])
def test_anything_else_makes_no_link(value):
    assert not is_segment(value)
    assert safe_reverse(constants.STACK_DETAIL_URL, ("RegionOne", value)) is None
    assert safe_reverse(constants.STACK_DETAIL_URL, (
        "RegionOne", STACK_ID, "remote", "RegionOne", value)) is None


def test_a_pattern_stricter_than_one_segment_is_a_missing_link_too():
    # The Stacks index takes no argument: the pattern refuses one.
    assert safe_reverse(constants.STACKS_INDEX_URL, ("RegionOne",)) is None
    assert safe_reverse(constants.STACKS_INDEX_URL) == "/project/mr_stacks/"
