"""Helpers of the Stacks page's functional tests: the smallest template,
and waiting for stacks, each asked in its own region."""
import time

from mr_dashboard.api import heat

NONE = {"heat_template_version": "2021-04-16",
        "resources": {"nothing": {"type": "OS::Heat::None"}}}


def wait_for(request, stacks, done, timeout=90) -> dict:
    """Poll each stack in its own region until ``done(status)`` for all."""
    deadline = time.monotonic() + timeout
    while True:
        statuses = {}
        for region, stack_id in stacks.items():
            found = heat.stacks_by_id(request, region, [stack_id])
            statuses[region] = found[0].status if found else "GONE"
        if all(done(status) for status in statuses.values()):
            return statuses
        assert time.monotonic() < deadline, statuses
        time.sleep(1)
