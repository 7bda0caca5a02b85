"""Helpers of the Stacks page's functional tests: the smallest template,
waiting for stacks, each asked in its own region, and the page's follow-up
requests."""
import re

from django.urls import reverse

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
