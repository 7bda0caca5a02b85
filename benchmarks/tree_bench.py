"""Benchmark of the stack-tree walk (mr_dashboard.api.tree.walk) on the demo cloud.

Makes (or reuses) a tree over the first three regions from benchmarks/tree/
(a group of ``--width`` provider stacks in each of five stacks linked by
OS::Heat::Stack: RegionOne -> RegionTwo -> RegionThree -> RegionOne, and
RegionOne -> RegionThree): 10 + 5 x width stacks, 45 with the default
width 7, 200 with width 38. It puts a delaying proxy
(:mod:`benchmarks.delay_proxy`) in front of each of these regions' Heat
(the other regions out of the catalog), and walks the tree through the
proxies with
the plugin's own code, as the stack detail page does. In the same run it
times every kind of call the walk makes, one at a time, through the same
proxies: the slowest of them is the baseline. It prints the walk time, the
API calls and HTTP requests per walk, and

    ratio = walk time / (OS::Heat::Stack hops on the longest path x slowest call)

Run from the repository with the dashboard venv's Python, the demo cloud up:

    python -m benchmarks.tree_bench [--runs 7] [--delays 60,120,180]
                                    [--width 7] [--keep | --reuse NAME]
"""
import argparse
import os
import pathlib
import statistics
import time
from types import SimpleNamespace
from urllib.parse import urlsplit

REPO = pathlib.Path(__file__).resolve().parent.parent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from benchmarks import delay_proxy  # noqa: E402
from benchmarks.catalog import proxied_catalog  # noqa: E402
from mr_dashboard.api import heat  # noqa: E402
from mr_dashboard.api.tree.walk import stack_tree  # noqa: E402
from tests.cloud import keystone_access, running_cloud  # noqa: E402
from tests.functional import tree_stacks  # noqa: E402

TEMPLATES = REPO / "benchmarks" / "tree"
ROOT_REGION = "RegionOne"


def request_for(access, catalog):
    """A fresh request of the demo user, as a page gets (new clients)."""
    request = RequestFactory().get("/")
    request.user = SimpleNamespace(service_catalog=catalog,
                                   token=SimpleNamespace(id=access.auth_token))
    request.session = {}
    return request


def heat_port(catalog, region):
    for service in catalog:
        for endpoint in service["endpoints"]:
            if (service["type"] == "orchestration" and endpoint["interface"] == "public"
                    and endpoint["region_id"] == region):
                return urlsplit(endpoint["url"]).port
    raise SystemExit(f"no Heat endpoint in {region}")


def local_size(node):
    """Resources of a stack and of its local nested stacks."""
    return len(node.resources) + sum(local_size(child) for child in node.children
                                     if child.kind == "nested")


def slowest_call(access, catalog, tree, repeat=3):
    """The slowest kind of call of the walk, timed alone: (seconds, what)."""
    largest = {}
    for node in tree.listed:
        count = local_size(node)
        if count > largest.get(node.region, (0, None))[0]:
            largest[node.region] = (count, node)
    calls = []
    for region, (_, node) in largest.items():
        calls += [(f"list of stacks, {region}", heat.stacks_list, (region,)),
                  (f"nested listing of {node.name}, {region}", heat.resources_list,
                   (region, node.identifier, 5)),
                  (f"template of {node.name}, {region}", heat.stack_template,
                   (region, node.identifier)),
                  (f"details of {node.name}, {region}", heat.stack_show,
                   (region, node.identifier, False))]
    timed = []
    for what, function, args in calls:
        seconds = []
        for _ in range(repeat):
            request = request_for(access, catalog)
            started = time.monotonic()
            function(request, *args)
            seconds.append(time.monotonic() - started)
        timed.append((statistics.median(seconds), what))
    return max(timed)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--delays", default="60,120,180",
                        help="ms per request added to RegionOne,Two,Three")
    parser.add_argument("--width", type=int, default=7,
                        help="stacks in each group: 10 + 5 x width in all")
    parser.add_argument("--keep", action="store_true", help="keep the tree")
    parser.add_argument("--reuse", metavar="NAME", help="walk this existing root")
    args = parser.parse_args()
    # The walk's own timeout is not what is measured here.
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": 30.0}
    cloud = running_cloud()
    access = keystone_access(cloud, timeout=None)
    catalog = access.service_catalog.catalog
    if args.reuse:
        root = heat.stacks_list(request_for(access, catalog), ROOT_REGION,
                                name=args.reuse)[0]
        stack_id, name = root.id, root.name
    else:
        name = tree_stacks.unique_name("bench")
        started = time.monotonic()
        stack_id = tree_stacks.create(cloud, ROOT_REGION, name, "bench_root.yaml",
                                      folder=TEMPLATES, width=args.width)
        status = tree_stacks.wait(cloud, ROOT_REGION, stack_id, timeout=900)
        print(f"made {name}: {status} in {time.monotonic() - started:.0f} s")
    delays = dict(zip(cloud.regions, map(float, args.delays.split(","))))
    proxies = {region: delay_proxy.serve(0, heat_port(catalog, region), delay)
               for region, delay in delays.items()}
    ports = {str(heat_port(catalog, region)): str(proxy.server_address[1])
             for region, proxy in proxies.items()}
    try:
        run(args, access, proxied_catalog(catalog, ports), proxies, stack_id, name)
    finally:
        for proxy in proxies.values():
            proxy.shutdown()
            proxy.server_close()
        if not (args.keep or args.reuse):
            tree_stacks.delete(cloud, ROOT_REGION, stack_id, timeout=900)


def run(args, access, catalog, proxies, stack_id, name):
    walks, trees = [], []
    # One walk first, not counted: Heat validates a new token once.
    stack_tree(request_for(access, catalog), ROOT_REGION, stack_id, name)
    before = sum(p.count for p in proxies.values())
    for _ in range(args.runs):
        request = request_for(access, catalog)
        started = time.monotonic()
        trees.append(stack_tree(request, ROOT_REGION, stack_id, name))
        walks.append(time.monotonic() - started)
    requests = (sum(p.count for p in proxies.values()) - before) / args.runs
    tree = trees[-1]
    nodes = tree.nodes()
    broken = [(n.name, n.error) for t in trees for n in t.nodes() if n.error]
    if broken:
        raise SystemExit(f"the walk met errors: {broken[:3]}")
    slowest, what = slowest_call(access, catalog, tree)
    walk = statistics.median(walks)
    ratio = walk / (tree.hops * slowest)
    print(f"tree: {len(nodes)} stacks ({len(nodes) - 1} nested) in "
          f"{len({n.region for n in nodes})} regions, "
          f"{sum(len(n.resources) for n in nodes)} resources; longest path: "
          f"{tree.hops} OS::Heat::Stack hops")
    print("latency added per HTTP request: " + ", ".join(
        f"{region} {proxy.delay * 1000:.0f} ms" for region, proxy in proxies.items()))
    print(f"slowest single call (median of 3): {slowest * 1000:.0f} ms ({what})")
    print(f"walk, {args.runs} runs: median {walk * 1000:.0f} ms (min "
          f"{min(walks) * 1000:.0f}, max {max(walks) * 1000:.0f}); "
          f"{tree.calls} API calls and {requests:.0f} HTTP requests per walk")
    print(f"ratio = walk / (hops x slowest call) = {walk * 1000:.0f} / "
          f"({tree.hops} x {slowest * 1000:.0f}) = {ratio:.2f}  (target <= 1.2)")


if __name__ == "__main__":
    main()
