"""Tests of the Stacks table's row ids: region and stack id together."""

import pytest
from django.http import Http404

from mr_dashboard.api import heat
from mr_dashboard.panels.stacks import tables


def test_a_row_id_holds_the_region_and_the_stack():
    stack = heat.Stack("Region:Two", "5e1f-aa", "web", "CREATE_COMPLETE")
    assert tables.row_id(stack) == "Region:Two:5e1f-aa"
    assert tables.split_row_id(tables.row_id(stack)) == ("Region:Two",
                                                         "5e1f-aa")


@pytest.mark.parametrize("junk", ["", "no-region", ":5e1f", "RegionOne:"])
def test_a_row_id_without_both_is_not_found(junk):
    with pytest.raises(Http404):
        tables.split_row_id(junk)
