"""The one merge of per-source lists: each list gives a prefix of itself,
in whatever order it is, and the rest is left per source."""
from mr_dashboard.api.merging import merge_heads


def test_the_best_head_each_time_and_the_rest_per_source():
    lists = {"RegionOne": [1, 4, 9], "RegionTwo": [2, 3, 10], "RegionThree": []}
    page, rest = merge_heads(lists, 4, lambda source, item: item)
    assert page == [("RegionOne", 1), ("RegionTwo", 2), ("RegionTwo", 3), ("RegionOne", 4)]
    assert rest == {"RegionOne": [9], "RegionTwo": [10], "RegionThree": []}


def test_a_list_out_of_order_still_gives_a_prefix_of_itself():
    page, rest = merge_heads({"a": [5, 1], "b": [3]}, 2, lambda source, item: item,
                             reverse=True)
    assert page == [("a", 5), ("b", 3)]
    assert rest == {"a": [1], "b": []}


def test_fewer_items_than_the_page():
    page, rest = merge_heads({"a": ["x"]}, 5, lambda source, item: (item, source))
    assert page == [("a", "x")] and rest == {"a": []}
