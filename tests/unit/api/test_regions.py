"""Tests of mr_dashboard.api.regions: reading Heat regions from a catalog."""

import pytest

from mr_dashboard.api import regions
from mr_dashboard.exceptions import UnknownRegion
from tests.unit import fakes


def test_every_region_with_heat_sorted_by_name():
    request = fakes.api_request(fakes.catalog(("RegionTwo", "RegionOne")))
    found = regions.heat_regions(request)
    assert [region.name for region in found] == ["RegionOne", "RegionTwo"]
    two = found[1]
    assert two.url_for("orchestration") == (
        f"http://heat.regiontwo.example.com:8004/v1/{fakes.PROJECT_ID}")
    assert two.url_for("key-manager") == (
        "http://barbican.regiontwo.example.com:9311")
    assert two.url_for("compute") == (
        "http://nova.regiontwo.example.com:8774/v2.1")


def test_single_region():
    request = fakes.api_request(fakes.catalog(("RegionOne",)))
    assert regions.heat_region_names(request) == ["RegionOne"]


def test_region_without_heat_is_left_out():
    request = fakes.api_request(
        fakes.catalog(("RegionOne",), other_regions=("RegionThree",)))
    assert regions.heat_region_names(request) == ["RegionOne"]


def test_identity_in_one_region_serves_every_region():
    request = fakes.api_request(fakes.catalog(("RegionOne", "RegionTwo")))
    for region in regions.heat_regions(request):
        assert region.url_for("identity") == "http://keystone.example.com/v3"


@pytest.mark.parametrize("endpoint_type, host", [
    ("publicURL", "heat.regionone"),
    ("internalURL", "internal-heat.regionone"),
    ("admin", "admin-heat.regionone"),
])
def test_interface_follows_openstack_endpoint_type(settings, endpoint_type,
                                                   host):
    settings.OPENSTACK_ENDPOINT_TYPE = endpoint_type
    request = fakes.api_request(fakes.catalog(("RegionOne",)))
    url = regions.region_named(request, "RegionOne").url_for("orchestration")
    assert url.startswith(f"http://{host}.example.com:8004/")


def test_secondary_interface_is_the_fallback(settings):
    settings.OPENSTACK_ENDPOINT_TYPE = "internalURL"
    settings.SECONDARY_ENDPOINT_TYPE = "publicURL"
    catalog = [fakes.service("orchestration",
                             {"RegionOne": "http://heat.example.com/v1/p"},
                             interfaces=("public",))]
    found = regions.catalog_regions(catalog, ("internal", "public"))
    assert found[0].url_for("orchestration") == "http://heat.example.com/v1/p"
    assert regions.catalog_regions(catalog, ("internal",)) == []


def test_old_region_field_is_understood():
    catalog = [{"type": "orchestration", "endpoints": [
        {"interface": "public", "region": "Old", "url": "http://h/v1/p"}]}]
    assert [r.name for r in regions.catalog_regions(catalog, ("public",))] \
        == ["Old"]


def test_empty_or_missing_catalog():
    assert regions.catalog_regions(None, ("public",)) == []
    assert regions.catalog_regions([{"name": "untyped"}], ("public",)) == []


def test_region_named_rejects_an_unknown_name():
    request = fakes.api_request(fakes.catalog(("RegionOne",)))
    with pytest.raises(UnknownRegion, match="RegionTwo"):
        regions.region_named(request, "RegionTwo")


def test_a_service_is_found_under_its_official_aliases():
    catalog = fakes.catalog(("RegionOne",)) + [fakes.service(
        "volumev3", {"RegionOne": "http://cinder.example.com/v3/p"})]
    [region] = regions.catalog_regions(catalog, ("public",))
    assert region.url_for("block-storage") == "http://cinder.example.com/v3/p"
    assert region.url_for("volumev3") == "http://cinder.example.com/v3/p"
    assert region.url_for("object-store") is None
