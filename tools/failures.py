"""Print the failures of a pytest log, short enough for the end of a CI's
log: each failed test's traceback and the report sections a test added
(a browser test's "page at failure"), without the captured output and
logs, without a browser driver's native stack, no line over 240
characters, at most 120 lines per failure. A log that is not there
(the cloud did not start) is passed over.

    python3 tools/failures.py LOG [LOG ...]
"""
import os
import re
import sys

HEADER = re.compile(r"^=+ (FAILURES|ERRORS) =+$")
END = re.compile(r"^=+ .* =+$")
TEST = re.compile(r"^_{3,} .* _{3,}$")
SECTION = re.compile(r"^-{3,} (.*?) -{3,}$")
NATIVE = re.compile(r"^E? *(#\d+ 0x|Stacktrace:$)")
WIDTH, PER_FAILURE = 240, 120


def failures(lines):
    """Each failure's kept lines, in the log's order."""
    inside, skipping, kept = False, False, []
    for line in lines:
        line = line.rstrip("\n")
        if HEADER.match(line):
            inside = True
            continue
        if not inside:
            continue
        if END.match(line):
            inside = False
        elif TEST.match(line):
            if kept:
                yield kept
            kept, skipping = [line], False
        elif SECTION.match(line):
            skipping = SECTION.match(line).group(1).startswith("Captured")
            if not skipping:
                kept.append(line)
        elif not skipping and not NATIVE.match(line):
            kept.append(line[:WIDTH])
    if kept:
        yield kept


def main(paths) -> None:
    for path in paths:
        if not os.path.exists(path):
            continue  # the cloud did not start: no such log
        with open(path, encoding="utf-8", errors="replace") as log:
            found = list(failures(log))
        if not found:
            continue
        print(f"=== the failures of {path}, shortened")
        for kept in found:
            print("\n".join(kept[:PER_FAILURE]))
            if len(kept) > PER_FAILURE:
                print(f"[{len(kept) - PER_FAILURE} more lines in {path}]")


if __name__ == "__main__":
    main(sys.argv[1:])
