"""Hostile inputs: every case of the corpus (tests/functional/hostile/) sent
once to the running demo Horizon, with its figures.

Prints a table per class: bytes sent (the request body), time to the
answer (and the case's budget), the largest growth of one gunicorn
worker's peak memory, whether the workers are the same after the case, the
page's first message, and what was wrong if anything (the test's own
verdict). The figures of docs/security.md.

Run from the repository root, with the demo cloud up, with the dashboard
venv's Python:

    $VENV/bin/python -m benchmarks.hostile [--only CLASS ...] [--case TEXT]

Not part of the test command (the corpus runs there as tests).
"""

import argparse
import sys
import time

from tests.conftest import serving
from tests.functional.hostile import cases
from tests.functional.hostile import harness
from tests.functional.hostile import senders
from tests.functional.hostile import servers


#: Characters of the page's first message shown in the table.
MESSAGE_CHARS = 90


def cell(text: str) -> str:
    """``text`` fit for a Markdown table cell (control characters shown
    as escapes)."""
    shown = "".join(char if char.isprintable() or char.isspace() else repr(char)[1:-1]
                    for char in text)
    return " ".join(shown.replace("|", "/").split())


def table(name: str, results: list[tuple[cases.Case, harness.Outcome, list[str]]],
          settings: dict) -> str:
    lines = [f"### {name}", "",
             "| case | bytes sent | answer | seconds (budget) | worker growth MiB | "
             "workers unchanged | message | problems |",
             "|---|---:|---|---:|---:|---|---|---|"]
    for case, outcome, found in results:
        answer = outcome.answer
        shown = harness.messages(answer.text)
        message = (shown[0][:MESSAGE_CHARS] if shown else
                   "(next step)" if case.accepted and case.accepted in answer.text else "-")
        lines.append(
            f"| {case.name} | {answer.sent:,} | {answer.failure or answer.status} | "
            f"{outcome.seconds:.2f} ({case.budget(settings):.0f}) | "
            f"{outcome.growth_mb:.1f} | {'yes' if not outcome.died else 'NO'} | "
            f"{cell(message)} | {cell('; '.join(found)[:300]) or '-'} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", choices=sorted(cases.CLASSES),
                        help="classes to run (default: all)")
    parser.add_argument("--case", default="", help="only cases whose name holds this")
    args = parser.parse_args()
    server = serving(servers.Handler)
    started = time.monotonic()
    ctx = senders.context(harness.Demo.running(), *servers.started(next(server)))
    failed = 0
    try:
        for name, group in cases.CLASSES.items():
            if args.only and name not in args.only:
                continue
            results = [(case, *cases.send(case, ctx)) for case in group
                       if args.case in case.name]
            failed += sum(1 for _, _, found in results if found)
            if results:
                print(table(name, results, ctx.settings), end="\n\n", flush=True)
    finally:
        senders.forget_credentials(ctx)
        next(server, None)
    print(f"{failed} case(s) out of bounds; {time.monotonic() - started:.0f} s in all; "
          f"budgets: parse {harness.PARSE_SECONDS:.0f} s, outbound deadline + "
          f"{harness.OUTBOUND_GRACE:.0f} s, pages {harness.PAGE_SECONDS:.0f} s; "
          f"growth bound {harness.RSS_GROWTH_MB:.0f} MiB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
