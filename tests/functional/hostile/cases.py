"""The hostile cases, by class: what each sends and how (payloads.py,
senders.py), what message answers it, within which budget.

:func:`send` sends one with a :class:`~.senders.Context` and says what is
wrong with the outcome; :func:`assert_answered_in_bounds` fails a test on
it. The test modules parametrize over these lists; ``benchmarks/hostile.py``
runs them all once and prints the figures.
"""

import dataclasses
import tarfile
import uuid
from collections.abc import Callable

from tests.functional.hostile import harness
from tests.functional.hostile import payloads as p
from tests.functional.hostile.senders import CREDENTIAL_SECRET
from tests.functional.hostile.senders import Context
from tests.functional.hostile.senders import Start
from tests.functional.hostile.senders import archive
from tests.functional.hostile.senders import cloud_page
from tests.functional.hostile.senders import follow_up
from tests.functional.hostile.senders import keystone
from tests.functional.hostile.senders import many_files
from tests.functional.hostile.senders import pattern_check
from tests.functional.hostile.senders import provider
from tests.functional.hostile.senders import raw
from tests.functional.hostile.senders import scalar
from tests.functional.hostile.senders import stored_keystone
from tests.functional.hostile.senders import template_file
from tests.functional.hostile.senders import url
from tests.functional.hostile.senders import url_files
from tests.functional.hostile.senders import with_environment
from tests.functional.hostile.senders import with_files
from tests.functional.hostile.servers import TOKEN

#: The next step's mark: an input that may as well be accepted.
NEXT_STEP = 'name="draft"'
#: The message words of each kind of refusal (regular expressions).
NESTING = r"nest|deep|depth|level"
EXPANSION = r"alias|merge|expand|values|nest|large|size|limit|bytes|characters|memory|time"
SIZE = r"bytes|size|large|limit"
ARCHIVE = r"files|bytes|archive|limit|size|member|header|path|deep|long|tar|zip"
FETCH = r"fetch|took|time|larger|large|bytes|redirect|answered|limit|too many"
CHECKED = r"^(failed|invalid):"
WALK = r"resources|uses itself|nested"


@dataclasses.dataclass(frozen=True)
class Case:
    """One hostile input, and what answering it well means."""

    name: str
    start: Start
    #: The message expected (a regular expression), None: any message.
    expect: str | None
    #: Seconds for the answer, given the served settings.
    budget: Callable[[dict], float] = lambda settings: harness.PARSE_SECONDS
    #: A mark of the next page when accepting the input is right too;
    #: with ``must_accept``, only that is right.
    accepted: str | None = None
    must_accept: bool = False
    #: A route of the hostile server the case must reach (so a URL refused
    #: by the address policy does not pass for a bounded fetch).
    route: str | None = None
    #: HTTP statuses that are a right answer besides a page with a message.
    statuses: tuple[int, ...] = ()
    #: Markup the case sends that must come back escaped, never as is.
    markup: str | None = None

    def __str__(self) -> str:
        return self.name


def send(case: Case, ctx: Context) -> tuple[harness.Outcome, list[str]]:
    """Sends ``case``; what came of it and what is wrong with that."""
    budget = case.budget(ctx.settings)
    call = case.start(ctx, budget + harness.CLIENT_GRACE)
    asked = ctx.hits[case.route] if case.route else 0
    outcome = harness.run(ctx.demo, call, budget)
    found = harness.problems(outcome, budget, case.expect, case.accepted, case.must_accept,
                             case.statuses)
    for secret in (CREDENTIAL_SECRET, TOKEN):
        if secret in outcome.answer.text:
            found.append(f"the page holds {secret[:8]}…, a secret of the case")
    if case.markup and case.markup in outcome.answer.text:
        found.append(f"{case.markup} is in the page unescaped")
    if case.route and ctx.hits[case.route] == asked:
        found.append(f"/{case.route} was never asked: the URL was refused before any "
                     "fetch (the demo must let the dashboard call 127.0.0.1)")
    return outcome, found


def assert_answered_in_bounds(case: Case, ctx: Context) -> None:
    """Sends ``case``; a test failure saying the outcome if anything is
    wrong with it (what every hostile test asserts)."""
    outcome, found = send(case, ctx)
    assert not found, outcome.summary()


def _url_budget(settings: dict) -> float:
    return float(settings["TEMPLATE_URL_TIMEOUT"]) + harness.OUTBOUND_GRACE


def _keystone_budget(settings: dict) -> float:
    return float(settings["CREDENTIAL_CHECK_TIMEOUT"]) + harness.OUTBOUND_GRACE


def _page_budget(settings: dict) -> float:
    return harness.PAGE_SECONDS


PARSE = [
    Case("deep block nesting", raw(p.deep_block), NESTING),
    Case("deep flow nesting", raw(p.deep_flow), NESTING),
    Case("chained merge keys", raw(p.merge_chain), EXPANSION),
    Case("billion laughs", raw(p.billion_laughs), EXPANSION),
    Case("many aliases", raw(p.many_aliases), EXPANSION, accepted=NEXT_STEP),
    Case("deep JSON", raw(p.deep_json), NESTING),
    Case("one scalar a byte over the limit", scalar(1), SIZE),
    Case("one scalar at the limit", scalar(0), None,
         accepted=NEXT_STEP, must_accept=True),
    Case("many small keys", raw(p.many_keys), EXPANSION, accepted=NEXT_STEP),
]

ENVIRONMENTS = [
    Case("environment: deep block nesting", with_environment(p.deep_block), NESTING),
    Case("environment: chained merge keys", with_environment(
        lambda: p.environment_of(p.merge_chain())), EXPANSION),
    Case("environment: billion laughs", with_environment(
        lambda: p.environment_of(p.billion_laughs())), EXPANSION),
    Case("environment: many aliases", with_environment(
        lambda: p.environment_of(p.many_aliases())), EXPANSION, accepted=NEXT_STEP),
    Case("environment: deep JSON", with_environment(p.deep_json_environment), NESTING),
    Case("get_file of 90 files, 1,800 times", many_files(90, 20), SIZE, accepted=NEXT_STEP),
    Case("provider template: a merge-key bomb", provider(
        "bomb.yaml", lambda: p.merge_chain().encode()), EXPANSION),
    Case("provider templates fanning out (20 a level, 6 levels)", with_files(
        p.fan_out_root, p.fan_out), WALK),
    Case("a provider template naming itself through the registry", with_files(
        lambda: p.REGISTRY_CYCLE_ROOT, lambda: p.REGISTRY_CYCLE,
        p.REGISTRY_CYCLE_ENVIRONMENT), WALK),
    Case("str_replace building 512 KiB, used 650 times", raw(p.str_replace_fan_out),
         None, accepted=NEXT_STEP, must_accept=True),
]

UPLOADS = [
    Case("zip bomb (256 MiB)", archive("bomb.zip", p.zip_bomb), ARCHIVE),
    Case("tar.gz bomb (256 MiB)", archive("bomb.tar.gz", lambda: p.tar_bomb("gz")), ARCHIVE),
    Case("tar.bz2 bomb (256 MiB)", archive("bomb.tar.bz2", lambda: p.tar_bomb("bz2")), ARCHIVE),
    Case("tar.xz bomb (256 MiB)", archive("bomb.tar.xz", lambda: p.tar_bomb("xz")), ARCHIVE),
    Case("tar.bz2 GNU long-name header of 400 MiB", archive(
        "longname.tar.bz2", lambda: p.tar_header_bomb(tarfile.GNUTYPE_LONGNAME)), ARCHIVE),
    Case("tar.bz2 PAX header of 400 MiB", archive(
        "pax.tar.bz2", lambda: p.tar_header_bomb(tarfile.XHDTYPE)), ARCHIVE),
    Case("zip of 100,000 members", archive("many.zip", p.many_members_zip), ARCHIVE),
    Case("tar.gz of 100,000 members", archive("many.tar.gz", p.many_members_tar), ARCHIVE),
    Case("zip of 50,000 folders and a 5,000-deep path", archive(
        "deep.zip", p.deep_directories), ARCHIVE),
    Case("zip of 1,000 overlapping entries", archive("overlap.zip", p.overlapping_zip),
         ARCHIVE),
    Case("template upload of 120 MiB", template_file(p.oversized_template), SIZE),
]

PATTERNS = [
    Case("allowed_pattern (a+)+$ on 28 a's and !", pattern_check("(a+)+$", "a" * 28 + "!"),
         r"pattern|match|regular expression|time"),
]

URLS = [
    Case("template URL: headers dripped", url("drip-headers"), FETCH, _url_budget,
         route="drip-headers"),
    Case("template URL: body dripped", url("drip-body"), FETCH, _url_budget,
         route="drip-body"),
    Case("template URL: endless body", url("endless"), FETCH, _url_budget, route="endless"),
    Case("template URL: 2 GiB body", url("huge"), FETCH, _url_budget, route="huge"),
    Case("template URL: redirect loop", url("loop"), FETCH, _url_budget, route="loop"),
    Case("template URL: a merge-key bomb", url("merge-bomb"), EXPANSION, _url_budget,
         route="merge-bomb"),
    Case("get_file of 50 dripping URLs", url_files("drip-body", 50), FETCH, _url_budget,
         route="drip-body"),
]

KEYSTONES = [
    Case("credential check: 2 GiB token body", keystone("huge"), CHECKED, _keystone_budget,
         route="ks-huge"),
    Case("credential check: token body dripped", keystone("drip"), CHECKED,
         _keystone_budget, route="ks-drip"),
    Case("credential check: malformed JSON", keystone("malformed"), CHECKED,
         _keystone_budget, route="ks-malformed"),
    Case("credential check: 100,000 endpoints", keystone("catalog"), r"^(failed|invalid|ok):",
         _keystone_budget, route="ks-catalog"),
    Case("credential check: 50,000 endpoints in 3.9 MB", keystone("brief-catalog"),
         r"^(failed|invalid|ok):", _keystone_budget, route="ks-brief-catalog"),
    Case("stored credential check: 2 GiB token body", stored_keystone("huge"), CHECKED,
         _keystone_budget, route="ks-huge"),
    Case("stored credential check: token body dripped", stored_keystone("drip"), CHECKED,
         _keystone_budget, route="ks-drip"),
    Case("stored credential check: malformed JSON", stored_keystone("malformed"), CHECKED,
         _keystone_budget, route="ks-malformed"),
    Case("stored credential check: 100,000 endpoints", stored_keystone("catalog"),
         r"^(failed|invalid|ok):", _keystone_budget, route="ks-catalog"),
]

_FOREIGN = str(uuid.UUID(int=0x5EED))
CLOUD_PAGES = [
    Case("other cloud: a foreign stack id", cloud_page("RegionOne", _FOREIGN), None,
         _page_budget),
    Case("other cloud: an id with / (%2F)", cloud_page("RegionOne", "a%2Fb"), None,
         _page_budget, statuses=(404,)),
    Case("other cloud: the id ..", cloud_page("RegionOne", "%2E%2E"), None, _page_budget),
    Case("other cloud: an id with NUL", cloud_page("RegionOne", "a%00b"), None,
         _page_budget, statuses=(404,)),
    # gunicorn answers 414 itself past a 4,094-byte request line.
    Case("other cloud: an id of 3,000 characters", cloud_page("RegionOne", "a" * 3000),
         None, _page_budget),
    Case("other cloud: an id with markup", cloud_page("RegionOne", "%3Cb%3Ex%22%27"), None,
         _page_budget, markup="<b>x"),
    Case("other cloud: an unknown region", cloud_page("NoSuchRegion", _FOREIGN), None,
         _page_budget),
    Case("other cloud: a region with markup", cloud_page("%3Cb%3Ex", _FOREIGN), None,
         _page_budget, markup="<b>x"),
    Case("other cloud: a resource that is no gateway", cloud_page(
        "RegionOne", _FOREIGN, resource="no_such_resource"), None, _page_budget),
]

# The follow-ups of the pages within their budget: a key the server never
# gave answers 400 (the page is unknown or too old), checked before it
# reaches the cache (memcached refuses keys over 250 bytes or with spaces).
_FOLLOW_UPS = (("the Stacks page's late rows", "/project/mr_stacks/late/", "page"),
               ("a launch's late checks", "/project/mr_stacks/launch/checks/", "key"),
               ("a launch's late pickers", "/project/mr_stacks/launch/pickers/", "key"),
               ("the Stack Sets page's late part", "/project/mr_stack_sets/", "late"),
               ("the Resource Types page's late part", "/project/mr_resource_types/",
                "late"),
               ("a set form shown again from kept answers",
                "/project/mr_stack_sets/mrset-hostile/update/", "with"))
_HOSTILE_KEYS = (("3,000 characters", "k" * 3000), ("spaces", "a%20b%20c"),
                 ("NUL", "a%00b"), ("markup", "%3Cb%3Ex%22%27"),
                 ("non-ASCII", "%E2%80%AE%F0%9F%94%91"))
FOLLOW_UPS = [
    Case(f"{what}: a key of {kind}", follow_up(path, name, key), None, _page_budget,
         statuses=(400,), markup="<b>x")
    for what, path, name in _FOLLOW_UPS for kind, key in _HOSTILE_KEYS]


CLASSES = {"parse": PARSE, "environments": ENVIRONMENTS, "uploads": UPLOADS,
           "patterns": PATTERNS, "urls": URLS, "keystones": KEYSTONES,
           "cloud pages": CLOUD_PAGES, "follow-ups": FOLLOW_UPS}
