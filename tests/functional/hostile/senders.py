"""How each kind of hostile input reaches Horizon: through the first
step of Launch Stack (text, files, an archive, a URL), its Check step, the
Credentials panel's Check (a form's, a stored credential's) or an
other-cloud page.

Each builder returns a ``start(ctx, timeout)``: it does any unmeasured
step first (builds the bytes, gets a draft from the first step, stores a
credential) and returns the one request the case measures.
"""

import dataclasses
import json
import re
import uuid
from collections.abc import Callable


from tests.cloud import heat_client
from tests.cloud import running_cloud
from tests.functional.hostile import harness
from tests.functional.hostile import payloads as p
from tests.functional.hostile.browser import Answer
from tests.functional.hostile.browser import Browser
from tests.functional.hostile.browser import messages
from tests.functional.hostile.servers import Hits

LAUNCH = "/project/mr_stacks/launch/"
LAUNCH_STACK = "/project/mr_stacks/launch/stack/"
CREDENTIALS = "/project/mr_credentials/"
CREDENTIAL_CHECK = CREDENTIALS + "check/"
#: The password of the hostile credentials: never in a page.
CREDENTIAL_SECRET = f"hostile-{uuid.uuid4().hex}"


@dataclasses.dataclass
class Context:
    """What a case is sent with."""

    demo: harness.Demo
    browser: Browser
    settings: dict
    #: The hostile server's base URL and what it was asked.
    server: str
    hits: Hits
    #: ``/project/mr_stacks/<region>/<id>/cloud/<resource>/``: a stack
    #: holding an OS::Heat::Stack resource, for the other-cloud pages.
    gateway: str
    #: Credentials the cases stored: their paths in the panel, by route.
    stored: dict[str, str] = dataclasses.field(default_factory=dict)


Start = Callable[[Context, float], Callable[[], Answer]]


def gateway() -> str:
    """The other-cloud base path under a demo sample: ``cross-cloud``'s
    gateway to the second cloud when it runs, else ``cross-region``'s
    first OS::Heat::Stack resource (a child in another region)."""
    cloud = running_cloud()
    heat = heat_client(cloud, "RegionOne")
    for name in ("cross-cloud", "cross-region"):
        for stack in heat.stacks.list(filters={"name": name}):
            resources = sorted(r.resource_name for r in heat.resources.list(stack.id)
                               if r.resource_type == "OS::Heat::Stack")
            if resources:
                return f"/project/mr_stacks/RegionOne/{stack.id}/cloud/{resources[0]}/"
    raise RuntimeError("no demo sample with an OS::Heat::Stack resource in RegionOne")


def context(demo: harness.Demo, server: str, hits: Hits) -> Context:
    """A logged-in context for the cases, on the hostile server ``server``."""
    return Context(demo=demo, browser=Browser(demo.url, demo.password),
                   settings=demo.served_settings(), server=server, hits=hits,
                   gateway=gateway())


def _select(ctx: Context, timeout: float, files=(), **fields) -> Answer:
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


def provider(name: str, data: Callable[[], bytes]) -> Start:
    """A template whose one resource is of the uploaded provider template
    ``name``."""
    text = f"{p.HOT}resources:\n  r: {{type: {name}}}\n"
    return _sending(lambda _: ([("folder", (name, data()))], {
        "template_source": "raw", "template_data": text,
        "folder_paths": json.dumps([name])}))


def with_files(text: Callable[[], str], files: Callable[[], dict[str, bytes]],
               environment: str = "") -> Start:
    """A template pasted as text with ``files`` uploaded beside it (and an
    environment file)."""
    def build(_):
        contents = files()
        uploads = [("folder", (name, data)) for name, data in contents.items()]
        if environment:
            uploads.append(("environment_upload", ("env.yaml", environment.encode())))
        return (uploads, {"template_source": "raw", "template_data": text(),
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
                                 f"{messages(first.text)}")
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


def follow_up(path: str, name: str, key: str) -> Start:
    """A page's follow-up (``path`` asked with ``name=key``) with a
    hostile key (already URL-encoded)."""
    def start(ctx: Context, timeout: float):
        return lambda: ctx.browser.get(f"{path}?{name}={key}", timeout=timeout)
    return start
