"""The hostile cases, by class: what each sends, through which page, what
message answers it, within which budget.

A :class:`Case` is sent with a :class:`Context` (a logged-in browser, the
served settings, the hostile server, the other-cloud parent); its
``start`` does any unmeasured step first (the Check step needs a draft
from the first step) and returns the one request measured. The test
modules parametrize over these lists; ``benchmarks/hostile.py`` runs them
all once and prints the figures.
"""

import dataclasses
import json
import re
import tarfile
import uuid
from collections.abc import Callable

from heatclient import client as heat_client
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

from tests.cloud import running_cloud
from tests.functional.hostile import harness
from tests.functional.hostile import payloads as p
from tests.functional.hostile.servers import TOKEN
from tests.functional.hostile.servers import Hits

LAUNCH = "/project/mr_stacks/launch/"
LAUNCH_STACK = "/project/mr_stacks/launch/stack/"
CREDENTIALS = "/project/mr_credentials/"
CREDENTIAL_CHECK = CREDENTIALS + "check/"
#: The next step's mark: an input that may as well be accepted.
NEXT_STEP = 'name="draft"'
#: The message words of each kind of refusal (regular expressions).
NESTING = r"nest|deep|depth|level"
EXPANSION = r"alias|merge|expand|values|nest|large|size|limit|bytes|characters|memory|time"
SIZE = r"bytes|size|large|limit"
ARCHIVE = r"files|bytes|archive|limit|size|member|header|path|deep|long|tar|zip"
FETCH = r"fetch|took|time|larger|large|bytes|redirect|answered|limit|too many"
CHECKED = r"^(failed|invalid):"
#: The password of the hostile credentials: never in a page.
CREDENTIAL_SECRET = f"hostile-{uuid.uuid4().hex}"


@dataclasses.dataclass
class Context:
    """What a case is sent with."""

    demo: harness.Demo
    browser: harness.Browser
    settings: dict
    #: The hostile server's base URL and what it was asked.
    server: str
    hits: Hits
    #: ``/project/mr_stacks/<region>/<id>/cloud/<resource>/``: a stack
    #: holding an OS::Heat::Stack resource, for the other-cloud pages.
    gateway: str
    #: Credentials the cases stored: their paths in the panel, by route.
    stored: dict[str, str] = dataclasses.field(default_factory=dict)


Start = Callable[[Context, float], Callable[[], harness.Answer]]


@dataclasses.dataclass(frozen=True)
class Case:
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


def gateway() -> str:
    """The other-cloud base path under a demo sample: ``cross-cloud``'s
    gateway to the second cloud when it runs, else ``cross-region``'s
    first OS::Heat::Stack resource (a child in another region)."""
    cloud = running_cloud()
    auth = v3.Password(auth_url=cloud.keystone_url, username="demo",
                       password=cloud.demo_password, project_name="demo",
                       user_domain_id="default", project_domain_id="default")
    heat = heat_client.Client("1", session=ks_session.Session(auth=auth, timeout=30),
                              region_name="RegionOne")
    for name in ("cross-cloud", "cross-region"):
        for stack in heat.stacks.list(filters={"name": name}):
            resources = sorted(r.resource_name for r in heat.resources.list(stack.id)
                               if r.resource_type == "OS::Heat::Stack")
            if resources:
                return f"/project/mr_stacks/RegionOne/{stack.id}/cloud/{resources[0]}/"
    raise RuntimeError("no demo sample with an OS::Heat::Stack resource in RegionOne")


def context(demo: harness.Demo, server: str, hits: Hits) -> Context:
    """A logged-in context for the cases, on the hostile server ``server``."""
    return Context(demo=demo, browser=harness.Browser(demo), settings=demo.served_settings(),
                   server=server, hits=hits, gateway=gateway())


def _select(ctx: Context, timeout: float, files=(), **fields) -> harness.Answer:
    """The first step of Launch Stack."""
    return ctx.browser.post(LAUNCH, {"region": "RegionOne", **fields}, files, timeout)


def _sending(build: Callable[[dict], tuple[list, dict]]) -> Start:
    """A first step whose ``(files, fields)`` are built (given the served
    settings) before the measured request: building a bomb is no part of
    the answer's time."""
    def start(ctx: Context, timeout: float):
        files, fields = build(ctx.settings)
        return lambda: _select(ctx, timeout, files, **fields)
    return start


def raw(text: Callable[[], str]) -> Start:
    """The template pasted as text."""
    return _sending(lambda _: ([], {"template_source": "raw", "template_data": text()}))


def scalar(beyond_limit: int) -> Start:
    """A template of one scalar, ``beyond_limit`` bytes over the served
    TEMPLATE_MAX_BYTES (or under, when negative)."""
    return _sending(lambda settings: ([], {"template_source": "raw", "template_data":
                                           p.single_scalar(settings["TEMPLATE_MAX_BYTES"]
                                                           + beyond_limit)}))


def with_environment(text: Callable[[], str]) -> Start:
    """A valid template with ``text`` as its environment file."""
    return _sending(lambda _: ([("environment_upload", ("env.yaml", text().encode()))],
                               {"template_source": "raw", "template_data": p.VALID}))


def archive(name: str, data: Callable[[], bytes]) -> Start:
    """A folder given as the archive ``name``."""
    return _sending(lambda _: ([("archive", (name, data()))], {"template_source": "folder"}))


def template_file(data: Callable[[], bytes]) -> Start:
    """The template uploaded as a file."""
    return _sending(lambda _: ([("template_upload", ("main.yaml", data()))],
                               {"template_source": "file"}))


def many_files(files: int, uses: int) -> Start:
    """A template pulling ``files`` uploaded files in, each ``uses`` times."""
    def build(_):
        text, contents = p.many_get_files(files, uses)
        return ([("folder", (name, data)) for name, data in contents.items()],
                {"template_source": "raw", "template_data": text,
                 "folder_paths": json.dumps(list(contents))})
    return _sending(build)


def url(route: str) -> Start:
    """The template at a route of the hostile server."""
    return lambda ctx, timeout: (lambda: _select(
        ctx, timeout, template_source="url", template_url=f"{ctx.server}/{route}"))


def url_files(route: str, count: int) -> Start:
    """A template pulling ``count`` URLs of a route in with get_file."""
    return lambda ctx, timeout: (lambda: _select(
        ctx, timeout, template_source="raw",
        template_data=p.get_file_urls(f"{ctx.server}/{route}", count)))


def pattern_check(pattern: str, value: str) -> Start:
    """The Check step of a template whose parameter has ``pattern``."""
    def start(ctx: Context, timeout: float):
        first = _select(ctx, 60.0, template_source="raw",
                        template_data=p.pattern_template(pattern))
        draft = re.search(r'name="draft" value="([^"]+)"', first.text)
        if not draft:
            raise AssertionError(f"the first step refused the template: "
                                 f"{harness.messages(first.text)}")
        return lambda: ctx.browser.post(LAUNCH_STACK, {
            "draft": draft.group(1), "action": "check", "stack_name": "hostile",
            "timeout_mins": 10, "param__word": value}, timeout=timeout)
    return start


def _credential(ctx: Context, kind: str) -> dict:
    """The fields of a credential whose Keystone is the route ``ks-kind``."""
    return {"auth_type": "v3password", "opt_auth_url": f"{ctx.server}/ks-{kind}/v3",
            "opt_username": "demo", "opt_password": CREDENTIAL_SECRET,
            "opt_project_name": "demo", "opt_user_domain_id": "default",
            "opt_project_domain_id": "default"}


def keystone(kind: str) -> Start:
    """The create form's Check of a credential whose Keystone is a
    hostile route."""
    return lambda ctx, timeout: (lambda: ctx.browser.post(
        CREDENTIAL_CHECK, _credential(ctx, kind), timeout=timeout))


def stored_keystone(kind: str) -> Start:
    """The Check of a stored credential (a row's action in the panel)
    whose Keystone is a hostile route; stored first through the Create
    form, its own check skipped."""
    def start(ctx: Context, timeout: float):
        if kind not in ctx.stored:
            name = f"mrhostile-{kind}-{uuid.uuid4().hex[:6]}"
            ctx.browser.post(CREDENTIALS + "create/", {
                "name": name, "region": "RegionOne", "skip_check": "on",
                **_credential(ctx, kind)}, timeout=60.0)
            rows = re.finditer(r'<tr[^>]*id="credentials__row__([^"]+)".*?</tr>',
                               ctx.browser.get(CREDENTIALS).text, re.S)
            found = [row.group(1) for row in rows if name in row.group(0)]
            if not found:
                raise AssertionError(f"the credential {name} was not stored")
            ctx.stored[kind] = f"{CREDENTIALS}RegionOne/{found[0]}/"
        return lambda: ctx.browser.get(ctx.stored[kind] + "check/", timeout=timeout)
    return start


def forget_credentials(ctx: Context) -> None:
    """Deletes the credentials the cases stored (the panel's Delete)."""
    for path in ctx.stored.values():
        ctx.browser.post(path + "delete/", {}, timeout=60.0)
    ctx.stored.clear()


def cloud_page(region: str, stack_id: str, resource: str | None = None) -> Start:
    """The page of a stack of another cloud, under the gateway resource
    (or ``resource``), with a hostile region or id (already URL-encoded)."""
    def start(ctx: Context, timeout: float):
        base = ctx.gateway if resource is None else (
            ctx.gateway.rsplit("/cloud/", 1)[0] + f"/cloud/{resource}/")
        return lambda: ctx.browser.get(f"{base}{region}/{stack_id}/", timeout=timeout)
    return start


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
    Case("get_file of 90 files, 1,800 times", many_files(90, 20), SIZE, accepted=NEXT_STEP),
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


CLASSES = {"parse": PARSE, "environments": ENVIRONMENTS, "uploads": UPLOADS,
           "patterns": PATTERNS, "urls": URLS, "keystones": KEYSTONES,
           "cloud pages": CLOUD_PAGES}
