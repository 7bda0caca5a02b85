"""What the sdk layer keeps and reads stays bounded: the discovery
documents (the newest kept, the oldest dropped: another cloud's endpoints
are a user's choice) and a listing (its first items, however many pages
a cloud offers)."""
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


def test_a_listing_whose_pages_never_end_is_read_up_to_its_cap():
    class Item:
        def __init__(self, number):
            self.id, self.name = str(number), f"item-{number}"

    def endless():
        number = 0
        while True:
            number += 1
            yield Item(number)

    with mock.patch.object(sdk, "MAX_LISTED", 25):
        found = sdk.named("RegionOne", endless())
        zones = sdk.zones("RegionOne", endless(), lambda zone: True)
    assert len(found) == 25 and found[-1].name == "item-25"
    assert len(zones) == 25
