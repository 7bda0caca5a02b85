"""Benchmark of the checks before a launch (mr_dashboard.checks) with the
holdings checks, on the demo cloud: 3 regions, a 3-level template.

The template is the functional tests' ``deep.yaml``: a RegionOne root,
a RegionTwo child, a RegionThree grandchild with a server whose image is
passed down both levels. Each round first times, in every region, one
Heat ``validate`` and one Heat preview of the template that lands there
(the root with its files in RegionOne, the middle in RegionTwo, the
server in RegionThree), one call after the other; then the whole
checklist (Heat's checks and previews, and what each region holds:
schemas, images, flavors, key pairs, networks, microversions, quotas),
once with Django's cache emptied (every schema and offer asked) and once
warm. It prints, per round and as medians,

    ratio = checklist time / slowest region's single validate

(target: <= 1.5), and the warm checklist's time over the slowest single
preview (the checklist cannot end before its slowest preview). Run from
the repository with the dashboard venv's Python, the demo cloud up:

    python -m benchmarks.region_checks [--rounds 5]
"""

import argparse
import json
import os
import pathlib
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402
import django.test.utils  # noqa: E402

django.setup()
# The test client's host (testserver) and in-memory mail, as pytest has them.
django.test.utils.setup_test_environment()

from django.core.cache import cache  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from mr_dashboard import constants  # noqa: E402
from mr_dashboard.api import heat  # noqa: E402
from mr_dashboard.checks import checklist  # noqa: E402
from mr_dashboard.checks import previews  # noqa: E402
from mr_dashboard.hot import children  # noqa: E402
from mr_dashboard.hot import resolve  # noqa: E402
from mr_dashboard.hot import values  # noqa: E402
from tests.cloud import running_cloud  # noqa: E402
from tests.functional.conftest import login  # noqa: E402

FOLDER = (pathlib.Path(__file__).resolve().parent.parent / "tests"
          / "functional" / "templates" / "region_values")
ROOT = "deep.yaml"
#: A local cache that keeps what the plugin caches (the test settings'
#: default of 300 entries is culled by Horizon's own entries meanwhile; a
#: deployment's memcached is not).
ROOMY_CACHE = {"default": {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "mr-dashboard-region-checks",
    "OPTIONS": {"MAX_ENTRIES": 100000}}}


def demo_request(cloud):
    """A request of ``demo`` logged in through Horizon and the real
    Keystone (the token and catalog openstacksdk needs), as the functional
    tests make it."""
    response = login(cloud).get(reverse(constants.REGIONS_INDEX_URL))
    return response.wsgi_request


def launchable() -> resolve.Launchable:
    folder = {path.name: path.read_bytes() for path in FOLDER.glob("*.yaml")}
    return resolve.resolve(ROOT, folder[ROOT], folder)


def singles(request, found: resolve.Launchable
            ) -> tuple[dict[str, float], dict[str, float]]:
    """Seconds of one validate and of one preview per region, of the
    template landing there (the previews' fields as the checklist sends
    them), one call after the other."""
    placements = children.placements(found, "RegionOne", {})
    shown = previews.Previews(request, found, {},
                              values.landing(found, placements))
    took: tuple[dict[str, float], dict[str, float]] = ({}, {})
    for placement in placements:
        fields = shown.fields(placement)
        started = time.monotonic()
        heat.template_validate(request, placement.region, **fields)
        took[0][placement.region] = time.monotonic() - started
        started = time.monotonic()
        if previews.preview_objection(request, placement.region, fields):
            raise RuntimeError(f"{placement.region} refuses the preview")
        took[1][placement.region] = time.monotonic() - started
    return took


def checks(request, found: resolve.Launchable) -> tuple[float, int]:
    """Seconds of the whole checklist, and its rows."""
    started = time.monotonic()
    result = checklist.run_checks(
        request, found, children.placements(found, "RegionOne", {}), {})
    took = time.monotonic() - started
    if not result.passed:
        raise RuntimeError(json.dumps([(c.region, c.name, c.reason)
                                       for c in result.checks
                                       if c.status != "passed"]))
    return took, len(result.checks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    cloud = running_cloud()
    with override_settings(OPENSTACK_KEYSTONE_URL=cloud.keystone_url,
                           OPENSTACK_KEYSTONE_DEFAULT_DOMAIN="Default",
                           OPENSTACK_KEYSTONE_MULTIDOMAIN_SUPPORT=False,
                           AVAILABLE_REGIONS=[], CACHES=ROOMY_CACHE):
        rounds(cloud, args.rounds)


def rounds(cloud, count: int) -> None:
    """Run and print ``count`` rounds."""
    found = launchable()
    cold, warm, to_preview, seconds = [], [], [], []
    for round_ in range(count):
        validated, previewed = singles(demo_request(cloud), found)
        slowest = max(validated.values())
        cache.clear()
        first, rows = checks(demo_request(cloud), found)
        again, _rows = checks(demo_request(cloud), found)
        cold.append(first / slowest)
        warm.append(again / slowest)
        seconds.append(again)
        to_preview.append(again / max(previewed.values()))
        print(f"round {round_ + 1}: validates "
              + ", ".join(f"{r} {t:.2f} s" for r, t in validated.items())
              + "; previews "
              + ", ".join(f"{r} {t:.2f} s" for r, t in previewed.items())
              + f"; checklist ({rows} rows) cold {first:.2f} s, warm "
              f"{again:.2f} s; ratios {first / slowest:.2f} / "
              f"{again / slowest:.2f}; warm / slowest preview "
              f"{to_preview[-1]:.2f}")
    print(f"median over {count} rounds: warm checklist "
          f"{statistics.median(seconds):.2f} s; ratio to the slowest "
          f"validate: cold cache {statistics.median(cold):.2f}, warm "
          f"{statistics.median(warm):.2f} (target <= 1.5); warm to the "
          f"slowest preview {statistics.median(to_preview):.2f}")


if __name__ == "__main__":
    main()
