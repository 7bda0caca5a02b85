"""Benchmark: the plugin's all-regions Stacks page against heat-dashboard's,
the first sight against the warm page, and 1000 stacks per region against
60.

On the running demo cloud it:

1. makes (or reuses) the benchmark's projects (:mod:`benchmarks.bench_cloud`):
   ``mrbench-<stacks>`` with ``--stacks`` stacks in every region and, with
   ``--scale``, ``mrbench-<scale>`` with ``--scale`` stacks in each of the
   regions used; their stacks are kept between runs (``--seed`` per region
   made by Heat's API, the others copied in Heat's database);
2. starts a delaying proxy (:mod:`benchmarks.delay_proxy`) in front of each
   region's Heat API used (``--regions``, the first N of the cloud; delays
   in :mod:`benchmarks.regions`, ports shifted by ``MRD_PORT_OFFSET``);
3. serves Horizon in this process (``benchmarks.settings``: the plugin and
   heat-dashboard side by side, Heat reached through the proxies, the other
   regions out of the catalog) and logs the benchmark users in through the
   real Keystone with Django's test client;
4. times the server side of
   - our page the first time: a fresh login and nothing in Django's cache,
     ``--runs`` times (then the follow-up requests that bring the remote
     links, timed apart: the page does not wait for them);
   - our page warm, heat-dashboard's stack list (``/project/stacks/``)
     in each region (one session per region, switched with Horizon's
     region switch) and, with ``--scale``, our page of the big project:
     asked in turns (one of each per round, ``--runs`` rounds, after two
     warm-up requests each), so that a change of the machine's load
     weighs on all of them alike; the median of each, and the Heat
     requests of one page (the proxies count what they forward);
5. times the page's stack-list call to each region alone, then all at
   once as the page makes them (on one machine the regions' Heat services
   share its CPUs);
6. prints the medians and the ratios.

Usage, from the repository with the dashboard venv's python:

    python -m benchmarks.stacks_page [--regions 5] [--stacks 60]
                                     [--scale 1000] [--runs 7] [--seed 20]
"""

import argparse
import os
import re
import statistics
import time
from concurrent import futures
from dataclasses import dataclass

import requests

from benchmarks import bench_cloud
from benchmarks import regions as bench_regions
from tests.cloud import running_cloud

OURS, THEIRS = "/project/mr_stacks/", "/project/stacks/"
FAMILIES = "/project/mr_stacks/families/"
REGIONS_PAGE = "/project/mr_regions/"
#: The scale project's page, among the pages measured in turns.
BIG = "scale"


@dataclass(frozen=True)
class Timing:
    """A page's median server time (s), its Heat requests by region and
    the rows it showed."""

    seconds: float
    calls: dict[str, int]
    rows: int

    @property
    def heat_requests(self) -> int:
        return sum(self.calls.values())


def setup_django(cloud, regions) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        MRD_KEYSTONE_URL=cloud.keystone_url,
        MRD_BENCH_PROXIES=bench_regions.proxy_setting(regions))
    import django
    django.setup()
    from django.test.utils import setup_test_environment
    setup_test_environment()


def logged_in(user: bench_cloud.BenchUser):
    """A new Django test client with ``user`` logged in (by the functional
    tests' login)."""
    from tests.functional.conftest import login
    return login(running_cloud(), user.name, user.password)


def timed_get(client, path: str, **params) -> tuple[float, object]:
    started = time.perf_counter()
    response = client.get(path, params)
    took = time.perf_counter() - started
    assert response.status_code == 200, (path, response.status_code)
    return took, response


def interleaved(pages: dict[str, tuple[object, str]], runs: int,
                regions) -> dict[str, Timing]:
    """Median server time of each page, asked in turns: every round asks
    each page once (from a different one each round), so that all of
    them are measured under the same conditions; two warm-up requests
    each first. ``pages``: a label and its (logged-in client, path)."""
    for client, path in pages.values():
        for _ in range(2):
            timed_get(client, path)
    labels = list(pages)
    times: dict[str, list[float]] = {label: [] for label in labels}
    last = {}
    for turn in range(runs):
        start = turn % len(labels)
        for label in labels[start:] + labels[:start]:
            client, path = pages[label]
            bench_regions.heat_calls(regions, reset=True)
            took, response = timed_get(client, path)
            times[label].append(took)
            last[label] = (bench_regions.heat_calls(regions),
                           len(response.context["table"].data))
    return {label: Timing(statistics.median(times[label]), *last[label])
            for label in labels}


def batches(response) -> list[str]:
    """The follow-up batches a page of ours asks for after loading."""
    found = re.search(r'data-mr-families-batches="([^"]*)"',
                      response.content.decode())
    return found.group(1).split() if found else []


@dataclass(frozen=True)
class FirstSight:
    page: Timing
    follow_ups: float
    batches: int
    follow_up_calls: int


def show_token(response, regions) -> None:
    """Let every region's Heat validate the session's new token (one
    request each, straight to Heat, in parallel), as a page the user saw
    before would have."""
    user = response.wsgi_request.user
    urls = [f"http://127.0.0.1:{region.heat_port}/v1/{user.project_id}"
            f"/stacks?limit=1" for region in regions]
    with futures.ThreadPoolExecutor(len(urls)) as pool:
        list(pool.map(lambda url: requests.get(url, timeout=120, headers={
            "X-Auth-Token": user.token.id}).raise_for_status(), urls))


def first_sight(user, runs: int, regions, path: str = OURS,
                region: str | None = None,
                token_shown: bool = False) -> FirstSight:
    """``path`` on a fresh login with nothing in Django's cache, median of
    ``runs``; then its follow-up requests, one after the other.

    Horizon's own first-request costs of this process are paid before, on
    the Regions page (which calls no cloud); with ``token_shown``, so is
    Heat's validation of the new token in every region.
    """
    from django.core.cache import cache
    pages, follow_ups, calls, follow_up_calls = [], [], [], []
    for _ in range(runs):
        cache.clear()
        client = logged_in(user)
        if region:
            client.get(f"/auth/switch_services_region/{region}/")
        _took, landing = timed_get(client, REGIONS_PAGE)
        if token_shown:
            show_token(landing, regions)
        bench_regions.heat_calls(regions, reset=True)
        took, response = timed_get(client, path)
        pages.append(took)
        calls.append(bench_regions.heat_calls(regions, reset=True))
        started = time.perf_counter()
        for batch in batches(response):
            timed_get(client, FAMILIES, batch=batch)
        follow_ups.append(time.perf_counter() - started)
        follow_up_calls.append(
            sum(bench_regions.heat_calls(regions).values()))
    return FirstSight(
        Timing(statistics.median(pages), max(calls, key=lambda c: sum(
            c.values())), len(response.context["table"].data)),
        statistics.median(follow_ups), len(batches(response)),
        max(follow_up_calls))


@dataclass(frozen=True)
class Contention:
    """The page's Heat calls one at a time, then all at once (ms)."""

    alone: dict[str, float]
    at_once: dict[str, float]
    wall: float


def contention(client, regions, runs: int) -> Contention:
    """Our page's stack-list call to each region, timed alone (one region
    at a time) and all at once (as the page makes them), through the
    plugin's API layer; medians of ``runs``. On one machine the regions'
    Heat services share its CPUs: at once, each call waits for the
    others' work as well as its own."""
    from mr_dashboard.api import heat
    from mr_dashboard.api import parallel
    request = client.get(REGIONS_PAGE).wsgi_request
    names = [region.name for region in regions]

    def listing(request_, region: str):
        return heat.stacks_sorted(request_, region,
                                  sort_keys=("creation_time",),
                                  sort_dir="desc", limit=21)

    alone = {name: [] for name in names}
    at_once = {name: [] for name in names}
    walls = []
    for _ in range(runs):
        for name in names:
            alone[name].append(parallel.timed_call(
                listing, request, name).elapsed)
        started = time.perf_counter()
        for name, result in parallel.fan_out(request, listing,
                                             names).items():
            at_once[name].append(result.elapsed)
        walls.append(time.perf_counter() - started)
    return Contention(
        {name: statistics.median(times) * 1000
         for name, times in alone.items()},
        {name: statistics.median(times) * 1000
         for name, times in at_once.items()},
        statistics.median(walls) * 1000)


def slowest_region(regions):
    return max(regions, key=lambda region: region.delay_ms)


def ratio(name: str, value: float, target: float, above: bool = False) -> str:
    met = value >= target if above else value <= target
    return (f"{name}: {value:.2f} (target {'>=' if above else '<='} "
            f"{target}) {'ok' if met else 'MISSED'}")


def report(args, regions, colds, ours, theirs, big, shared) -> None:
    cold, shown, their_cold = colds
    last = slowest_region(regions).name
    slowest = max(timing.seconds for timing in theirs.values())
    total = sum(timing.seconds for timing in theirs.values())
    print(f"{len(regions)} regions, {args.stacks} stacks per region, page "
          f"size 20, median of {args.runs} requests (after 2 warm-up "
          f"requests when warm)")
    for region in regions:
        timing = theirs[region.name]
        print(f"heat-dashboard {region.name:<11} +{region.delay_ms:>3} ms: "
              f"{timing.seconds * 1000:7.1f} ms, {timing.rows} rows, "
              f"Heat requests {timing.calls[region.name]}")
    print(f"heat-dashboard sum over regions:  {total * 1000:7.1f} ms")
    print(f"mr_dashboard all regions, warm:   {ours.seconds * 1000:7.1f} ms, "
          f"{ours.rows} rows, Heat requests {ours.heat_requests} "
          f"{ours.calls}")
    print(f"mr_dashboard first sight:         "
          f"{cold.page.seconds * 1000:7.1f} ms, {cold.page.rows} rows, "
          f"Heat requests {cold.page.heat_requests}; then {cold.batches} "
          f"follow-up requests: {cold.follow_ups * 1000:.1f} ms, "
          f"{cold.follow_up_calls} Heat requests")
    print(f"  the same, Heat having validated the new token: "
          f"{shown.page.seconds * 1000:7.1f} ms, {shown.page.rows} rows, "
          f"Heat requests {shown.page.heat_requests}")
    print(f"heat-dashboard first sight, {last}: "
          f"{their_cold.page.seconds * 1000:7.1f} ms")
    if big:
        print(f"mr_dashboard, {args.scale} stacks per region, warm: "
              f"{big.seconds * 1000:7.1f} ms, {big.rows} rows, Heat "
              f"requests {big.heat_requests} {big.calls}")
    print("the page's Heat calls, alone: " + ", ".join(
        f"{name} {took:.0f} ms" for name, took in shared.alone.items()))
    print("the same calls at once:        " + ", ".join(
        f"{name} {took:.0f} ms" for name, took in shared.at_once.items())
        + f"; all answered after {shared.wall:.0f} ms")
    print(ratio("ours / slowest region", ours.seconds / slowest, 1.1))
    print(ratio("ours / sum of regions", ours.seconds / total, 0.4))
    print(ratio("first sight / warm", cold.page.seconds / ours.seconds, 1.2))
    print(ratio("first sight, token validated / warm",
                shown.page.seconds / ours.seconds, 1.2))
    print(f"heat-dashboard first sight / warm, {last}: "
          f"{their_cold.page.seconds / theirs[last].seconds:.2f}")
    if big:
        print(ratio(f"{args.scale} stacks / {args.stacks} stacks",
                    big.seconds / ours.seconds, 1.2))
        print(f"Heat requests per page at scale: {big.heat_requests} for "
              f"{len(regions)} regions "
              f"{'ok' if big.heat_requests == len(regions) else 'MISSED'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--regions", type=int, default=None,
                        help="the first N regions of the cloud (default all)")
    parser.add_argument("--stacks", type=int, default=60)
    parser.add_argument("--scale", type=int, default=0,
                        help="stacks per region of the scale project")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=bench_cloud.SEED,
                        help="stacks per region made by Heat's API, the "
                             "others copied (benchmarks.bench_cloud)")
    args = parser.parse_args()
    cloud = running_cloud()
    regions = bench_regions.bench_regions(cloud, args.regions)
    names = [region.name for region in regions]
    small = bench_cloud.bench_user(cloud, args.stacks)
    bench_cloud.fill(cloud, small, list(cloud.regions), args.stacks,
                     seed=args.seed)
    large = None
    if args.scale:
        large = bench_cloud.bench_user(cloud, args.scale)
        bench_cloud.fill(cloud, large, names, args.scale, seed=args.seed)
    proxies = bench_regions.start_proxies(regions)
    try:
        setup_django(cloud, regions)
        colds = (first_sight(small, args.runs, regions),
                 first_sight(small, args.runs, regions, token_shown=True),
                 first_sight(small, args.runs, regions, THEIRS,
                             slowest_region(regions).name))
        pages = {OURS: (logged_in(small), OURS)}
        for name in names:
            client = logged_in(small)
            client.get(f"/auth/switch_services_region/{name}/")
            pages[name] = (client, THEIRS)
        if large:
            pages[BIG] = (logged_in(large), OURS)
        timings = interleaved(pages, args.runs, regions)
        ours = timings[OURS]
        theirs = {name: timings[name] for name in names}
        big = timings.get(BIG)
        shared = contention(pages[OURS][0], regions, args.runs)
        report(args, regions, colds, ours, theirs, big, shared)
    finally:
        proxies.terminate()


if __name__ == "__main__":
    main()
