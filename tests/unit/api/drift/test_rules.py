"""Tests of mr_dashboard.api.drift.rules: one property compared."""

from mr_dashboard.api.drift.rules import Rule
from mr_dashboard.api.drift.rules import diffs
from mr_dashboard.api.drift.rules import same_set
from mr_dashboard.hot.values import Unknown


def test_a_property_left_out_is_compared_only_with_a_default():
    rules = (Rule("name"), Rule("admin_state_up", default=True),
             Rule("tags", same=same_set))
    assert diffs(rules, {}, {"name": "made-by-heat", "admin_state_up": True,
                             "tags": ["x"]}) == ()
    changed, = diffs(rules, {}, {"name": "x", "admin_state_up": False})
    assert (changed.name, changed.expected, changed.actual) == (
        "admin_state_up", True, False)


def test_an_unknown_value_is_not_compared_and_says_why():
    found, = diffs((Rule("name", converges=False),),
                   {"name": [Unknown("it uses get_attr")]}, {"name": "x"})
    assert not found.compared and not found.converges
    assert found.expected is None and found.actual == "x"
    assert "get_attr" in found.note


def test_numbers_match_their_text_and_lists_any_order():
    assert diffs((Rule("mtu"), Rule("peer_cidrs", same=same_set)),
                 {"mtu": "1500", "peer_cidrs": ["b", "a"]},
                 {"mtu": 1500, "peer_cidrs": ["a", "b"]}) == ()
