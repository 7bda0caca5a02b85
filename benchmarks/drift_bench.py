"""Benchmark of drift detection (mr_dashboard.api.drift) across regions, on the demo cloud.

Two trees, each walked once with the plugin's own code
(:func:`~mr_dashboard.api.tree.walk.stack_tree`):

- **use case 1**: the demo's sample ``vpn-sites`` (a RegionOne root, a
  VPN site in RegionOne and one in RegionTwo), as ``up`` made it;
- **the 45-stack tree** of the tree walk benchmark (``benchmarks/tree/``,
  width 7: RegionOne, RegionTwo, RegionThree and back to RegionOne), made
  for the run and deleted after it, with one change: its smallest stack
  (``bench_leaf.yaml``, 35 of the 45 stacks) is given to Heat as
  ``benchmarks/drift/bench_leaf.yaml``, a Neutron network. The tree's own
  leaf holds only ``OS::Heat::RandomString`` and ``OS::Heat::Value``,
  kinds the detection does not compare: on that tree as it is, detection
  makes no call at all (``--plain`` measures it so).

Then, for ``--runs`` rounds, in turns (each round starting from another
one, so that the machine's load weighs on all alike), the detection
(:func:`~mr_dashboard.api.drift.detect_drift`, each in a fresh request as
a page makes it) of the whole tree and of **each region's part alone**:
the same tree with the resources of every stack outside that region left
out, so that the detection makes no call for those stacks and exactly the
calls the whole detection makes in that region, on the same scheduler and
with the same bound on calls at once (``TREE_PARALLEL_CALLS``, or
``--parallel``). One detection of each first, not counted. It prints the
medians, each detection's calls (``DriftReport.calls``) and

    ratio = whole tree / slowest region's part alone   (target <= 1.2)

``--delays`` puts a delaying proxy (:mod:`benchmarks.delay_proxy`, its own
process) in front of each region's Heat, as the tree walk benchmark does:
the milliseconds added to every request to RegionOne, Two and Three's
Heat (the stacks' templates, parameters and attribute reads); the objects
are read straight from Nova and Neutron. With ``--everywhere`` the delay
is the region's distance: a proxy in front of each of its services (every
endpoint of its catalog but Keystone's), Nova and Neutron too. Run from
the repository with the dashboard venv's Python, the demo cloud up (with
its IaaS):

    python -m benchmarks.drift_bench [--runs 7] [--delays 60,120,180]
                                     [--everywhere]
                                     [--parallel N] [--plain]
                                     [--only vpn|tree] [--keep | --reuse NAME]
"""
import argparse
import copy
import os
import pathlib
import socket
import statistics
import time
from urllib.parse import urlsplit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

# region_checks sets Django up (and the test client's environment, which
# its login needs); tree_bench knows the tree's templates and Heat's ports.
from benchmarks import cpu  # noqa: E402
from benchmarks import delay_proxy  # noqa: E402
from benchmarks import region_checks  # noqa: E402
from benchmarks import tree_bench  # noqa: E402
from benchmarks.catalog import proxied_catalog  # noqa: E402
from benchmarks.catalog import proxied_endpoints  # noqa: E402
from django.conf import settings  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test import override_settings  # noqa: E402

from mr_dashboard.api import drift  # noqa: E402
from mr_dashboard.api import heat  # noqa: E402
from mr_dashboard.api.tree.nodes import StackTree  # noqa: E402
from mr_dashboard.api.tree.walk import stack_tree  # noqa: E402
from tests.cloud import heat_client  # noqa: E402
from tests.cloud import running_cloud  # noqa: E402
from tests.functional import tree_stacks  # noqa: E402

LEAF = pathlib.Path(__file__).resolve().parent / "drift" / "bench_leaf.yaml"
ROOT_REGION = "RegionOne"
USE_CASE_1 = "vpn-sites"
#: The CPU groups printed (benchmarks.cpu's, and this process).
CPU_GROUPS = {"heat": "Heat", "other": "IaaS and the rest",
              "database": "database", "keystone": "Keystone",
              "benchmark": "this process"}


def fresh(request):
    """A new request of the same logged-in user: new clients, as each
    page gets (openstacksdk's discovery stays shared by the process)."""
    new = RequestFactory().get("/")
    new.user, new.session = request.user, request.session
    return new


def region_part(tree: StackTree, region: str) -> StackTree:
    """``tree`` with the resources of the stacks outside ``region`` (or in
    another cloud) left out: its detection reads that region alone."""
    part = copy.deepcopy(tree)
    for node in part.nodes():
        if node.region != region or node.cloud is not None:
            node.resources = []
    return part


def make_tree(cloud, width: int, plain: bool) -> tuple[str, str]:
    """The tree walk benchmark's tree in RegionOne (its leaf a network
    unless ``plain``), complete: ``(id, name)``."""
    files = {path.name: path.read_text()
             for path in tree_bench.TEMPLATES.glob("*.yaml")}
    if not plain:
        files["bench_leaf.yaml"] = LEAF.read_text()
    name = tree_stacks.unique_name("drift-bench")
    started = time.monotonic()
    body = heat_client(cloud, ROOT_REGION).stacks.create(
        stack_name=name, template=files["bench_root.yaml"], files=files,
        parameters={"width": width})
    stack_id = body["stack"]["id"]
    status = tree_stacks.wait(cloud, ROOT_REGION, stack_id, timeout=900)
    print(f"made {name}: {status} in {time.monotonic() - started:.0f} s",
          flush=True)
    if status != "CREATE_COMPLETE":
        tree_stacks.delete(cloud, ROOT_REGION, stack_id, timeout=900)
        raise SystemExit(f"{name} is {status}")
    return stack_id, name


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def heat_proxies(catalog, regions, delays: list[float]):
    """A delaying proxy process in front of the Heat of each of the first
    ``regions`` (one delay each): (process, {region: proxy port}, catalog
    through them)."""
    regions = regions[:len(delays)]
    listen = {region: free_port() for region in regions}
    targets = {region: tree_bench.heat_port(catalog, region)
               for region in regions}
    process = delay_proxy.start([f"{listen[r]}:{targets[r]}:{delay:g}"
                                 for r, delay in zip(regions, delays)])
    ports = {str(targets[r]): str(listen[r]) for r in regions}
    return process, listen, proxied_catalog(catalog, ports)


def region_proxies(catalog, regions, delays: list[float]):
    """A delaying proxy process in front of every service (Heat and the
    IaaS: each endpoint but Keystone's) of each of the first ``regions``
    (one delay each, the region's distance): (process, {"<region>
    <service>": proxy port}, catalog through them)."""
    delay_of = dict(zip(regions, delays))
    targets = {}
    for service in catalog:
        if service.get("type") == "identity":
            continue
        for endpoint in service.get("endpoints", ()):
            region = endpoint.get("region_id", endpoint.get("region"))
            if region in delay_of:
                targets[f"{region} {service['type']}"] = (
                    region, urlsplit(endpoint["url"]).port)
    listen = {key: free_port() for key in targets}
    process = delay_proxy.start([
        f"{listen[key]}:{port}:{delay_of[region]:g}"
        for key, (region, port) in targets.items()])
    ports = {str(port): str(listen[key])
             for key, (_, port) in targets.items()}
    return process, listen, proxied_endpoints(catalog, ports)


def detect(request, subject: StackTree, state
           ) -> tuple[drift.DriftReport, dict[str, float]]:
    """One detection in a fresh request, and the CPU seconds the cloud's
    processes (by group, :mod:`benchmarks.cpu`) and this one spent."""
    before, mine = cpu.snapshot(state), time.process_time()
    found = drift.detect_drift(fresh(request), subject)
    mine = time.process_time() - mine
    used = cpu.spent(before, cpu.snapshot(state))
    used["benchmark"] = mine
    return found, used


def measure(request, label: str, tree: StackTree, runs: int,
            proxies: dict[str, int], state) -> float:
    """Time the whole detection and each region's part in turns; print
    them; returns the ratio."""
    nodes = tree.nodes()
    regions = sorted({node.region for node in nodes if node.cloud is None})
    subjects = {"whole tree": tree, **{f"{region} alone": region_part(
        tree, region) for region in regions}}
    found = {what: drift.detect_drift(fresh(request), subject)
             for what, subject in subjects.items()}  # warm-up, not counted
    proxied_requests = {}
    times: dict[str, list[float]] = {what: [] for what in subjects}
    used: dict[str, list[dict]] = {what: [] for what in subjects}
    order = list(subjects)
    for round_ in range(runs):
        turn = order[round_ % len(order):] + order[:round_ % len(order)]
        for what in turn:
            for port in proxies.values():
                delay_proxy.count(port, reset=True)
            found[what], spent = detect(request, subjects[what], state)
            times[what].append(found[what].elapsed)
            used[what].append(spent)
            proxied_requests[what] = sum(delay_proxy.count(port)
                                         for port in proxies.values())
    unknown = [(res.name, res.reason) for report in found.values()
               for stack in report.stacks for res in stack.resources
               if res.status == drift.NOT_KNOWN]
    if unknown:
        raise SystemExit(f"{label}: resources not known: {unknown[:3]}")
    whole = found["whole tree"]
    print(f"\n{label}: {len(nodes)} stacks in {len(regions)} regions; "
          f"{sum(len(n.resources) for n in nodes)} resources; "
          + ", ".join(f"{count} {status}" for status, count
                      in whole.counts.items() if count)
          + f"; {whole.reads} objects read; MODIFIED/DELETED: "
          f"{whole.counts[drift.MODIFIED] + whole.counts[drift.DELETED]}")
    medians = {what: statistics.median(seconds)
               for what, seconds in times.items()}
    for what, seconds in times.items():
        stacks = sum(1 for stack in found[what].stacks
                     if any(res.status != drift.NOT_CHECKED
                            for res in stack.resources))
        extra = (f", {proxied_requests[what]} requests through the proxies"
                 if proxies else "")
        print(f"  {what:<18} median {medians[what] * 1000:7.0f} ms (min "
              f"{min(seconds) * 1000:.0f}, max {max(seconds) * 1000:.0f}); "
              f"{found[what].reads} objects read in {stacks} stacks, "
              f"{found[what].calls} calls{extra}")
        groups = {group: statistics.median([spent.get(group, 0.0)
                                            for spent in used[what]])
                  for group in CPU_GROUPS}
        cloud = sum(seconds for group, seconds in groups.items()
                    if group != "benchmark")
        print(f"  {'':<18} CPU (median ms): the cloud {cloud * 1000:.0f} ("
              + ", ".join(f"{CPU_GROUPS[group]} {seconds * 1000:.0f}"
                          for group, seconds in groups.items()) + ")")
    if not whole.reads:
        print("  no object read: the ratio would compare noise")
        return 0.0
    slowest = max((seconds, what) for what, seconds in medians.items()
                  if what != "whole tree")
    parts = sum(seconds for what, seconds in medians.items()
                if what != "whole tree")
    ratio = medians["whole tree"] / slowest[0]
    print(f"  ratio = whole / slowest part ({slowest[1]}) = "
          f"{medians['whole tree'] * 1000:.0f} / {slowest[0] * 1000:.0f} = "
          f"{ratio:.2f}  (target <= 1.2); whole / sum of the parts = "
          f"{medians['whole tree'] / parts:.2f}", flush=True)
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--delays", default="",
                        help="ms per request added to RegionOne,Two,Three's "
                             "Heat (none by default)")
    parser.add_argument("--everywhere", action="store_true",
                        help="the delays on every service of the region "
                             "(Heat, Nova, Neutron, Glance...), not Heat's "
                             "only: the region that far away")
    parser.add_argument("--parallel", type=int,
                        help="TREE_PARALLEL_CALLS (the plugin's default)")
    parser.add_argument("--width", type=int, default=7,
                        help="the tree's groups: 10 + 5 x width stacks")
    parser.add_argument("--plain", action="store_true",
                        help="the tree's own leaf (no compared kind)")
    parser.add_argument("--only", choices=("vpn", "tree"))
    parser.add_argument("--keep", action="store_true", help="keep the tree")
    parser.add_argument("--reuse", metavar="NAME", help="this tree's root")
    args = parser.parse_args()
    cloud = running_cloud()
    # What is measured is the time, not the deadline.
    plugin = {"REGION_TIMEOUT": 30.0}
    if args.parallel:
        plugin["TREE_PARALLEL_CALLS"] = args.parallel
    settings.MR_DASHBOARD = plugin
    with override_settings(OPENSTACK_KEYSTONE_URL=cloud.keystone_url,
                           OPENSTACK_KEYSTONE_DEFAULT_DOMAIN="Default",
                           OPENSTACK_KEYSTONE_MULTIDOMAIN_SUPPORT=False,
                           AVAILABLE_REGIONS=[],
                           CACHES=region_checks.ROOMY_CACHE):
        request = region_checks.demo_request(cloud)
        made = None
        if args.only != "vpn" and not args.reuse:
            made = make_tree(cloud, args.width, args.plain)
        try:
            run(args, request, made, cloud)
        finally:
            if made and not args.keep:
                tree_stacks.delete(cloud, ROOT_REGION, made[0], timeout=900)


def run(args, request, made, cloud) -> None:
    process, proxies = None, {}
    if args.delays:
        delays = [float(delay) for delay in args.delays.split(",")]
        process, proxies, catalog = (region_proxies if args.everywhere
                                     else heat_proxies)(
            request.user.service_catalog, cloud.regions, delays)
        request.user.service_catalog = catalog
        where = ("every service of each region" if args.everywhere
                 else "each region's Heat")
        print(f"latency added per request to {where}: " + ", ".join(
            f"{region} {delay:g} ms"
            for region, delay in zip(cloud.regions, delays)))
    print(f"TREE_PARALLEL_CALLS {args.parallel or 'default'}; "
          f"{args.runs} runs in turns, medians")
    try:
        trees = []
        if args.only != "tree":
            trees.append(("use case 1 (vpn-sites)", USE_CASE_1))
        if args.only != "vpn":
            trees.append(("the 45-stack tree" if args.width == 7
                          else "the benchmark tree", args.reuse or made[1]))
        for label, name in trees:
            root = heat.stacks_list(request, ROOT_REGION, name=name)[0]
            tree = stack_tree(fresh(request), ROOT_REGION, root.id, root.name)
            broken = [(n.name, n.error) for n in tree.nodes() if n.error]
            if broken:
                raise SystemExit(f"the walk met errors: {broken[:3]}")
            measure(request, label, tree, args.runs, proxies, cloud.state)
    finally:
        if process is not None:
            process.terminate()
            process.wait()


if __name__ == "__main__":
    main()
