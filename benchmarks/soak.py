"""Soak: many logged-in sessions on the demo Horizon while a region freezes.

SESSIONS (default 20) users log in to the demo Horizon (127.0.0.1 only) and
browse in a loop for DURATION seconds (default 300): the Stacks page of all
regions, the Regions page and its health, the Resource Types page, the
cross-region sample's detail page, its tree (JSON) and lineage, and the
launch checks (step one, then Check, of a template with a child in
RegionTwo). From FREEZE_AT to FREEZE_AT + FREEZE_FOR seconds the Heat API
of one region is frozen (SIGSTOP to its process group, SIGCONT after, and
on any exit). Then it stops by itself and prints, per page and per phase,
the requests, p50/p95/max in milliseconds, the pages that came but said
some regions did not answer in time ("regions missing": the plugin's
degraded answer), and the errors (a 5xx, a timeout of the client's 60 s, a
refused connection, or a page without its content).

Run from the repository root with the dashboard venv's Python:

    $VENV/bin/python -m benchmarks.soak [--sessions 20] [--duration 300]

Not part of the test command; figures in docs/security.md.
"""

import argparse
import collections
import concurrent.futures
import re
import signal
import statistics
import sys
import threading
import time

import requests

from tests.cloud import heat_client, login_over_http, running_cloud

MAX_SESSIONS, MAX_DURATION = 50, 900
TIMEOUT = 60
#: A page that came, but told that some regions did not answer in time.
DEGRADED = "degraded"
CHILD = "heat_template_version: 2021-04-16\nresources: {}\n"
TEMPLATE = """heat_template_version: 2021-04-16
parameters:
  size: {type: number, default: 2, constraints: [{range: {min: 1, max: 4}}]}
resources:
  here: {type: OS::Heat::Value, properties: {value: {get_param: size}}}
  there:
    type: OS::Heat::Stack
    properties:
      context: {region_name: RegionTwo}
      template: {get_file: child.yaml}
"""


def csrf(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


class User:
    """One logged-in browser session of the demo user."""

    def __init__(self, base: str, password: str) -> None:
        self.base, self.http = base, login_over_http(base, password, timeout=TIMEOUT)

    def get(self, path: str, expect: str) -> str:
        """"" when the page came with ``expect``, else what went wrong."""
        answer = self.http.get(self.base + path, timeout=TIMEOUT)
        return verdict(answer, expect)

    def launch_check(self, expect: str) -> bool:
        url = f"{self.base}/project/mr_stacks/launch/"
        page = self.http.get(url, timeout=TIMEOUT).text
        step = self.http.post(url, timeout=TIMEOUT, headers={"Referer": url}, data={
            "csrfmiddlewaretoken": csrf(page), "region": "RegionOne",
            "template_source": "raw", "template_data": TEMPLATE},
            files=[("folder", ("child.yaml", CHILD.encode()))])
        draft = re.search(r'name="draft" value="([^"]+)"', step.text)
        if not draft:
            return verdict(step, 'name="draft"')
        checked = self.http.post(
            f"{self.base}/project/mr_stacks/launch/stack/", timeout=TIMEOUT,
            headers={"Referer": url}, data={
                "csrfmiddlewaretoken": csrf(step.text), "draft": draft.group(1),
                "action": "check", "stack_name": "soak", "timeout_mins": 10})
        return verdict(checked, expect)


def verdict(answer: requests.Response, expect: str) -> str:
    """"" for a 200 holding ``expect``, :data:`DEGRADED` for a page that
    says which regions did not answer in time instead, else a short
    description."""
    if answer.status_code == 200 and expect in answer.text:
        return ""
    if answer.status_code == 200 and 'id="mr-region-problems"' in answer.text:
        return DEGRADED
    return f"{answer.status_code} {answer.url}: {answer.text[:200]!r}"


def sample_paths(cloud) -> dict[str, tuple[str, str]]:
    """Each page of the round: path and a text the answer must hold."""
    heat = heat_client(cloud, "RegionOne", timeout=None)
    [stack] = heat.stacks.list(filters={"name": "cross-region"})
    detail = f"/project/mr_stacks/RegionOne/{stack.id}/"
    return {
        "stacks (all regions)": ("/project/mr_stacks/", "stacks__row"),
        "regions": ("/project/mr_regions/", "mr-regions"),
        "health (json)": ("/project/mr_regions/health/", "RegionOne"),
        "resource types": ("/project/mr_resource_types/", "mr-types-summary"),
        "stack detail": (detail, "mr-stack-detail"),
        "tree (json)": (f"{detail}tree/?name=cross-region", '"graph"'),
        "lineage (json)": (f"{detail}lineage/?name=cross-region", "ancestors"),
        "launch check": ("", 'id="mr-checklist"'),
    }


class Recorder:
    """Durations and errors per (page, phase)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times = collections.defaultdict(list)
        self.errors = collections.Counter()
        self.degraded = collections.Counter()
        self.frozen = threading.Event()
        self.freeze_start: float | None = None
        self.problems: list[str] = []

    def run(self, page: str, call) -> None:
        """Time ``call``; a request running at any moment of the freeze
        counts in the frozen phase."""
        frozen = self.frozen.is_set()
        start = time.monotonic()
        try:
            problem = call()
        except requests.RequestException as exc:
            problem = f"{type(exc).__name__}: {exc}"
        elapsed = (time.monotonic() - start) * 1000
        phase = "frozen" if frozen or self.frozen.is_set() or (
            self.freeze_start is not None and start <= self.freeze_start) else "normal"
        with self.lock:
            self.times[page, phase].append(elapsed)
            if problem == DEGRADED:
                self.degraded[page, phase] += 1
            elif problem:
                self.errors[page, phase] += 1
                self.problems.append(f"{page} ({phase}): {problem}")

    def report(self) -> str:
        lines = ["| page | phase | requests | p50 ms | p95 ms | max ms | "
                 "regions missing | errors |", "|---|---|---:|---:|---:|---:|---:|---:|"]
        every = collections.defaultdict(list)
        for (page, phase), times in sorted(self.times.items()):
            every[phase] += times
            lines.append(row(page, phase, times, self.degraded[page, phase],
                             self.errors[page, phase]))
        for phase, times in sorted(every.items()):
            lines.append(row("**all**", phase, times,
                             *(sum(n for (_, p), n in counts.items() if p == phase)
                               for counts in (self.degraded, self.errors))))
        return "\n".join(lines)


def row(page: str, phase: str, times: list[float], degraded: int, errors: int) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (f"| {page} | {phase} | {len(times)} | {statistics.median(times):.0f} | "
            f"{p95:.0f} | {ordered[-1]:.0f} | {degraded} | {errors} |")


def browse(user: User, pages: dict, recorder: Recorder, until: float) -> None:
    while time.monotonic() < until:
        for page, (path, expect) in pages.items():
            if time.monotonic() >= until:
                return
            call = ((lambda: user.launch_check(expect)) if not path
                    else (lambda: user.get(path, expect)))
            recorder.run(page, call)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=300)
    parser.add_argument("--freeze", default="RegionThree")
    parser.add_argument("--freeze-at", type=float, default=90)
    parser.add_argument("--freeze-for", type=float, default=120)
    args = parser.parse_args()
    sessions = max(1, min(args.sessions, MAX_SESSIONS))
    duration = max(10.0, min(args.duration, MAX_DURATION))
    cloud = running_cloud()
    if not cloud.horizon_url.startswith("http://127.0.0.1:"):
        raise SystemExit("the soak runs against the demo Horizon on loopback only")
    pages = sample_paths(cloud)
    users = [User(cloud.horizon_url, cloud.demo_password) for _ in range(sessions)]
    recorder = Recorder()
    thaw = lambda *_: cloud.signal_heat_api(args.freeze, signal.SIGCONT)  # noqa: E731
    signal.signal(signal.SIGTERM, lambda *_: (thaw(), sys.exit(1)))
    start = time.monotonic()
    until = start + duration
    print(f"soak: {sessions} sessions for {duration:.0f} s; {args.freeze} frozen "
          f"from {args.freeze_at:.0f} s for {args.freeze_for:.0f} s", flush=True)
    with concurrent.futures.ThreadPoolExecutor(sessions) as pool:
        for user in users:
            pool.submit(browse, user, pages, recorder, until)
        try:
            time.sleep(max(0.0, args.freeze_at))
            cloud.signal_heat_api(args.freeze, signal.SIGSTOP)
            recorder.freeze_start = time.monotonic()
            recorder.frozen.set()
            time.sleep(max(0.0, min(args.freeze_for, until - time.monotonic())))
        finally:
            thaw()
            recorder.frozen.clear()
    print(f"soak: done in {time.monotonic() - start:.0f} s\n")
    print(recorder.report())
    for problem in recorder.problems[:10]:
        print("error:", problem)


if __name__ == "__main__":
    main()
