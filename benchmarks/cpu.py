"""CPU time spent by the demo cloud's processes, by group, read in /proc.

A benchmark that loads the whole machine (:mod:`benchmarks.concurrency`)
says where the CPU went: the Horizon serving the pages, every region's Heat
(API and engine), Keystone, the database and the rest. A group is the
process trees of the services whose pid files the demo cloud keeps
(``.democloud/run/<service>.pid``), children included (gunicorn's
workers, PostgreSQL's backends), as they are when measured.
"""

import os
import time
from collections.abc import Iterable, Mapping

from democloud import procs

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _children() -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := _stat(int(entry))):
            found.setdefault(int(fields[1]), []).append(int(entry))
    return found


def trees(roots: Iterable[int],
          children: Mapping[int, list[int]] | None = None) -> set[int]:
    """``roots`` and all their descendants (``children``: the process
    table's parent-to-children map, read now when not given)."""
    children = _children() if children is None else children
    found, todo = set(), list(roots)
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo.extend(children.get(pid, ()))
    return found


def seconds(pid: int) -> float:
    """User and system CPU seconds of ``pid`` so far (0 once it is gone)."""
    fields = _stat(pid)
    return (int(fields[11]) + int(fields[12])) / TICK if fields else 0.0


def service_groups(state, extra: Mapping[str, int] | None = None
                   ) -> dict[str, set[int]]:
    """The demo cloud's processes by group: ``horizon``, ``heat`` (every
    region's API and engine), ``keystone``, ``database`` (PostgreSQL),
    ``other`` (the rest: IaaS, RabbitMQ, memcached...), and each of
    ``extra`` (a name and the root pid of a process tree of its own)."""
    groups: dict[str, set[int]] = {}
    children = _children()  # one read of /proc for every group
    for pidfile in sorted(state.run.glob("*.pid")):
        name = pidfile.stem
        pid = procs.pid_of(state, name)
        if pid is None:
            continue
        group = ("heat" if name.startswith("heat-") else
                 "keystone" if name.startswith("keystone") else
                 "database" if name == "postgres" else
                 name if name == "horizon" else "other")
        groups.setdefault(group, set()).update(trees([pid], children))
    for name, pid in (extra or {}).items():
        groups[name] = trees([pid], children)
    return groups


def snapshot(state, extra: Mapping[str, int] | None = None
             ) -> dict[str, dict[int, float]]:
    """CPU seconds of each process of each group so far."""
    return {name: {pid: seconds(pid) for pid in pids}
            for name, pids in service_groups(state, extra).items()}


def spent(before: Mapping[str, Mapping[int, float]],
          after: Mapping[str, Mapping[int, float]]) -> dict[str, float]:
    """CPU seconds each group spent between two snapshots; a process
    started in between counts from its start."""
    return {name: sum(used - before.get(name, {}).get(pid, 0.0)
                      for pid, used in processes.items())
            for name, processes in after.items()}


def idle_rate(state, seconds: float = 10.0) -> dict[str, float]:
    """CPU seconds per second each group spends with nobody asking (Heat's
    and Nova's periodic tasks...), measured over ``seconds``."""
    before = snapshot(state)
    time.sleep(seconds)
    return {name: used / seconds
            for name, used in spent(before, snapshot(state)).items()}


def beyond_idle(used: Mapping[str, float], idle: Mapping[str, float],
                seconds: float) -> dict[str, float]:
    """``used`` over ``seconds``, less what the groups spend when idle."""
    return {name: max(0.0, value - idle.get(name, 0.0) * seconds)
            for name, value in used.items()}
