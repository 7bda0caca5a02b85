"""Benchmark: the plugin's all-regions Stacks page against heat-dashboard's.

On the running demo cloud (3 regions) it:

1. starts three delaying proxies (:mod:`benchmarks.delay_proxy`) in front
   of the regions' Heat APIs, adding 0, 80 and 150 ms to every request;
2. creates ``--stacks`` stacks in every region (OS::Heat::None, a tag of
   the run's own), straight at Heat;
3. serves Horizon in this process (``benchmarks.settings``: the plugin and
   heat-dashboard side by side, Heat reached through the proxies), logs
   the demo user in through the real Keystone with Django's test client;
4. times the server side of our all-regions page (``/project/mr_stacks/``)
   and of heat-dashboard's stack list (``/project/stacks/``) in each
   region (switched with Horizon's region switch), ``--runs`` times each
   after two warm-up requests, and counts the Heat requests one page made
   (the proxies count what they forward);
5. prints the medians, the ratios ours / slowest region and ours / sum of
   the regions, and deletes its stacks.

Usage, from the repository with the dashboard venv's python:

    python -m benchmarks.stacks_page [--stacks 60] [--runs 7]
"""

import argparse
import os
import statistics
import time
import uuid
from concurrent import futures

from heatclient import client as heat_client
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

from benchmarks import delay_proxy
from tests.cloud import running_cloud

#: Region, its Heat port, the proxy's port, the latency added (ms).
REGIONS = (("RegionOne", 8004, 8104, 0), ("RegionTwo", 8014, 8114, 80),
           ("RegionThree", 8024, 8124, 150))
NONE = {"heat_template_version": "2021-04-16",
        "resources": {"nothing": {"type": "OS::Heat::None"}}}
OURS, THEIRS = "/project/mr_stacks/", "/project/stacks/"


def proxy_calls(reset: bool = False) -> dict[str, int]:
    """Heat requests each region's proxy forwarded (then reset them)."""
    return {region: delay_proxy.count(proxy, reset)
            for region, _, proxy, _ in REGIONS}


class BenchStacks:
    """The run's stacks, made and removed straight at each region's Heat."""

    def __init__(self, cloud, count: int):
        auth = v3.Password(auth_url=cloud.keystone_url, username="demo",
                           password=cloud.demo_password, project_name="demo",
                           user_domain_id="default",
                           project_domain_id="default")
        session = ks_session.Session(auth=auth, timeout=120)
        self.heat = {region: heat_client.Client("1", session=session,
                                                region_name=region)
                     for region, *_ in REGIONS}
        self.tag = f"mrbench-{uuid.uuid4().hex[:6]}"
        self.count = count

    def create(self) -> None:
        def fill(region: str) -> None:
            for number in range(self.count):
                self.heat[region].stacks.create(
                    stack_name=f"{self.tag}-{region.lower()}-{number:03d}",
                    template=NONE, tags=self.tag)

        with futures.ThreadPoolExecutor(len(self.heat)) as pool:
            list(pool.map(fill, self.heat))
        for region, client in self.heat.items():
            while any(stack.stack_status != "CREATE_COMPLETE" for stack in
                      client.stacks.list(filters={"tags": self.tag})):
                time.sleep(2)

    def delete(self) -> None:
        for client in self.heat.values():
            for stack in client.stacks.list(tags=self.tag):
                client.stacks.delete(stack.id)


def logged_in_client(cloud):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        MRD_KEYSTONE_URL=cloud.keystone_url,
        MRD_BENCH_PROXIES=",".join(f"{heat}={proxy}"
                                   for _, heat, proxy, _ in REGIONS))
    import django
    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    setup_test_environment()
    client = Client()
    response = client.post(reverse("login"), {
        "username": "demo", "password": cloud.demo_password,
        "domain": "Default", "region": "default"})
    assert response.status_code == 302, "login failed"
    return client


def measure(client, path: str, runs: int) -> tuple[float, dict, int]:
    """Median server time of ``path`` (s), the Heat requests of one page
    by region, and the rows it showed."""
    for _ in range(2):
        assert client.get(path).status_code == 200
    times = []
    for _ in range(runs):
        proxy_calls(reset=True)
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, path
    calls = proxy_calls()
    rows = len(response.context["table"].data)
    return statistics.median(times), calls, rows


def first_sight(client) -> tuple[float, int]:
    """Our page's first request (nothing cached yet), and its calls.

    Horizon's own first-request costs are paid beforehand, on the Regions
    page (which calls no cloud).
    """
    assert client.get("/project/mr_regions/").status_code == 200
    proxy_calls(reset=True)
    started = time.perf_counter()
    assert client.get(OURS).status_code == 200
    return time.perf_counter() - started, sum(proxy_calls().values())


def report(ours, theirs, cold, args) -> None:
    slowest = max(seconds for seconds, _, _ in theirs.values())
    total = sum(seconds for seconds, _, _ in theirs.values())
    print(f"stacks per region: {args.stacks}, page size 20, "
          f"median of {args.runs} requests after 2 warm-up requests")
    for region, _, _, delay in REGIONS:
        seconds, calls, rows = theirs[region]
        print(f"heat-dashboard {region:<11} +{delay:>3} ms: "
              f"{seconds * 1000:7.1f} ms, {rows} rows, "
              f"Heat requests {calls[region]}")
    print(f"heat-dashboard sum over regions:  {total * 1000:7.1f} ms")
    seconds, calls, rows = ours
    print(f"mr_dashboard all regions:         {seconds * 1000:7.1f} ms, "
          f"{rows} rows, Heat requests {sum(calls.values())} {calls}")
    print(f"mr_dashboard first sight (cold cache): {cold[0] * 1000:.1f} ms, "
          f"{cold[1]} Heat requests")
    print(f"ours / slowest region: {seconds / slowest:.2f} (target <= 1.1)")
    print(f"ours / sum of regions: {seconds / total:.2f} (target <= 0.4)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stacks", type=int, default=60)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cloud = running_cloud()
    proxies = delay_proxy.start([f"{proxy}:{heat}:{delay}"
                                 for _, heat, proxy, delay in REGIONS])
    stacks = BenchStacks(cloud, args.stacks)
    try:
        stacks.create()
        client = logged_in_client(cloud)
        cold = first_sight(client)
        ours = measure(client, OURS, args.runs)
        theirs = {}
        for region, *_ in REGIONS:
            client.get(f"/auth/switch_services_region/{region}/")
            theirs[region] = measure(client, THEIRS, args.runs)
        report(ours, theirs, cold, args)
    finally:
        stacks.delete()
        proxies.terminate()


if __name__ == "__main__":
    main()
