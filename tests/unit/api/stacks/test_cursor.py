"""Tests of mr_dashboard.api.stacks.cursor: the page cursor's token."""

import pytest

from mr_dashboard.api.stacks.cursor import SORT_KEYS, Cursor, Gap
from mr_dashboard.api.heat.status import state_of as stack_state


def test_every_sort_key_names_heat_s_own_keys():
    heat_keys = {key for sort in SORT_KEYS.values() for key in sort.heat_keys}
    assert heat_keys == {"creation_time", "updated_time", "stack_name",
                         "stack_status"}
    assert [name for name, sort in SORT_KEYS.items()
            if not sort.marker_safe] == ["updated"]


def test_the_state_is_what_follows_the_action():
    assert stack_state("CHECK_IN_PROGRESS") == "IN_PROGRESS"
    assert stack_state("CREATE_FAILED") == "FAILED"


def test_cursor_round_trip():
    cursor = Cursor("status", False, True,
                    {"RegionOne": Gap(3, "a", "b"), "Region Two": Gap()})
    assert Cursor.decode(cursor.encode()) == cursor


@pytest.mark.parametrize("token", [
    "", "bm9wZQ", Cursor("name").encode()[:-3],
    Cursor(gaps={"R": Gap(-1)}).encode(),
    "eyJzIjpbXSwiZCI6MSwiYiI6MCwiZyI6e319",  # sort key is a list
])
def test_junk_is_not_a_cursor(token):
    with pytest.raises(ValueError):
        Cursor.decode(token)
