"""Helpers of the stack set tests: light templates, waiting for members,
cleaning up every region (the fixtures ``request_`` and ``name``:
tests/functional/conftest.py)."""
import pathlib
import uuid
from functools import partial

from heatclient import exc as heat_exc

from mr_dashboard.api import heat
from mr_dashboard.api import parallel
from mr_dashboard.hot import parse
from mr_dashboard.api.stack_sets import members
from mr_dashboard.api.stack_sets import tags as set_tags
from tests.waiting import wait_until

TEMPLATES = pathlib.Path(__file__).resolve().parent / "templates" / "stack_sets"
PREFIX = "mrset"
# Horizon's test settings give a 300-entry local cache that
# django_compressor fills on every page (the demo's memcached does not).
ROOMY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                           "LOCATION": "mr-dashboard-stack-sets",
                           "OPTIONS": {"MAX_ENTRIES": 100000}}}


def light() -> dict:
    """The light template, parsed as the plugin parses templates
    (heatclient's YAML loader: its version stays a string)."""
    return parse.parse_template(light_text(), "light.yaml")


def light_text() -> str:
    return (TEMPLATES / "light.yaml").read_text()


def unique_name(what: str) -> str:
    return f"{PREFIX}-{what}-{uuid.uuid4().hex[:6]}"


def the_set(request, name: str, regions) -> members.StackSet | None:
    """The set called ``name`` as ``regions`` hold it (waiting for each)."""
    listings = parallel.fan_out(request, partial(members.listed, name=name), list(regions))
    return members.set_named(listings, name)


def settled(request, name: str, regions, timeout: float = 90) -> members.StackSet:
    """The set once no member of ``regions`` is in progress."""
    return wait_until(lambda: the_set(request, name, regions), timeout,
                      what=f"set {name} settled", done=lambda found: (
                          found and not found.busy and set(found.members) >= set(regions)))


def stacks_named(request, name: str, regions) -> dict:
    """Stacks called ``name`` in each region (members or not)."""
    found = {}
    for region in regions:
        try:
            stack = heat.stack_get(request, region, name)
        except heat_exc.HTTPNotFound:
            continue
        if stack.status != "DELETE_COMPLETE":
            found[region] = stack
    return found


def gone(request, name: str, regions, timeout: float = 90) -> None:
    """Wait until no region holds a stack called ``name``."""
    wait_until(lambda: stacks_named(request, name, regions), timeout,
               what=f"no stack called {name} left", done=lambda found: not found)


def clean(request, name: str, regions) -> None:
    """Delete whatever is left of a test set, in every region."""
    for region, stack in stacks_named(request, name, regions).items():
        try:
            heat.stack_delete(request, region, stack.identity)
        except heat_exc.HTTPNotFound:
            pass
    gone(request, name, regions)


def set_tags_of(stack) -> set_tags.SetTags | None:
    return set_tags.parse(stack.tags)
