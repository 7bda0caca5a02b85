"""The Regions panel and its health view, served by Horizon against the real cloud."""
import json
import signal

from django.urls import reverse

from mr_dashboard import constants
from tests.cloud import democloud
from tests.waiting import wait_until


def test_regions_page_lists_every_region_with_its_endpoints(cloud, demo_client):
    response = demo_client.get(reverse(constants.REGIONS_INDEX_URL))
    assert response.status_code == 200
    page = response.content.decode()
    for name in cloud.regions:
        assert f'data-mr-health-region="{name}"' in page
        assert "orchestration: http://" in page
    assert 'id="mr-region-select"' in page
    assert cloud.demo_password not in page


def health(client) -> dict:
    response = client.get(reverse(constants.REGIONS_HEALTH_URL))
    assert response.status_code == 200
    return json.loads(response.content)


def test_health_view_reports_every_region_ok(cloud, demo_client):
    body = health(demo_client)
    assert sorted(body) == sorted(cloud.regions)
    assert all(entry["ok"] for entry in body.values()), body
    assert all(entry["elapsed_ms"] > 0 for entry in body.values())


def test_a_hung_region_is_reported_and_does_not_hold_the_others(cloud, demo_client):
    cloud.signal_heat_api("RegionThree", signal.SIGSTOP)
    try:
        body = health(demo_client)
    finally:
        cloud.signal_heat_api("RegionThree", signal.SIGCONT)
    assert body["RegionThree"]["ok"] is False
    assert body["RegionThree"]["kind"] == constants.KIND_TIMEOUT
    # Given up at the fan-out's deadline (a timeout), the others answered.
    assert body["RegionOne"]["ok"] and body["RegionTwo"]["ok"]


def test_a_stopped_region_is_reported_at_once(cloud, demo_client):
    # Stop the region's whole Heat API (gunicorn master and workers): its port
    # is then refused, like a service that is down.
    cloud.signal_heat_api("RegionTwo", signal.SIGTERM)
    try:
        wait_until(lambda: cloud.heat_api_pid("RegionTwo"), 15, 0.2,
                   what="RegionTwo's Heat API stopped", done=lambda pid: not pid, fail=False)
        body = health(demo_client)
        assert body["RegionTwo"]["ok"] is False
        # Refused, not waited for until the timeout.
        assert body["RegionTwo"]["kind"] == constants.KIND_UNREACHABLE
        assert body["RegionTwo"]["message"]
        assert body["RegionOne"]["ok"] and body["RegionThree"]["ok"]
    finally:
        democloud("up", "--no-horizon")
