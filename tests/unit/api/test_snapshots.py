"""A snapshot answer Heat's API does not document is a clear error."""
import pytest

from mr_dashboard.api.heat.snapshots import Snapshot
from mr_dashboard.exceptions import RECOVERABLE
from mr_dashboard.exceptions import MalformedAnswer


def test_a_snapshot_is_read_with_or_without_its_envelope():
    one = Snapshot.from_heat("RegionOne", {"snapshot": {
        "id": "s1", "name": "before", "status": "COMPLETE", "action": "CREATE"}})
    assert (one.id, one.name, one.full_status) == ("s1", "before", "CREATE_COMPLETE")
    assert Snapshot.from_heat("RegionOne", {"id": "s2"}).id == "s2"


@pytest.mark.parametrize("answer", [
    {}, {"snapshot": {"name": "no id"}}, {"snapshot": "text"}, ["s1"], "s1", None,
    {"id": 7},
])
def test_an_odd_answer_is_a_recoverable_error(answer):
    with pytest.raises(MalformedAnswer, match="not understood") as raised:
        Snapshot.from_heat("RegionOne", answer)
    assert isinstance(raised.value, RECOVERABLE)
