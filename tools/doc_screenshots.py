#!/usr/bin/env python3
"""Copy the user guide's pictures from the browser tests' screenshots.

The browser tests save every page they visit as
``$MRD_ARTIFACTS/screenshots/<test>-<NN>-<label>.png`` (tests/browser/
conftest.py). The user guide (docs/user-guide.md) shows a few of them,
chosen in :data:`CHOSEN`; this tool copies those into docs/images/ after a
browser-test run, so the pictures are the real pages of the demo cloud:

    tools/doc_screenshots.py --tests        # the command that takes them
    tools/run-tests.sh <those tests> -x
    tools/doc_screenshots.py                # copy into docs/images/
    git add docs/images/

A picture missing from the run, or larger than :data:`MAX_BYTES`, is named
and the tool exits 1 without copying anything.
"""

import argparse
import os
import pathlib
import shutil
import sys
from typing import NamedTuple

ROOT = pathlib.Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
MAX_BYTES = 300 * 1024


class Shot(NamedTuple):
    """A screenshot a test takes: its file, test function and label."""

    test_file: str
    test: str
    label: str


#: docs/images/<name> and the screenshot it is copied from.
CHOSEN = {
    "stacks.png": Shot("tests/browser/test_stacks_page.py",
                       "test_dropdown_filter_sort_and_pages", "by-name"),
    "launch-checks.png": Shot("tests/browser/test_use_case_1.py",
                              "test_use_case_1_from_the_form_to_both_regions_and_away",
                              "checklist"),
    "stack-tree.png": Shot("tests/browser/test_use_case_1.py",
                           "test_use_case_1_from_the_form_to_both_regions_and_away", "tree"),
    "topology.png": Shot("tests/browser/test_use_case_1.py",
                         "test_use_case_1_from_the_form_to_both_regions_and_away",
                         "topology"),
    "drift.png": Shot("tests/browser/test_drift.py",
                      "test_drift_is_shown_then_brought_back_through_heat", "drift-found"),
    "credential-check.png": Shot("tests/browser/test_credentials_pages.py",
                                 "test_create_and_check_a_credential", "checked"),
    "credentials.png": Shot("tests/browser/test_credentials_pages.py",
                            "test_create_and_check_a_credential", "stored"),
}


def found(folder: pathlib.Path, shot: Shot) -> pathlib.Path | None:
    """The newest screenshot of ``shot`` in ``folder`` (its number may
    change as the test changes), or None."""
    matches = sorted(folder.glob(f"{shot.test}-[0-9][0-9]-{shot.label}.png"),
                     key=lambda path: path.stat().st_mtime)
    return matches[-1] if matches else None


def tests_command() -> str:
    """The command that runs only the tests taking the chosen pictures."""
    nodes = sorted({f"{shot.test_file}::{shot.test}" for shot in CHOSEN.values()})
    return "tools/run-tests.sh " + " ".join(nodes) + " -x"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="folder", type=pathlib.Path,
                        default=pathlib.Path(os.environ.get(
                            "MRD_ARTIFACTS", ROOT / "test-artifacts")) / "screenshots",
                        help="the browser tests' screenshots folder")
    parser.add_argument("--tests", action="store_true",
                        help="print the command that takes the pictures, and stop")
    args = parser.parse_args(argv)
    if args.tests:
        print(tests_command())
        return 0
    sources, problems = {}, []
    for name, shot in CHOSEN.items():
        source = found(args.folder, shot)
        if source is None:
            problems.append(f"{name}: no {shot.test}-NN-{shot.label}.png in {args.folder}")
        elif source.stat().st_size > MAX_BYTES:
            problems.append(f"{name}: {source.name} is {source.stat().st_size} bytes "
                            f"(at most {MAX_BYTES})")
        else:
            sources[name] = source
    if problems:
        print("\n".join(problems) + f"\ntake them with: {tests_command()}", file=sys.stderr)
        return 1
    IMAGES.mkdir(exist_ok=True)
    for name, source in sources.items():
        shutil.copyfile(source, IMAGES / name)
        print(f"docs/images/{name} <- {source.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
