# Settings of mr_dashboard. Copy into
# openstack_dashboard/local/local_settings.d/ and change what you need;
# a key left out keeps the default shown here (see mr_dashboard/conf.py).

MR_DASHBOARD = {
    # Seconds allowed to connect to, and then to read from, a region's
    # service on every cloud call.
    "REGION_TIMEOUT": 5.0,
    # Seconds between two refreshes of the Regions page's health column.
    "HEALTH_REFRESH_SECONDS": 10,
    # Most regions asked at the same time by one fan-out.
    "MAX_PARALLEL": 8,
    # Seconds a fan-out waits beyond REGION_TIMEOUT before it gives up on
    # the regions that have not answered.
    "DEADLINE_MARGIN": 1.0,
}
