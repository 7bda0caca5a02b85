"""Helpers of the Stacks page's functional tests: the smallest template,
waiting for stacks, each asked in its own region, the page's follow-up
requests, and Heat reached through delaying, counting proxies."""
import contextlib
import re

from django.urls import reverse

from benchmarks import delay_proxy
from democloud import layout
from mr_dashboard import constants
from mr_dashboard.api import heat
from tests.waiting import wait_until

NONE = {"heat_template_version": "2021-04-16",
        "resources": {"nothing": {"type": "OS::Heat::None"}}}


def wait_for(request, stacks, done, timeout=90) -> dict:
    """Poll each stack in its own region until ``done(status)`` for all."""
    def statuses() -> dict:
        found = {region: heat.stacks_by_id(request, region, [stack_id])
                 for region, stack_id in stacks.items()}
        return {region: stack[0].status if stack else "GONE" for region, stack in found.items()}
    return wait_until(statuses, timeout, what="the stacks' statuses",
                      done=lambda seen: all(done(status) for status in seen.values()))


def follow_up(client, page) -> dict:
    """What the page's script would fetch after ``page``: every batch of
    its follow-up, answered; ``{row id: {state, marks, warning}}``."""
    found = re.search(r'data-mr-families-batches="([^"]*)"',
                      page.content.decode())
    rows = {}
    for batch in found.group(1).split() if found else ():
        response = client.get(reverse(constants.STACK_FAMILIES_URL),
                              {"batch": batch})
        assert response.status_code == 200, response.content[:500]
        rows.update(response.json()["rows"])
    return rows


@contextlib.contextmanager
def heat_through_proxies(cloud, settings, monkeypatch):
    """Every region's Heat reached through a proxy of
    :mod:`benchmarks.delay_proxy` (no delay until a test sets its
    ``delay``, in seconds) for the users logged in from now on (the
    benchmarks' catalog middleware); the proxies by region."""
    proxies = {region.name: delay_proxy.serve(0, region.heat_port, 0)
               for region in layout.regions(len(cloud.regions))}
    monkeypatch.setenv("MRD_BENCH_PROXIES", ",".join(
        f"{region.heat_port}={proxies[region.name].server_address[1]}"
        for region in layout.regions(len(cloud.regions))))
    settings.MIDDLEWARE = [*settings.MIDDLEWARE,
                           "benchmarks.catalog.ProxiedCatalogMiddleware"]
    try:
        yield proxies
    finally:
        for proxy in proxies.values():
            proxy.shutdown()
            proxy.server_close()
