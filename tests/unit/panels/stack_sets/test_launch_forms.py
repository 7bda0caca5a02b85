"""A set form's initial values: shared ones, and each region's own."""
from mr_dashboard.panels.stack_sets.launch_forms import split_values


def test_values_shared_by_every_member_are_common():
    common, own = split_values({"RegionOne": {"flavor": "m1", "image": "u"},
                                "RegionTwo": {"flavor": "m1", "image": "d"}})
    assert common == {"flavor": "m1"}
    assert own == {"RegionOne": {"image": "u"}, "RegionTwo": {"image": "d"}}


def test_a_value_one_member_lacks_is_its_own():
    common, own = split_values({"RegionOne": {"cidr": "a"}, "RegionTwo": {}})
    assert common == {} and own == {"RegionOne": {"cidr": "a"}, "RegionTwo": {}}
