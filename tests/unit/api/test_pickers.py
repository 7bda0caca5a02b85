"""Tests of mr_dashboard.api.iaas.pickers' small logic (the listings themselves
run against the demo cloud: tests/functional/test_pickers.py)."""

from mr_dashboard.api.iaas import pickers
from mr_dashboard.api.iaas import sdk
from mr_dashboard.api.iaas.sdk import Named
from tests.unit import fakes


def test_choices_are_sorted_by_name_and_unique():
    items = [Named("R", "2", "m1.small"), Named("R", "1", "M1.Tiny"),
             Named("R", "3", ""), Named("R", "2", "m1.small")]
    assert pickers.as_choices(items) == (("3", "3"), ("2", "m1.small"),
                                         ("1", "M1.Tiny"))


def test_a_region_without_the_service_says_so_without_calling_it():
    request = fakes.api_request(fakes.local_catalog({"RegionOne": 1}))
    found = pickers.list_choices(request, [("glance.image", "RegionOne"),
                                           ("cinder.volume", "RegionOne"),
                                           ("no.such", "RegionOne")])
    assert set(found) == {("glance.image", "RegionOne"),
                          ("cinder.volume", "RegionOne")}
    image = found["glance.image", "RegionOne"]
    assert image.choices is None and "image" in image.problem
    assert "block-storage" in found["cinder.volume", "RegionOne"].problem


def test_the_catalogs_aliases_of_a_service_count():
    catalog = fakes.local_catalog({"RegionOne": 1}) + [fakes.service(
        "volumev3", {"RegionOne": "http://127.0.0.1:1/v3"})]
    request = fakes.api_request(catalog)
    assert sdk.region_offers(request, "RegionOne", "block-storage")
    assert not sdk.region_offers(request, "RegionOne", "image")


def test_a_value_for_several_regions_picks_among_names_found_in_each():
    one = pickers.Picked("nova.flavor", "R1", choices=(("1", "m1.tiny"),
                                                       ("2", "m1.big")))
    two = pickers.Picked("nova.flavor", "R2", choices=(("9", "m1.tiny"),))
    both = pickers.in_every_region([one, two])
    assert (both.region, both.common) == ("R1, R2", ("m1.tiny",))
    assert both.choices == (("m1.tiny", "m1.tiny"),
                            ("m1.big", "m1.big (only in R1)"))
    three = pickers.Picked("nova.flavor", "R3", choices=(("7", "m1.big"),))
    again = pickers.in_every_region([both, three])  # a stack set's
    assert again.regions == ("R1", "R2", "R3") and again.common == ()
    assert again.choices == (("m1.big", "m1.big (only in R1, R3)"),
                             ("m1.tiny", "m1.tiny (only in R1, R2)"))
    failed = pickers.Picked("nova.flavor", "R2", problem="R2 is down")
    assert pickers.in_every_region([one, failed]).problem == "R2 is down"
    assert pickers.in_every_region([one]) is one
    assert pickers.in_every_region([one, None]) is None
    assert pickers.in_every_region([]) is None
