"""Send one hostile case to the running demo Horizon and watch its workers.

:func:`measure` runs one request (a :mod:`.browser` call, over real HTTP
to the gunicorn workers) and records what the corpus checks
(:func:`problems`):

- the gunicorn workers (the master's children, read from ``/proc``) are
  the same before and after: none died (a segfault, or the master killing
  a hung worker);
- the answer is a page (200, or a redirect to one) holding a message, in
  the case's time budget;
- no worker's peak memory grew by :data:`RSS_GROWTH_MB` or more: each
  worker's peak (VmHWM) is reset to its current size before the case
  (``/proc/<pid>/clear_refs``), and the largest peak growth of one worker
  over its size before is the case's growth (a request runs in one worker;
  another user's request in the other worker does not count against it).

The demo is shared: a ``kill -HUP`` of the master, or a restart by
``democloud up`` (which restarts Horizon when the plugin changed), during
a case replaces the workers without any dying of the case; such a case is
sent again once (:func:`run`).
"""

import dataclasses
import json
import os
import pathlib
import re
import subprocess
import time
from collections.abc import Callable

import requests

from democloud import procs
from democloud.layout import State
from tests.cloud import running_cloud
from tests.functional.hostile.browser import Answer
from tests.functional.hostile.browser import messages
from tests.waiting import wait_until

# Budgets. The machine running the corpus in CI has 2 cores shared by the
# whole demo cloud, so each is several times what an idle machine needs.
#: Seconds for an answer to any input parsed in the first step (templates,
#: environments, archives, uploads) or checked at the Check step: refused
#: inputs are answered in well under a second on an idle machine, and the
#: merge-key bomb and the pathological pattern held a worker ~30 s.
PARSE_SECONDS = 10.0
#: Seconds beyond the served deadline of an outbound call (template URL,
#: another cloud's Keystone) for the page to come back: connecting, the
#: page itself and a busy machine.
OUTBOUND_GRACE = 3.0
#: Seconds for an other-cloud page with a hostile URL: a message before
#: any call, or after one call to the parent's region (REGION_TIMEOUT, 5 s
#: by default, bounds it) on a busy machine.
PAGE_SECONDS = 15.0
#: Most a worker's peak memory may grow during one case, in MiB: a worker
#: is ~150 MiB; with the plugin's limits (512 KiB a file, 1 MiB of files a
#: launch, 4 MiB an answer of another cloud) a case costs a worker under
#: 20 MiB, while unbounded ones grew one by ~290 MiB (merge keys), ~400
#: MiB (a tar header claiming 400 MiB) and ~120 MiB (a 120 MiB upload read
#: whole).
RSS_GROWTH_MB = 100.0
#: Seconds the client waits beyond a case's budget before giving up on the
#: answer (the worker may go on; :func:`settle` waits for it).
CLIENT_GRACE = 5.0
#: Seconds to wait after an answer failed before looking at the workers.
LOST_SECONDS = 1.0
#: Seconds a replaced worker or a restarted Horizon has to answer again
#: (``democloud up`` collects static files before it starts Horizon).
READY_SECONDS = 180.0
#: gunicorn's words when the master is told to reload or stop, or starts.
STOP_MARKS = ("Handling signal: term", "Handling signal: int", "Shutting down: Master")
RESTART_MARKS = STOP_MARKS + ("Handling signal: hup", "Starting gunicorn")


@dataclasses.dataclass(frozen=True)
class Demo:
    """The running demo Horizon: its URL, the demo login, its processes."""

    url: str
    password: str = dataclasses.field(repr=False)
    state: State

    @classmethod
    def running(cls) -> "Demo":
        """The demo cloud's Horizon, which must be running."""
        cloud = running_cloud()
        demo = cls(url=cloud.horizon_url, password=cloud.demo_password, state=cloud.state)
        if not demo.master():
            raise RuntimeError("the demo Horizon is not running: python3 -m democloud up")
        return demo

    def master(self) -> int | None:
        """The gunicorn master's pid (``run/horizon.pid``), if it runs."""
        return procs.pid_of(self.state, "horizon")

    @property
    def log(self) -> pathlib.Path:
        """gunicorn's log: workers booted, killed, signals handled."""
        return self.state.logs / "horizon.log"

    def workers(self) -> frozenset[int]:
        """The master's children: its gunicorn workers."""
        master = self.master()
        if master is None:
            return frozenset()
        found = set()
        try:
            for task in pathlib.Path(f"/proc/{master}/task").iterdir():
                found.update(int(pid) for pid in (task / "children").read_text().split())
        except OSError:  # the master (or one of its threads) just went
            pass
        return frozenset(pid for pid in found if _alive(pid))

    def served_settings(self) -> dict:
        """The plugin's settings as the running workers read them: the
        master's Python and environment asked for ``MR_DASHBOARD``."""
        master = self.master()
        argv = pathlib.Path(f"/proc/{master}/cmdline").read_bytes().split(b"\0")
        environ = dict(line.split(b"=", 1) for line in pathlib.Path(
            f"/proc/{master}/environ").read_bytes().split(b"\0") if b"=" in line)
        code = ("import json; from mr_dashboard import conf; print(json.dumps("
                "{k: conf.plugin_setting(k) for k in conf.DEFAULTS}))")
        found = subprocess.run([argv[0].decode(), "-c", code], capture_output=True, check=True,
                               env={k.decode(): v.decode() for k, v in environ.items()},
                               timeout=120, text=True)
        return json.loads(found.stdout.strip().splitlines()[-1])

    def log_size(self) -> int:
        return self.log.stat().st_size

    def log_since(self, offset: int) -> list[str]:
        with self.log.open("rb") as log:
            log.seek(offset)
            return log.read().decode(errors="replace").splitlines()

    def _stopping(self) -> bool:
        """Whether gunicorn's last word on its master was to stop it."""
        with self.log.open("rb") as log:
            log.seek(max(0, self.log_size() - 65536))
            tail = log.read().decode(errors="replace").splitlines()
        marks = [mark for line in tail for mark in RESTART_MARKS if mark in line]
        return bool(marks) and marks[-1] in STOP_MARKS

    def wait_ready(self) -> None:
        """Until Horizon runs (not stopping) and its login page answers:
        after a worker was replaced, or Horizon reloaded or restarted."""
        wait_until(self._ready, READY_SECONDS, what="the demo Horizon answering again")

    def _ready(self) -> bool:
        try:
            return bool(not self._stopping() and self.workers() and requests.get(
                f"{self.url}/auth/login/", timeout=10).status_code == 200)
        except requests.RequestException:
            return False


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a worker that crashed is a zombie until the
    master reaps it)."""
    try:
        state = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _status_kb(pid: int, field: str) -> int | None:
    """A ``/proc/<pid>/status`` size in kB (VmRSS, VmHWM), None if gone."""
    try:
        text = pathlib.Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
    return int(found.group(1)) if found else None


def _reset_peak(pid: int) -> None:
    """Sets a process's VmHWM back to its current RSS (Linux ≥ 4.0)."""
    try:
        pathlib.Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        pass  # then the growth is measured from the older peak: lower


def _cpu_ticks(pids) -> int:
    total = 0
    for pid in pids:
        try:
            fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total


def settle(demo: Demo, most: float = 45.0) -> None:
    """Waits (at most ``most`` s) until the workers use under a third of a
    core: a case given up on by the client may still run in a worker."""
    tick = os.sysconf("SC_CLK_TCK")

    def used_in_a_second() -> int:
        before = _cpu_ticks(demo.workers())
        time.sleep(1.0)
        return _cpu_ticks(demo.workers()) - before
    wait_until(used_in_a_second, most, 0, what="the workers quiet",
               done=lambda ticks: ticks < tick / 3, fail=False)


@dataclasses.dataclass
class Outcome:
    """What one case did to Horizon, and what came back."""

    answer: Answer
    seconds: float
    growth_mb: float
    workers_before: frozenset[int]
    workers_after: frozenset[int]
    log: list[str]
    #: The gunicorn master before and after.
    masters: tuple[int | None, int | None]

    @property
    def died(self) -> frozenset[int]:
        return self.workers_before - self.workers_after

    @property
    def reloaded(self) -> bool:
        """Whether someone reloaded or restarted Horizon meanwhile."""
        return self.masters[0] != self.masters[1] or any(
            mark in line for line in self.log for mark in RESTART_MARKS)

    def summary(self) -> str:
        """One line of figures: answer, bytes sent, time, memory, workers."""
        answer = self.answer
        return (f"{answer.failure or f'HTTP {answer.status}'}, {answer.sent} bytes sent, "
                f"{self.seconds:.2f} s, +{self.growth_mb:.1f} MiB, workers "
                f"{'unchanged' if not self.died else 'died: ' + str(sorted(self.died))}")

    def worker_log(self) -> list[str]:
        """The master's lines about the workers that went."""
        return [line for line in self.log if any(
            f"pid:{pid}" in line or f"pid: {pid}" in line for pid in self.died)]


def measure(demo: Demo, call: Callable[[], Answer]) -> Outcome:
    """Runs ``call`` (one request to Horizon) and records its effect."""
    master, before = demo.master(), demo.workers()
    for pid in before:
        _reset_peak(pid)
    sizes = {pid: _status_kb(pid, "VmRSS") for pid in before}
    offset = demo.log_size()
    started = time.monotonic()
    answer = call()
    seconds = time.monotonic() - started
    if answer.failure:
        time.sleep(LOST_SECONDS)  # a worker that crashed: let it be seen gone
    growth = 0
    for pid, size in sizes.items():
        peak = _status_kb(pid, "VmHWM")
        if peak is not None and size is not None:
            growth = max(growth, peak - size)
    return Outcome(answer, seconds, growth / 1024, before, demo.workers(),
                   demo.log_since(offset), (master, demo.master()))


def run(demo: Demo, call: Callable[[], Answer], budget: float) -> Outcome:
    """:func:`measure`, sent again once if the master was reloaded
    meanwhile; afterwards Horizon is left ready and quiet for the next
    case."""
    outcome = measure(demo, call)
    if outcome.reloaded:
        demo.wait_ready()
        outcome = measure(demo, call)
    if outcome.died:
        demo.wait_ready()
    if outcome.answer.failure or outcome.seconds > budget:
        settle(demo)
    return outcome


def problems(outcome: Outcome, budget: float, expect: str | None,
             accepted: str | None = None, must_accept: bool = False,
             statuses: tuple[int, ...] = ()) -> list[str]:
    """What is wrong with ``outcome``: a worker gone, no page, a 5xx, no
    message matching ``expect`` (a regular expression, case ignored), too
    slow, too much memory. ``accepted`` is a mark of the next page for
    inputs that may as well be accepted (``must_accept``: must be);
    ``statuses`` are other right answers (e.g. the router's 404)."""
    found, answer = [], outcome.answer
    if outcome.died:
        found.append(f"workers died: {sorted(outcome.died)} {outcome.worker_log()}")
    if answer.failure:
        found.append(answer.failure)
    elif answer.status in statuses:
        pass
    elif answer.status not in (200, 302):
        found.append(f"HTTP {answer.status}")
    elif must_accept and accepted not in answer.text:
        found.append(f"refused: {messages(answer.text)}")
    elif not (accepted and accepted in answer.text):
        shown = messages(answer.text)
        if not shown:
            found.append("no message in the page")
        elif expect and not any(re.search(expect, text, re.I) for text in shown):
            found.append(f"no message matching {expect!r}: {shown}")
    if outcome.seconds > budget:
        found.append(f"took {outcome.seconds:.1f} s, budget {budget:.0f} s")
    if outcome.growth_mb >= RSS_GROWTH_MB:
        found.append(f"a worker grew by {outcome.growth_mb:.0f} MiB "
                     f"(bound {RSS_GROWTH_MB:.0f} MiB)")
    return found
