"""Benchmark of the Topology tab's picture (mr_dashboard.stack_topology.js)
in Chromium: how long after its data arrives the picture is interactive.

A synthetic tree of ``--stacks`` stacks (200) holding ``--resources``
resources (600) across three region lanes, with the edges a tree of real
templates gives (each stack's resources chained by ``get_resource``, one
``depends_on``, a parent's resource feeding each child, one output of a
stack feeding the next stack's parameter, in another region), is handed to
the script as the page's tree script hands it: a ``mr:stack-tree`` event
on ``#mr-stack-detail``, in a page holding Horizon's own d3 (XStatic) and
the plugin's helper. *Interactive* is the time from the event to the end
of the second animation frame after it (the picture drawn, laid out and
painted, the page answering input again). Measured, ``--runs`` times each
in a fresh page, median printed:

- **baseline**: the picture before issue 24 (the script at ``--baseline``,
  a commit, read with ``git show``): one box per stack, glyphs;
- **first**: the new picture as it opens (over ``COLLAPSE_ABOVE``
  resources every child stack is folded);
- **redraw**: a live update of the same tree (what every poll costs);
- **expanded**: every group shown (600 nodes and all their edges).

and each as a ratio to the baseline measured in the same run. No cloud,
no Horizon: run from the repository with the dashboard venv's Python
(selenium, xstatic-d3), ``/usr/bin/chromium`` and its chromedriver:

    python -m benchmarks.topology_bench [--runs 5] [--stacks 200]
                                        [--resources 600] [--baseline REV]

``--graph FILE --shot PNG`` draws a graph saved from a tree view's answer
(``graph``) and saves a screenshot instead.
"""

import argparse
import json
import pathlib
import statistics
import subprocess
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from xstatic.pkg import d3 as xstatic_d3

REPO = pathlib.Path(__file__).resolve().parent.parent
SCRIPTS = REPO / "mr_dashboard/static/mr_dashboard/js"
TOPOLOGY = "mr_dashboard/static/mr_dashboard/js/mr_dashboard.stack_topology.js"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--window-size=1400,1000")
LANES = ("RegionOne", "RegionTwo", "RegionThree")
COLLAPSE_ABOVE = 80  # topology.COLLAPSE_ABOVE (no Django settings here)
CATEGORIES = (("OS::Neutron::Net", "network", "\uf6ff"),
              ("OS::Neutron::Subnet", "subnet", "\uf0e8"),
              ("OS::Nova::Server", "server", "\uf233"))

# Horizon's parts the scripts use: its init hooks, gettext and interpolate.
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><script>
window.horizon = {inits: [], addInitFunction: function (f) { this.inits.push(f); },
                  modals: {addModalInitFunction: function () {}}};
window.gettext = function (s) { return s; };
window.interpolate = function (fmt, obj) {
  return fmt.replace(/%\\((\\w+)\\)s/g, function (m, k) { return String(obj[k]); });
};
</script><style>/* the page's stylesheet's gist (stack_detail.scss is SCSS) */
svg path { fill: none; stroke: #bbb; } .mr-topo-lane-bg { fill: #f4f6f9; }
rect { fill: #fff; stroke-width: 1.5px; } .mr-topo-feed, .mr-topo-dependency { stroke: #f0ad4e; }
.mr-topo-site { stroke: #3c9d3c; stroke-width: 3px; } .mr-topo-remote { stroke: #337ab7;
stroke-dasharray: 6 4; } text { font: 11px sans-serif; } #mr-topo-arrow path { fill: #f0ad4e; }
</style>%SCRIPTS%</head><body>
<button data-mr-topo-action="expand">expand</button>
<div id="mr-stack-detail"><div id="mr-stack-topology" data-mr-topology-state="loading"></div></div>
<script>window.horizon.inits.forEach(function (f) { f(document); });
window.measure = function (graph, done) {
  var root = document.getElementById('mr-stack-detail');
  var started = performance.now();
  root.dispatchEvent(new CustomEvent('mr:stack-tree', {detail: {graph: graph}}));
  document.querySelector('svg').getBoundingClientRect();
  requestAnimationFrame(function () { requestAnimationFrame(function () {
    done(performance.now() - started);
  }); });
};
window.expand = function (done) {
  var started = performance.now();
  document.querySelector('[data-mr-topo-action="expand"]').click();
  document.querySelector('svg').getBoundingClientRect();
  requestAnimationFrame(function () { requestAnimationFrame(function () {
    done(performance.now() - started);
  }); });
};
</script></body></html>"""


def graph(stacks: int, resources: int) -> dict:
    """The synthetic tree's picture data, as topology.tree_view gives it."""
    views, edges, dependencies = [], [], []
    per = resources // stacks
    for index in range(stacks):
        key = f"/{LANES[index % 3]}/s{index}"
        parent = None if index == 0 else f"/{LANES[((index - 1) // 4) % 3]}/s{(index - 1) // 4}"
        names = [f"res{index}_{n}" for n in range(per + (index < resources % stacks))]
        views.append({
            "key": key, "row": index, "id": f"s{index}", "name": f"stack-{index}",
            "kind": "root" if parent is None else "remote", "region": LANES[index % 3],
            "cloud": "", "lane": f"/{LANES[index % 3]}", "parent": parent,
            "parent_resource": f"child{index}", "resource_type": "OS::Heat::Stack",
            "status": "CREATE_COMPLETE", "status_label": "Create Complete", "reason": "",
            "state": "complete", "error": "", "error_label": "", "drift": "",
            "url": f"/project/mr_stacks/{LANES[index % 3]}/s{index}/",
            "resources": [{"name": name, "type": CATEGORIES[n % 3][0], "status": "CREATE_COMPLETE",
                           "state": "complete", "reason": "", "category": CATEGORIES[n % 3][1],
                           "glyph": CATEGORIES[n % 3][2], "drift": "", "modal": False,
                           "url": f"/project/mr_stacks/x/open/{name}/"}
                          for n, name in enumerate(names)]})
        edges += [{"source": [key, a], "target": [key, b], "kind": "local", "labels": ["network"],
                   "cross_region": False} for a, b in zip(names, names[1:])]
        if len(names) > 2:
            edges.append({"source": [key, names[0]], "target": [key, names[2]],
                          "kind": "depends_on", "labels": [], "cross_region": False})
        if parent is not None:
            edges.append({"source": [parent, views[(index - 1) // 4]["resources"][0]["name"]],
                          "target": [key, names[-1]], "kind": "feed", "labels": ["psk"],
                          "cross_region": True})
        if index > 1 and (index - 1) % 4:
            before = views[index - 1]
            dependencies.append({"source": before["key"], "target": key,
                                 "parameters": "peer_address", "cross_region": True})
            edges.append({"source": [before["key"], before["resources"][-1]["name"]],
                          "target": [key, names[0]], "kind": "feed",
                          "labels": ["peer_address"], "cross_region": True})
    return {"lanes": [{"key": f"/{lane}", "region": lane, "cloud": False, "label": lane}
                      for lane in LANES],
            "stacks": views, "dependencies": dependencies, "edges": edges,
            "collapse_above": COLLAPSE_ABOVE}


def page(folder: pathlib.Path, name: str, topology: str) -> str:
    """A page with d3, the helper and ``topology`` (the script's text)."""
    (folder / f"{name}.js").write_text(topology)
    scripts = "".join(f'<script src="{src}"></script>' for src in (
        pathlib.Path(xstatic_d3.BASE_DIR, "d3.js").as_uri(),
        (SCRIPTS / "mr_dashboard.js").as_uri(), f"{name}.js"))
    path = folder / f"{name}.html"
    path.write_text(PAGE.replace("%SCRIPTS%", scripts))
    return path.as_uri()


def timed(driver, url: str, data: dict, expand: bool = False) -> float:
    driver.get(url)
    driver.set_script_timeout(60)
    measure = "window.measure(arguments[0], arguments[arguments.length - 1]);"
    if not expand:
        return driver.execute_async_script(measure, data)
    driver.execute_async_script(measure, data)
    return driver.execute_async_script("window.expand(arguments[arguments.length - 1]);")


def redraw(driver, url: str, data: dict) -> float:
    driver.get(url)
    driver.set_script_timeout(60)
    measure = "window.measure(arguments[0], arguments[arguments.length - 1]);"
    driver.execute_async_script(measure, data)
    return driver.execute_async_script(measure, data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stacks", type=int, default=200)
    parser.add_argument("--resources", type=int, default=600)
    parser.add_argument("--baseline", default="335ecb5")
    parser.add_argument("--graph", type=pathlib.Path)
    parser.add_argument("--shot", type=pathlib.Path)
    args = parser.parse_args()
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        with tempfile.TemporaryDirectory(prefix="mrd-topology-") as folder:
            folder = pathlib.Path(folder)
            new = page(folder, "new", (REPO / TOPOLOGY).read_text())
            if args.graph:
                timed(driver, new, json.loads(args.graph.read_text()))
                driver.set_window_size(1400, 1400)
                driver.save_screenshot(str(args.shot))
                return
            old = page(folder, "old", subprocess.run(
                ["git", "show", f"{args.baseline}:{TOPOLOGY}"], cwd=REPO, check=True,
                capture_output=True, text=True).stdout)
            data = graph(args.stacks, args.resources)
            times = {"baseline": [], "first": [], "redraw": [], "expanded": []}
            timed(driver, new, data)  # warm-up, not counted
            for _ in range(args.runs):
                times["baseline"].append(timed(driver, old, data))
                times["first"].append(timed(driver, new, data))
                times["redraw"].append(redraw(driver, new, data))
                times["expanded"].append(timed(driver, new, data, expand=True))
    finally:
        driver.quit()
    base = statistics.median(times["baseline"])
    print(f"{args.stacks} stacks, {sum(len(s['resources']) for s in data['stacks'])} resources, "
          f"{len(data['edges'])} edges, {args.runs} runs; median ms to interactive:")
    for name, found in times.items():
        median = statistics.median(found)
        print(f"  {name:9} {median:8.1f} ms   ratio to baseline {median / base:5.2f}")


if __name__ == "__main__":
    main()
