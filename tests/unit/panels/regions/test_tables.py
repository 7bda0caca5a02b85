"""Tests of the Regions table's helpers."""

from mr_dashboard.api.regions import Region
from mr_dashboard.panels.regions import tables


def test_endpoint_lines_put_heat_barbican_keystone_first():
    region = Region("RegionOne", {
        "volumev3": "http://cinder", "compute": "http://nova",
        "identity": "http://keystone", "orchestration": "http://heat",
        "key-manager": "http://barbican"})
    assert tables.endpoint_lines(region) == [
        "orchestration: http://heat",
        "key-manager: http://barbican",
        "identity: http://keystone",
        "compute: http://nova",
        "volumev3: http://cinder",
    ]


def test_health_starts_as_checking():
    assert str(tables.health_placeholder(Region("RegionOne"))) == "Checking…"
