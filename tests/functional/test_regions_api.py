"""The API layer against the real demo cloud: regions, health, stacks per region."""
from democloud.layout import HOST, PORTS

from mr_dashboard.api import heat, regions
from mr_dashboard.api.health import region_health


def test_heat_regions_come_from_the_real_catalog(cloud, demo_request):
    found = regions.heat_regions(demo_request)
    assert [r.name for r in found] == sorted(cloud.regions)
    for region in found:
        assert region.url_for("orchestration").startswith(f"http://{HOST}:")
        assert region.url_for("key-manager") == f"http://{HOST}:{PORTS['barbican']}"
        assert region.url_for("identity").startswith(f"http://{HOST}:{PORTS['keystone']}")


def test_every_region_heat_answers(cloud, demo_request):
    health = region_health(demo_request)
    assert sorted(health) == sorted(cloud.regions)
    for name, result in health.items():
        assert result.error is None, (name, result.error)
        assert result.value.region == name
        assert result.elapsed > 0


def test_sample_stacks_live_in_their_regions(cloud, demo_request):
    by_region = {name: {s.name: s for s in heat.stacks_list(demo_request, name)}
                 for name in cloud.regions}
    parent = by_region["RegionOne"]["cross-region"]
    assert parent.status == "CREATE_COMPLETE"
    assert parent.region == "RegionOne"
    assert by_region["RegionTwo"]["single-region"].status == "CREATE_COMPLETE"
    assert by_region["RegionThree"]["failing"].status == "CREATE_FAILED"
    # The remote children of the parent's OS::Heat::Stack resources are
    # top-level stacks of their own regions, named after parent and resource.
    assert any(n.startswith("cross-region-app_tier-") for n in by_region["RegionTwo"])
    assert any(n.startswith("cross-region-db_tier-") for n in by_region["RegionThree"])
