#!/usr/bin/env python3
"""Memory and idle CPU of the running demo cloud (every process it started, with children).

Usage: python3 tools/democloud-footprint.py [SECONDS]   (CPU sampled over SECONDS, default 60)
Prints RSS and PSS (from /proc/<pid>/smaps_rollup) per service and in total,
and the CPU the whole cloud used over the interval, in % of one core.
"""
import os
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from democloud import procs  # noqa: E402
from democloud.layout import State  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def sessions(state: State) -> dict[str, int]:
    """Service name -> pid of the process the launcher started."""
    found = {}
    for f in state.run.glob("*.pid"):
        pid = procs.pid_of(state, f.stem)
        if pid:
            found[f.stem] = pid
    return found


def parents() -> dict[int, int]:
    """pid -> parent pid of every process."""
    found = {}
    for entry in pathlib.Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                found[int(entry.name)] = int(
                    (entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    return found


def members(pid: int, tree: dict[int, int]) -> list[int]:
    """``pid`` and all its descendants (PostgreSQL's backends, gunicorn's workers, ...)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += [child for child, parent in tree.items() if parent == current]
    return found


def memory_kib(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        for line in (pathlib.Path("/proc") / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            stat = (pathlib.Path("/proc") / str(pid) / "stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
        except (OSError, IndexError):
            pass
    return total


def main(seconds: float) -> None:
    state = State()
    tree = parents()
    groups = {name: members(pid, tree) for name, pid in sessions(state).items()}
    rows = []
    for name, pids in sorted(groups.items()):
        rss, pss = map(sum, zip(*(memory_kib(p) for p in pids))) if pids else (0, 0)
        rows.append((name, len(pids), rss, pss))
    for name, count, rss, pss in rows:
        print(f"{name:32} {count:3} procs  RSS {rss / 1024:7.0f} MiB  PSS {pss / 1024:7.0f} MiB")
    all_pids = [p for pids in groups.values() for p in pids]
    rss = sum(r[2] for r in rows) / 1024 / 1024
    pss = sum(r[3] for r in rows) / 1024 / 1024
    print(f"TOTAL {len(groups)} services, {len(all_pids)} processes: "
          f"RSS {rss:.2f} GiB, PSS {pss:.2f} GiB")
    before = cpu_ticks(all_pids)
    time.sleep(seconds)
    used = (cpu_ticks(all_pids) - before) / TICKS
    print(f"CPU over {seconds:.0f} s: {100 * used / seconds:.1f} % of one core")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 60)
