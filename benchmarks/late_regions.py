"""Benchmark: the Stacks page within its budget while a region is slow or
frozen (issue 23).

On the running demo cloud (its sample stacks in three regions), with each
region's Heat reached through a delaying proxy of this process
(:mod:`benchmarks.delay_proxy`, :mod:`benchmarks.catalog`) and Horizon
served in this process (``benchmarks.settings`` with the page budget on),
it times the server side of the Stacks page, in turns, ``--runs`` rounds:

- **baseline**: the page with RegionTwo's Heat left out of the catalog;
- **slow**: RegionTwo ``--delay`` seconds slower than the usual time the
  page learned (three warm-up pages first);
- **late rows**: from the slow page's request until its follow-up (what
  the page's script asks) has brought RegionTwo's rows;
- **frozen, new worker**: RegionTwo never answering (a proxy delay of an
  hour), the first page of a new login with nothing remembered but each
  region's usual time (what a new Horizon worker finds in the shared
  cache: here Django's local cache plays memcached);
- **baseline, new worker**: the same first page of a new login, RegionTwo
  left out of the catalog (a new login's first page costs more: a new
  token, which each region's Heat validates with Keystone, new clients
  and connections).

It prints the medians and the issue's ratios: slow / baseline and frozen,
new worker / baseline, new worker (target ≤ 1.2 each; frozen, new worker /
baseline too, as before), and late rows − delay (target ≤ 0.5 s); and
the false alarms: how many of the pages with no region slowed (the
baselines, and each round's last page) called a region late all the same.

``--distances`` puts each region's Heat that many milliseconds away
(RegionOne, Two, Three: every request through its proxy waits so long),
as regions far apart are: the slow RegionTwo is then its distance plus
``--delay`` away.

Usage, from the repository with the dashboard venv's python:

    python -m benchmarks.late_regions [--runs 7] [--delay 3.0]
                                      [--distances 60,120,180]
"""

import argparse
import html
import os
import re
import statistics
import time

from benchmarks import delay_proxy
from democloud import layout
from tests.cloud import running_cloud

PAGE, SLOW = "/project/mr_stacks/", "RegionTwo"
FROZEN = 3600.0
LATE_KEYS = ("mr_dashboard:quiet:", "mr_dashboard:late:")


def setup(cloud) -> dict:
    """Proxies in front of every region's Heat (no delay yet), Django set
    up to reach Heat through them; the proxies by region."""
    proxies = {region.name: delay_proxy.serve(0, region.heat_port, 0)
               for region in layout.regions(len(cloud.regions))}
    os.environ.update(
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        MRD_KEYSTONE_URL=cloud.keystone_url,
        MRD_BENCH_PROXIES=",".join(
            f"{region.heat_port}={proxies[region.name].server_address[1]}"
            for region in layout.regions(len(cloud.regions))))
    import django
    django.setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment
    setup_test_environment()
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": 5.0,
                             "PAGE_BUDGET_CEILING": 1.5}
    return proxies


def forget_regions_state() -> None:
    """Forget timed-out regions and pages' late answers, keep each
    region's usual time (a new worker's view of the shared cache)."""
    from django.core.cache import cache
    store = cache._cache  # the local cache's own dict: keys to keep
    for key in [k for k in list(store) if any(p in k for p in LATE_KEYS)
                and ":pace" not in k]:
        cache.delete(key.split(":", 2)[-1])


def timed(client, **headers) -> tuple[float, object]:
    started = time.perf_counter()
    response = client.get(PAGE, **headers)
    took = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    return took, response


def late_url(response) -> str | None:
    """The follow-up's URL of a page that called a region late, or None."""
    found = re.search(r'data-mr-late-url="([^"]+)"', response.content.decode())
    return html.unescape(found.group(1)) if found else None


def until_late_rows(client, response) -> None:
    """Ask the page's follow-up until it is done."""
    url = late_url(response)
    assert url, "the slow region was not late"
    while client.get(url).json()["state"] != "done":
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--delay", type=float, default=3.0)
    parser.add_argument("--distances", default="",
                        help="ms each request to RegionOne,Two,Three's Heat "
                             "waits (none by default)")
    args = parser.parse_args()
    cloud = running_cloud()
    proxies = setup(cloud)
    distance = dict(zip(proxies, (float(ms) / 1000 for ms in
                                  args.distances.split(",") if ms)))
    for region, proxy in proxies.items():
        proxy.delay = distance.setdefault(region, 0.0)
    if args.distances:
        print("each region's Heat away: " + ", ".join(
            f"{region} {seconds * 1000:g} ms"
            for region, seconds in distance.items()))
    from tests.functional.conftest import login

    client = login(cloud)
    client.cookies["API_RESULT_PAGE_SIZE"] = "20"
    for _ in range(3):
        timed(client)  # each region's usual time, learned
    times: dict[str, list[float]] = {
        "baseline": [], "slow": [], "late rows": [], "baseline, new worker": [],
        "frozen, new worker": []}
    false_alarms = 0
    for _ in range(args.runs):
        took, response = timed(client, HTTP_X_MRD_BENCH_WITHOUT=SLOW)
        times["baseline"].append(took)
        false_alarms += late_url(response) is not None

        proxies[SLOW].delay = distance[SLOW] + args.delay
        started = time.perf_counter()
        took, response = timed(client)
        times["slow"].append(took)
        until_late_rows(client, response)
        times["late rows"].append(time.perf_counter() - started)

        forget_regions_state()
        took, response = timed(login(cloud), HTTP_X_MRD_BENCH_WITHOUT=SLOW)
        times["baseline, new worker"].append(took)
        false_alarms += late_url(response) is not None

        proxies[SLOW].delay = FROZEN
        forget_regions_state()
        new_worker = login(cloud)
        took, response = timed(new_worker)
        times["frozen, new worker"].append(took)
        # Its late call given up at its deadline (and remembered as a
        # timeout) before the region is forgotten for the next round.
        until_late_rows(new_worker, response)
        proxies[SLOW].delay = distance[SLOW]
        forget_regions_state()
        # The region answering again, at its usual pace: a page that calls
        # a region late now is a false alarm.
        false_alarms += late_url(timed(client)[1]) is not None

    medians = {name: statistics.median(runs) for name, runs in times.items()}
    for name, value in medians.items():
        print(f"{name:>20}: {value * 1000:7.0f} ms  "
              f"({', '.join(f'{t * 1000:.0f}' for t in times[name])})")
    base = medians["baseline"]
    print(f"slow / baseline: {medians['slow'] / base:.2f} (target <= 1.2)")
    print(f"frozen, new worker / baseline, new worker: "
          f"{medians['frozen, new worker'] / medians['baseline, new worker']:.2f} "
          f"(target <= 1.2)")
    print(f"frozen, new worker / baseline: "
          f"{medians['frozen, new worker'] / base:.2f}")
    away = args.delay + distance[SLOW]
    print(f"late rows - delay{' - distance' if distance[SLOW] else ''}: "
          f"{medians['late rows'] - away:.2f} s (target <= 0.5)")
    print(f"pages with no region slowed that called one late: {false_alarms} "
          f"of {3 * args.runs}")


if __name__ == "__main__":
    main()
