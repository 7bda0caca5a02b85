"""Concurrent cross-region stack operations on the demo cloud: zero errors.

Rounds (one in the test command, for its time) of several cross-region
stacks created at once (each parent's OS::Heat::Stack children in two
other regions), then deleted at once; every
stack must reach CREATE_COMPLETE and then vanish, and no service may log a
database lock or messaging error meanwhile.
"""
import concurrent.futures
import pathlib
import re
import uuid

from django.test import override_settings
from heatclient import exc as heat_exc

from mr_dashboard.api import heat
from tests.waiting import wait_until

TEMPLATES = pathlib.Path(__file__).resolve().parents[2] / "democloud" / "templates"
ROUNDS = 1
PARENTS = ("RegionOne", "RegionTwo", "RegionThree", "RegionOne")
LOG_ERRORS = re.compile(r"database is locked|deadlock detected|MessagingTimeout|"
                        r"AMQP server .* is unreachable|QueuePool limit", re.I)


def create(request, cloud, parent: str, tag: str) -> tuple[str, str]:
    others = [r for r in cloud.regions if r != parent]
    files = {n: (TEMPLATES / n).read_text() for n in ("app_tier.yaml", "db_tier.yaml",
                                                      "demo_node.yaml")}
    stack_id = heat.stack_create(
        request, parent, stack_name=f"stress-{tag}-{uuid.uuid4().hex[:6]}",
        template=(TEMPLATES / "cross_region.yaml").read_text(), files=files,
        parameters={"app_region": others[0], "db_region": others[-1]}, tags="stress")
    return parent, stack_id


def settled(request, region: str, stack_id: str) -> str | None:
    status = heat.stack_get(request, region, stack_id).status
    return None if status.endswith("IN_PROGRESS") else status


def gone(request, region: str, stack_id: str) -> bool:
    try:
        return heat.stack_get(request, region, stack_id).status == "DELETE_COMPLETE"
    except heat_exc.HTTPNotFound:
        return True


def log_sizes(cloud) -> dict[pathlib.Path, int]:
    return {f: f.stat().st_size for f in cloud.logs().glob("*.log")}


def new_log_errors(cloud, before: dict) -> list[str]:
    found = []
    for f in cloud.logs().glob("*.log"):
        with open(f, errors="replace") as fh:
            fh.seek(before.get(f, 0))
            found += [f"{f.name}: {line.strip()}" for line in fh if LOG_ERRORS.search(line)]
    return found


# A cross-region create validates its children in their regions before it
# answers: under this load that takes longer than the pages' read timeout.
@override_settings(MR_DASHBOARD={"REGION_TIMEOUT": 60, "PAGE_BUDGET_CEILING": 0})
def test_concurrent_cross_region_stacks_rounds_without_errors(cloud, demo_request):
    before = log_sizes(cloud)
    with concurrent.futures.ThreadPoolExecutor(len(PARENTS)) as pool:
        for round_no in range(ROUNDS):
            stacks = list(pool.map(lambda p: create(demo_request, cloud, p, f"r{round_no}"),
                                   PARENTS))
            statuses = list(pool.map(lambda s: wait_until(
                lambda: settled(demo_request, *s), 120, what=f"stack {s} settling"), stacks))
            assert statuses == ["CREATE_COMPLETE"] * len(stacks), statuses
            list(pool.map(lambda s: heat.stack_delete(demo_request, *s), stacks))
            list(pool.map(lambda s: wait_until(
                lambda: gone(demo_request, *s), 120, what=f"stack {s} deleted"), stacks))
    # Deleting a parent deletes its remote children too: nothing is left behind
    # (Heat may still list a deleted stack for a moment, as DELETE_COMPLETE).
    leftovers = [(s.region, s.name, s.status, s.status_reason)
                 for r in cloud.regions for s in heat.stacks_list(demo_request, r)
                 if s.name.startswith("stress-") and s.status != "DELETE_COMPLETE"]
    assert leftovers == []
    assert new_log_errors(cloud, before) == []
