"""What reading one hostile document may cost, and the reading itself: the
loader's tests and its fuzz test read each document in a forked child with
limits (archive_cases.run_limited: a crash of libyaml fails the test
instead of killing pytest) and hold it to one budget."""

import json
import tracemalloc

from mr_dashboard.hot import parse
from tests.unit.hot import archive_cases as cases

#: Growth of the resident size one document may cause at most.
MEMORY_BUDGET = 100 * cases.MiB
#: CPU seconds one document may take: the child's own, which a busy
#: machine stretches less than the wall clock, but does (the worst
#: document, "many small keys", took 1.5 s quiet and 2.1 s in the whole
#: unit run beside the demo cloud, 7 Dec.). A bound against a reading that
#: grows out of proportion (a quadratic one costs tens of seconds), not a
#: speed: that is the benchmarks' to measure (no wall-clock budget).
CPU_BUDGET = 5.0


def load_and_write(text: str) -> int:
    """Loads ``text`` and writes it as JSON, as the launch does (hot/resolve
    sends a parsed template to Heat as JSON): the length written."""
    return len(json.dumps(parse.load(text, "t.yaml")))


def run_untraced(text: str) -> cases.Outcome:
    """:func:`load_and_write` of ``text`` in a forked child with limits,
    without the child's allocation tracing (it makes PyYAML's event loop
    15 to 20 times slower): its memory is the RSS growth."""
    def call() -> int:
        tracemalloc.stop()
        return load_and_write(text)
    return cases.run_limited(call)


def assert_within_budget(outcome: cases.Outcome) -> None:
    # The reading ended as the loader ends it (an answer or a refusal):
    # not killed at the child's CPU limit, nor out of memory.
    assert outcome.kind in ("returned", "refused"), outcome
    assert outcome.cpu_seconds < CPU_BUDGET, outcome
    assert outcome.rss_growth < MEMORY_BUDGET, outcome
