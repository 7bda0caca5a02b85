"""The bad-input corpus against the real launch pages and the real cloud:
every input gets a clear message in the page and never a 5xx; the payload
corpus comes back from the cloud's JSON endpoints as escaped text.

tests/functional/test_launch_bad_input.py has the first cases (broken YAML,
size limits, a path leading out of an archive, URLs that are not public
http); this adds wrong types, huge and deeply nested documents, YAML bombs,
text that is not UTF-8, hostile archives and more addresses.
"""
import base64
import io
import json
import tarfile
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mr_dashboard import constants
from tests.functional import launch_helpers as lh
from tests.functional import tree_stacks
from tests.untrusted import corpus
from tests.untrusted import stacks
from tests.untrusted.dom import injected

HOT = "heat_template_version: 2021-04-16\n"
VALID = HOT + "resources: {}\n"


def refusal(response) -> str:
    """The form's errors; the page must be the form again, not a 5xx."""
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    errors = " ".join(str(e) for errors in form.errors.values() for e in errors)
    assert errors, "accepted"
    assert injected(response.content.decode()) == []
    return errors


def raw(client, text: str):
    return lh.select(client, template_source="raw", template_data=text)


def upload(client, data: bytes, name: str = "main.yaml"):
    return lh.select(client, template_source="file",
                     template_upload=SimpleUploadedFile(name, data))


def archive_of(members: dict[str, bytes], kind: str = "zip") -> SimpleUploadedFile:
    data = io.BytesIO()
    if kind == "zip":
        with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as found:
            for name, content in members.items():
                found.writestr(name, content)
    else:
        with tarfile.open(fileobj=data, mode="w:gz") as found:
            for name, content in members.items():
                info = tarfile.TarInfo(name)
                info.size = len(content)
                found.addfile(info, io.BytesIO(content))
    return SimpleUploadedFile(f"folder.{'zip' if kind == 'zip' else 'tgz'}",
                              data.getvalue())


def outcome(client, text: str) -> str:
    """Why ``text`` is refused: by the first step, else by the checks of
    the second (Heat's own validation in the target region)."""
    first = raw(client, text)
    assert first.status_code == 200, first.status_code
    if first.context["form"].errors:
        return refusal(first)
    second = lh.submit(client, lh.draft_of(first), "check",
                       stack_name=lh.unique_name("bad"))
    assert second.status_code == 200, second.status_code
    assert injected(second.content.decode()) == []
    form = second.context["form"]
    reasons = [str(e) for errors in form.errors.values() for e in errors]
    if form.checklist:
        reasons += [c.reason for c in form.checklist.checks
                    if c.status == constants.CHECK_FAILED]
    assert reasons, "accepted"
    return " ".join(reasons)


YAML_BOMB = HOT + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi")).replace("*a", "lol")


@pytest.mark.parametrize("text, message", [
    ("- a\n- list\n", "not a Heat template"),
    (HOT + "resources: [1, 2]\n", "resources section is not a mapping"),
    (HOT + "parameters: [a, b]\n", "parameters section is not a mapping"),
    (HOT + "outputs: 3\nresources: {}\n", "outputs section is not a mapping"),
    (HOT + "parameter_groups: 7\nresources: {}\n", "parameter_groups"),
    (HOT + "parameter_groups: [{parameters: 3}]\n", "parameter_groups"),
    (HOT + "parameters: {size: 5}\n", "size"),
    (HOT + "parameters:\n  n: {type: number, constraints: [{range: {min: x}}]}\n",
     "n has a malformed constraint"),
    (HOT + "parameters:\n  n: {type: string, constraints: [{allowed_pattern: '(['}]}\n",
     "n has a malformed constraint"),
    (HOT + "parameters:\n  n: {type: number, constraints: [{modulo: {step: 0}}]}\n",
     "n has a malformed constraint"),
    ("heat_template_version: [1]\nresources: {}\n", "version"),
    ("heat_template_version: 1999-01-01\nresources: {}\n", "1999-01-01"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("{" * 5000 + "}" * 5000, "nested too deeply"),
    (HOT + "a:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(400)),
     "nested deeper than 100 levels"),
    (YAML_BOMB, "aliases expanded"),
    (HOT + "resources: {x: {type: OS::Heat::Value, properties: "
     "{value: !!python/object/apply:os.system [id]}}}\n", "python/object"),
    (HOT + "\x00resources: {}\n", "null characters"),
    (HOT + "description: " + corpus.joined() + "\nresources: {x: 1}\n", "resources"),
], ids=["list", "resources-list", "parameters-list", "outputs-number", "groups-number",
        "groups-parameters", "parameter-not-map", "range-not-number", "bad-pattern",
        "modulo-zero",
        "version-list", "version-unknown", "deeply-nested-flow", "deeply-nested-json",
        "deeply-nested-yaml",
        "yaml-bomb", "python-tag", "nul", "payload-description"])
def test_wrong_types_and_hostile_yaml_get_a_clear_message(demo_client, text, message):
    assert message.lower() in outcome(demo_client, text).lower()


def test_text_that_is_not_utf8_is_refused(demo_client):
    assert "UTF-8" in refusal(upload(demo_client, corpus.NOT_UTF8))


def _readable(token: str) -> str:
    """Whatever a user could decode from ``token`` (base64 and zlib parts,
    as a signed token of Django's is made)."""
    found = [token]
    for part in token.lstrip(".").split(":"):
        try:
            raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except ValueError:
            continue
        found.append(raw.decode("latin-1"))
        try:
            found.append(zlib.decompress(raw).decode("latin-1"))
        except zlib.error:
            pass
    return "\n".join(found)


def test_an_environment_file_s_hidden_values_never_reach_the_page(demo_client):
    secret = "s3cret-env-pass"
    template = (HOT + "parameters:\n  db_password: {type: string, hidden: true}\n"
                "resources: {}\n")
    env = SimpleUploadedFile("secrets.yaml", f"parameters: {{db_password: {secret}}}\n".encode())
    step = lh.select(demo_client, template_source="raw", template_data=template,
                     environment_upload=[env])
    assert step.status_code == 200, step.content[:2000]
    page = step.content.decode()
    assert secret not in page
    assert secret not in _readable(lh.draft_of(step))
    # The sealed draft still carries the file: the next step reads it back
    # (db_password has no default and is not typed: the file gives it).
    checked = lh.submit(demo_client, lh.draft_of(step), "check", stack_name=lh.unique_name("env"))
    assert checked.status_code == 200 and secret not in checked.content.decode()
    form = checked.context["form"]
    assert not form.errors and form.checklist.passed, (form.errors, form.checklist.checks)


def test_a_broken_environment_file_is_named(demo_client):
    env = SimpleUploadedFile(stacks.ENVIRONMENT_NAME, b"parameter_defaults: [1, 2\n")
    errors = refusal(lh.select(demo_client, template_source="raw", template_data=VALID,
                               environment_upload=[env]))
    assert stacks.ENVIRONMENT_NAME in errors


@pytest.mark.parametrize("members, kind, message", [
    ({"/etc/passwd": VALID.encode()}, "tar", "not a relative path"),
    ({"../../up.yaml": VALID.encode()}, "tar", "leads out of the template folder"),
    ({"a\\..\\..\\b.yaml": VALID.encode()}, "zip", "not a relative path"),
    ({f"f{i}.yaml": b"x" for i in range(150)}, "zip", "More than 100 files"),
    ({"main.yaml": VALID.encode(), "bomb.txt": b"\0" * 50_000_000}, "zip", "bytes"),
], ids=["absolute", "traversal", "backslash", "too-many", "zip-bomb"])
def test_hostile_archives_are_refused(demo_client, members, kind, message):
    response = lh.select(demo_client, archive=archive_of(members, kind),
                         template_path="main.yaml")
    assert message in refusal(response)


def test_an_archive_that_is_not_one_is_refused(demo_client):
    junk = SimpleUploadedFile("folder.zip", b"PK\x03\x04 not really a zip")
    assert refusal(lh.select(demo_client, archive=junk, template_path="main.yaml"))


@pytest.mark.parametrize("url", [
    "http://localhost/t.yaml", "http://[::1]/t.yaml", "http://0.0.0.0/t.yaml",
    "http://2130706433/t.yaml", "http://[fe80::1]/t.yaml", "http://192.168.1.1/t.yaml",
    "file:///etc/passwd", "gopher://127.0.0.1/", "javascript:alert(1)",
    "http://user:pass@127.0.0.1/", corpus.PAYLOADS[0],
])
def test_urls_to_this_machine_or_not_http_are_refused(demo_client, url):
    response = lh.select(demo_client, template_source="url", template_url=url)
    assert refusal(response)


@pytest.fixture(scope="module")
def payload_stack(cloud):
    """The payload template created straight in Heat (no dashboard), settled."""
    heat = tree_stacks.heat(cloud, "RegionOne")
    main = stacks.main_template()
    name = lh.unique_name("payloads")
    created = heat.stacks.create(
        stack_name=name, template=main, disable_rollback=True,
        files={"child.yaml": json.dumps(stacks.child_template()),
               **{f"files/{n}": corpus.PAYLOADS[-1 - i]
                  for i, n in enumerate(stacks.FILE_NAMES)}},
        tags=",".join(stacks.TAGS))
    stack_id = created["stack"]["id"]
    assert tree_stacks.wait(cloud, "RegionOne", stack_id) == "CREATE_FAILED"
    yield stack_id
    tree_stacks.delete(cloud, "RegionOne", stack_id)


def test_json_endpoints_give_json_whose_html_is_escaped(demo_client, payload_stack):
    args = ("RegionOne", payload_stack)
    for name in (constants.STACK_TREE_URL, constants.STACK_LINEAGE_URL):
        response = demo_client.get(reverse(name, args=args))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response[("Content-Security-Policy")]
    tree = demo_client.get(reverse(constants.STACK_TREE_URL, args=args)).json()
    assert injected(tree["html"]) == []
    page = demo_client.get(reverse(constants.STACK_DETAIL_URL, args=args))
    assert page.status_code == 200 and injected(page.content.decode()) == []
