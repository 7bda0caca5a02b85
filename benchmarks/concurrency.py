"""Benchmark: many users at once, on Horizon served by gunicorn.

On the running demo cloud it logs ``--clients`` sessions of the benchmark
user ``mrbench-<stacks>`` (:mod:`benchmarks.bench_cloud`) in, each in a
thread of its own that asks for one page again and again for
``--seconds``, and reports the pages answered per second and the median and
95th percentile of their times, for

1. our all-regions Stacks page on the demo Horizon (its gunicorn, memcached);
2. heat-dashboard's stack list of one region (``--their-region``), and
3. our page again, both on a second gunicorn started here on 127.0.0.1 with
   the benchmarks' settings (``benchmarks.served_settings``: heat-dashboard
   beside the plugin) and the demo's gunicorn options, so that the two
   dashboards are served the same way.

Heat is reached straight, without delaying proxies, by all three. Before
each run every session asks for the page once and the first session runs
the page's follow-up requests, as its browser would, so the runs measure
pages whose remote links are known (the cache is warm).

Each run also counts the pages of ours that showed a region as not
answering (rows missing), and the CPU time each group of the demo cloud's
processes spent per page beyond what they spend idle (:mod:`benchmarks.cpu`:
the Horizon serving the page, every region's Heat, Keystone, the database,
the rest). On one
machine every region's Heat shares the CPU with Horizon, so the last lines
give the ratios that tell the two apart: regions listed per second, and
Horizon's own and Heat's CPU per page.

Usage, from the repository with the dashboard venv's python:

    python -m benchmarks.concurrency [--clients 20] [--seconds 60]
"""

import argparse
import os
import pathlib
import re
import statistics
import subprocess
import threading
import time
from concurrent import futures
from dataclasses import dataclass

import requests

from benchmarks import bench_cloud
from benchmarks import cpu
from democloud import install
from democloud.layout import HOST, PORTS
from tests.cloud import login_over_http, running_cloud
from tests.waiting import wait_until

REPO = pathlib.Path(__file__).resolve().parent.parent
OURS, THEIRS = "/project/mr_stacks/", "/project/stacks/"
FAMILIES = "/project/mr_stacks/families/"
#: What a page of ours shows when a region did not answer.
PROBLEMS = 'id="mr-region-problems"'
#: The benchmarks' gunicorn: 10 below the demo Horizon's port.
SERVED_PORT = PORTS["horizon"] - 10
#: Its processes' group in the CPU figures (benchmarks.cpu).
SERVED = "benchmarks-gunicorn"


@dataclass(frozen=True)
class Load:
    """What the clients saw in one run."""

    pages: int
    errors: int
    seconds: float
    times: list[float]
    #: Pages that showed a region as not answering (rows missing).
    incomplete: int
    #: CPU seconds each group of processes spent (benchmarks.cpu).
    cpu: dict[str, float]

    @property
    def throughput(self) -> float:
        return self.pages / self.seconds

    def cpu_per_page(self, group: str) -> float:
        return self.cpu.get(group, 0.0) / max(self.pages, 1)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def warm(base: str, sessions: list, path: str) -> None:
    """Every session asks once; the first one runs the follow-ups."""
    for session in sessions:
        page = session.get(base + path, timeout=120)
        page.raise_for_status()
    found = re.search(r'data-mr-families-batches="([^"]*)"', page.text)
    for batch in found.group(1).split() if found else ():
        sessions[0].get(base + FAMILIES, params={"batch": batch},
                        timeout=120).raise_for_status()


def hammer(base: str, sessions: list, path: str, seconds: float,
           cloud, served: dict[str, int], idle: dict[str, float]) -> Load:
    """Every session asks for ``path`` again and again for ``seconds``."""
    times, errors, incomplete = [], [], []
    lock = threading.Lock()
    before = cpu.snapshot(cloud.state, served)
    started = time.monotonic()
    deadline = started + seconds

    def client(session) -> None:
        while time.monotonic() < deadline:
            began = time.monotonic()
            try:
                page = session.get(base + path, timeout=120)
                ok = page.status_code == 200
            except requests.RequestException:
                ok = False
            with lock:
                (times if ok else errors).append(time.monotonic() - began)
                if ok and PROBLEMS in page.text:
                    incomplete.append(page.url)

    with futures.ThreadPoolExecutor(len(sessions)) as pool:
        list(pool.map(client, sessions))
    took = time.monotonic() - started
    used = cpu.spent(before, cpu.snapshot(cloud.state, served))
    return Load(len(times), len(errors), took, times, len(incomplete),
                cpu.beyond_idle(used, idle, took))


def serve(cloud) -> subprocess.Popen:
    """The benchmarks' gunicorn, with the demo Horizon's options."""
    venv = install.dashboard_venv()
    env = {**os.environ, "PYTHONPATH": str(REPO),
           "DJANGO_SETTINGS_MODULE": "benchmarks.served_settings",
           "MRD_KEYSTONE_URL": cloud.keystone_url}
    env.pop("MRD_BENCH_PROXIES", None)
    process = subprocess.Popen([
        str(venv / "bin/gunicorn"), "--bind", f"{HOST}:{SERVED_PORT}",
        "--workers", "2", "--threads", "4", "--timeout", "120",
        "--no-control-socket", "benchmarks.wsgi:application"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)

    def answers() -> bool:
        try:
            requests.get(f"http://{HOST}:{SERVED_PORT}/auth/login/", timeout=5)
        except requests.ConnectionError:
            return False
        return True
    if wait_until(answers, 90, what="the benchmarks' gunicorn answering", fail=False):
        return process
    process.terminate()
    raise SystemExit("the benchmarks' gunicorn did not start")


def run(label: str, base: str, user, path: str, args, cloud, idle,
        served: dict[str, int], region: str | None = None) -> Load:
    sessions = [login_over_http(base, user.password, user.name, timeout=120)
                for _ in range(args.clients)]
    if region:
        for session in sessions:
            session.get(f"{base}/auth/switch_services_region/{region}/",
                        timeout=120)
    warm(base, sessions, path)
    load = hammer(base, sessions, path, args.seconds, cloud, served, idle)
    print(f"{label:<46} {load.throughput:6.2f} pages/s, median "
          f"{statistics.median(load.times) * 1000:6.0f} ms, p95 "
          f"{load.percentile(0.95) * 1000:6.0f} ms, {load.pages} pages, "
          f"{load.errors} errors, {load.incomplete} with a region missing",
          flush=True)
    print(f"{'':<6}CPU per page: " + ", ".join(
        f"{group} {load.cpu_per_page(group) * 1000:.0f} ms"
        for group in sorted(load.cpu)), flush=True)
    return load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--stacks", type=int, default=60)
    parser.add_argument("--their-region", default="RegionOne")
    args = parser.parse_args()
    cloud = running_cloud()
    user = bench_cloud.bench_user(cloud, args.stacks)
    bench_cloud.fill(cloud, user, list(cloud.regions), args.stacks,
                     seed=bench_cloud.SEED)
    print(f"{args.clients} clients for {args.seconds:.0f} s each run, "
          f"{len(cloud.regions)} regions, {args.stacks} stacks per region, "
          f"gunicorn 2 workers x 4 threads; load before: "
          f"{os.getloadavg()[0]:.1f}", flush=True)
    idle = cpu.idle_rate(cloud.state)
    print("CPU used with nobody asking (cores), not counted below: " +
          ", ".join(f"{group} {rate:.2f}" for group, rate in
                    sorted(idle.items())), flush=True)
    demo = f"http://{HOST}:{PORTS['horizon']}"
    ours_demo = run("mr_dashboard, all regions, demo Horizon", demo, user,
                    OURS, args, cloud, idle, {})
    served = serve(cloud)
    try:
        base = f"http://{HOST}:{SERVED_PORT}"
        extra = {SERVED: served.pid}
        theirs = run(f"heat-dashboard, {args.their_region}, same gunicorn",
                     base, user, THEIRS, args, cloud, idle, extra,
                     region=args.their_region)
        ours = run("mr_dashboard, all regions, same gunicorn", base, user,
                   OURS, args, cloud, idle, extra)
    finally:
        served.terminate()
        served.wait(30)
    report(ours_demo, theirs, ours, len(cloud.regions))
    print(f"load after: {os.getloadavg()[0]:.1f}")


def report(ours_demo: Load, theirs: Load, ours: Load, regions: int) -> None:
    """The ratios of our page against heat-dashboard's, served the same
    way; per region listed; and where the CPU went."""
    print(f"throughput ours / heat-dashboard (same gunicorn): "
          f"{ours.throughput / theirs.throughput:.2f}; p95 ours / "
          f"heat-dashboard: "
          f"{ours.percentile(0.95) / theirs.percentile(0.95):.2f}; ours, "
          f"demo Horizon / same gunicorn: "
          f"{ours_demo.throughput / ours.throughput:.2f}")
    print(f"regions listed per second, ours ({regions} per page) / "
          f"heat-dashboard (1 per page): "
          f"{ours.throughput * regions / theirs.throughput:.2f}")
    print(f"Horizon's own CPU per page, ours / heat-dashboard: "
          f"{ours.cpu_per_page(SERVED) / theirs.cpu_per_page(SERVED):.2f}; "
          f"Heat's CPU per page, ours / heat-dashboard: "
          f"{ours.cpu_per_page('heat') / theirs.cpu_per_page('heat'):.2f}")


if __name__ == "__main__":
    main()
