"""The shared discovery documents stay bounded: the newest kept, the
oldest dropped (another cloud's endpoints are a user's choice)."""
from unittest import mock

from mr_dashboard.api.iaas import sdk


def test_the_discovery_documents_keep_the_newest():
    kept = sdk._Kept()
    with mock.patch.object(sdk, "DISCOVERY_KEPT", 3):
        for number in range(5):
            kept[f"http://127.0.0.1:{9000 + number}/"] = number
        kept["http://127.0.0.1:9003/"] = "again"  # the newest now
        kept["http://127.0.0.1:9005/"] = 5
    assert list(kept) == [
        "http://127.0.0.1:9004/", "http://127.0.0.1:9003/", "http://127.0.0.1:9005/"]
    assert kept.get("http://127.0.0.1:9000/") is None
