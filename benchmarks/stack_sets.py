"""Benchmark of creating a stack set (mr_dashboard.api.stack_sets) on the
demo cloud.

Each round creates, in every region of ``--regions`` (default: all of the
catalog), a single stack of a light template (OS::Heat::RandomString and
OS::Heat::None) one region after the other, each timed from the create
call until it is CREATE_COMPLETE; then creates a set of the same template
over all those regions with the plugin's own code (every region at once),
timed from the call until every member is CREATE_COMPLETE. Everything is
deleted after each round. It prints, per round and as medians,

    ratio = set create time / slowest single-region create of the round

(target: <= 1.2, the regions' creates overlapping). Run from the
repository with the dashboard venv's Python, the demo cloud up:

    python -m benchmarks.stack_sets [--rounds 3] [--regions RegionOne,...]
"""
import argparse
import os
import statistics
import time
import uuid
from types import SimpleNamespace

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.test import RequestFactory  # noqa: E402
from heatclient import exc as heat_exc  # noqa: E402

from mr_dashboard.api import heat  # noqa: E402
from mr_dashboard.api.stack_sets import operations  # noqa: E402
from tests.cloud import keystone_access, running_cloud  # noqa: E402
from tests.waiting import wait_until  # noqa: E402

TEMPLATE = {"heat_template_version": "2021-04-16",
            "parameters": {"size": {"type": "number", "default": 8}},
            "resources": {
                "word": {"type": "OS::Heat::RandomString",
                         "properties": {"length": {"get_param": "size"}}},
                "none": {"type": "OS::Heat::None"}}}
POLL = 0.2


def demo_request(cloud):
    """A request of the demo user (token and catalog from Keystone)."""
    access = keystone_access(cloud, timeout=None)
    request = RequestFactory().get("/")
    request.user = SimpleNamespace(
        service_catalog=access.service_catalog.catalog,
        token=SimpleNamespace(id=access.auth_token),
        project_id=access.project_id)
    request.session = {}
    return request


def complete(request, region: str, name: str) -> None:
    status = wait_until(lambda: heat.stack_get(request, region, name).status, None, POLL,
                        what=f"{name} in {region} settled",
                        done=lambda seen: not seen.endswith("IN_PROGRESS"))
    if status != "CREATE_COMPLETE":
        raise RuntimeError(f"{name} in {region}: {status}")


def delete(request, regions, name: str) -> None:
    for region in regions:
        try:
            heat.stack_delete(request, region, name)
        except heat_exc.HTTPNotFound:
            pass


def single(request, region: str) -> float:
    name = f"mrbench-single-{uuid.uuid4().hex[:6]}"
    started = time.monotonic()
    heat.stack_create(request, region, stack_name=name, template=TEMPLATE)
    complete(request, region, name)
    took = time.monotonic() - started
    delete(request, [region], name)
    return took


def as_set(request, regions: list[str]) -> float:
    name = f"mrbench-set-{uuid.uuid4().hex[:6]}"
    started = time.monotonic()
    outcomes = operations.create(request, name, regions,
                                 {"template": TEMPLATE},
                                 {region: {} for region in regions})
    failed = [o for o in outcomes.values() if not o.ok]
    if failed:
        raise RuntimeError(failed)
    for region in regions:
        complete(request, region, name)
    took = time.monotonic() - started
    delete(request, regions, name)
    return took


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--regions", default="")
    args = parser.parse_args()
    cloud = running_cloud()
    regions = args.regions.split(",") if args.regions else list(cloud.regions)
    ratios = []
    for round_ in range(args.rounds):
        request = demo_request(cloud)
        singles = {region: single(request, region) for region in regions}
        whole = as_set(demo_request(cloud), regions)
        slowest = max(singles.values())
        ratios.append(whole / slowest)
        print(f"round {round_ + 1}: singles "
              + ", ".join(f"{r} {t:.2f} s" for r, t in singles.items())
              + f"; set over {len(regions)} regions {whole:.2f} s; "
              f"ratio {whole / slowest:.2f}")
    print(f"median ratio over {args.rounds} rounds "
          f"({len(regions)} regions): {statistics.median(ratios):.2f} "
          "(target <= 1.2)")


if __name__ == "__main__":
    main()
