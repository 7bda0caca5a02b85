"""The bad-input corpus against the real launch pages and the real cloud:
every input gets a clear message in the page and never a 5xx; the payload
corpus comes back from the cloud's JSON endpoints as escaped text.

tests/functional/test_launch_bad_input.py has the first cases (broken YAML,
size limits, a path leading out of an archive, URLs that are not public
http); this adds wrong types, huge and deeply nested documents, YAML bombs,
text that is not UTF-8, hostile archives and more addresses.

The server-rendered pages made after the corpus get it too: the detail's
Outputs, Snapshots and Events tabs (filters in the query string) and the
timeline's JSON; the Stack Sets pages of a set made of payloads; a VPN
object's modal and page; a stack of the second cloud (its page, tabs, tree)
and its parent's "feeds" line. The Launch form's notes and checks (where a
value goes, picker marks, pattern notes, what each region holds, what is
known only at create): test_untrusted_launch.py.
"""
import io
import json
import tarfile
import zipfile
from urllib.parse import urlencode

import openstack
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape

from mr_dashboard import constants
from tests.cloud import heat_client, keystone_session
from tests.functional import launch_helpers as lh
from tests.functional import tree_stacks
from tests.functional.conftest import LOOPBACK
from tests.untrusted import corpus
from tests.untrusted import stacks
from tests.untrusted.dom import injected, shown_as_text

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
     "nested too deeply: deeper than 100 levels"),
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
    assert secret not in lh.readable(lh.draft_of(step))
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
    heat = heat_client(cloud, "RegionOne")
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
    tree_stacks.delete_later(cloud, "RegionOne", stack_id)  # 35 s in Heat


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


# --- The pages made after the corpus: their text from the cloud ------------

AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
ONE, TWO, THREE = "RegionOne", "RegionTwo", "RegionThree"


def page_of(client, url: str, **extra) -> str:
    """A page (or a tab, a modal) of the dashboard: no 5xx, nothing of the
    corpus a browser would run."""
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    text = response.content.decode()
    assert injected(text) == [], url
    return text


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def tab(stack_url: str, slug: str, **query) -> str:
    return stack_url + "?" + urlencode({"tab": f"stack_details__{slug}", **query})


def test_the_outputs_snapshots_events_and_timeline_show_payloads_as_text(
        demo_client, payload_stack):
    url = reverse(constants.STACK_DETAIL_URL, args=(ONE, payload_stack))
    outputs = page_of(demo_client, tab(url, "outputs"), **AJAX)
    # Every stack's outputs, the remote child's too (the "feeds" line: in
    # the other cloud's test below).
    shown_as_text(outputs, *corpus.PAYLOADS[:8], corpus.PAYLOADS[10])
    page_of(demo_client, tab(url, "snapshots"), **AJAX)
    # The files Heat keeps for the stack (payload names and contents), as YAML.
    files = page_of(demo_client, tab(url, "files"), **AJAX)
    assert "files/" in files and escape(stacks.FILE_NAMES[0]) in files, files[:2000]
    # A filter (and a marker) written by hand: a payload in the query string.
    some = page_of(demo_client, tab(url, "events", events_resource=stacks.NAMES[2]), **AJAX)
    shown_as_text(some, stacks.NAMES[2])
    assert f'<option value="{escape(stacks.NAMES[2])}" selected>' in some
    none = page_of(demo_client, tab(url, "events", events_region=corpus.PAYLOADS[3],
                                    events_resource=corpus.PAYLOADS[28]), **AJAX)
    assert escape(corpus.PAYLOADS[28]) not in none.split("</select>")[-1]
    marked = demo_client.get(tab(url, "events", events_marker=corpus.PAYLOADS[0]), follow=True)
    assert marked.status_code == 200 and injected(marked.content.decode()) == []
    timeline = demo_client.get(reverse(constants.STACK_TIMELINE_URL, args=(ONE, payload_stack)))
    assert timeline["Content-Type"] == "application/json"
    events = timeline.json()["events"]
    assert stacks.NAMES[1] in {event["resource"] for event in events}


def test_the_drift_tab_and_its_messages_show_payloads_as_text(demo_client, payload_stack):
    url = reverse(constants.STACK_DETAIL_URL, args=(ONE, payload_stack))
    detected = demo_client.post(reverse(constants.STACK_DRIFT_URL, args=(ONE, payload_stack)),
                                follow=True)
    assert detected.status_code == 200 and injected(detected.content.decode()) == []
    drift_tab = page_of(demo_client, tab(url, "drift"), **AJAX)
    # Every resource of the tree by its (payload) name, each "not checked".
    shown_as_text(drift_tab, stacks.NAMES[1], stacks.NAMES[2])
    tree = demo_client.get(reverse(constants.STACK_TREE_URL, args=(ONE, payload_stack))).json()
    assert injected(tree["html"]) == []


def test_the_stack_set_pages_show_payloads_as_text(demo_client, payload_set):
    name = payload_set
    index = page_of(demo_client, reverse(constants.STACK_SETS_INDEX_URL))
    assert f'data-mr-set="{name}"' in index
    assert f'data-mr-member-region="{escape(stacks.SET_REGION)}"' in index
    assert escape(stacks.BAD_SET_NAME) not in index  # no set: a 500 of the list before
    detail = page_of(demo_client, reverse(constants.STACK_SET_DETAIL_URL, args=(name,)))
    shown_as_text(detail, stacks.SET_REGION)
    assert detail.count("Its parameters were changed outside the set.") == 2
    for url in (reverse(constants.STACK_SET_UPDATE_URL, args=(name,)),
                reverse(constants.STACK_SET_ADD_URL, args=(name, THREE))):
        form = page_of(demo_client, url)
        shown_as_text(form, *stacks.set_member_values().values())
    # An operation's outcome, told in a message: a region named by a payload.
    told = demo_client.post(reverse(constants.STACK_SET_REMOVE_URL,
                                    args=(name, stacks.NAMES[5])),
                            {"how": "leave"}, follow=True)
    assert told.status_code == 200 and injected(told.content.decode()) == []
    assert f"{stacks.NAMES[5]} is not a region of the set." in messages_of(told)
    shown_as_text(told.content.decode(), stacks.NAMES[5])


@pytest.fixture(scope="module")
def ike_policy(cloud):
    """A VPN IKE policy whose name and description are payloads."""
    network = openstack.connection.Connection(
        session=keystone_session(cloud), region_name=ONE).network
    # Neutron VPNaaS's own default (sha1) is no longer in its model: such a
    # policy cannot be read (500), nor listed, nor deleted.
    made = network.create_vpn_ike_policy(name=stacks.NAMES[3],
                                         description=corpus.PAYLOADS[26],
                                         auth_algorithm="sha256")
    yield made.id
    network.delete_vpn_ike_policy(made.id)


def test_a_vpn_object_s_modal_and_page_show_payloads_as_text(demo_client, payload_stack,
                                                             ike_policy):
    url = reverse(constants.VPN_DETAIL_URL, args=(ONE, payload_stack, ONE))
    query = {"type": "OS::Neutron::IKEPolicy", "id": ike_policy}
    for extra in (AJAX, {}):
        shown_as_text(page_of(demo_client, url + "?" + urlencode(query), **extra),
                      stacks.NAMES[3], corpus.PAYLOADS[26])
    # An id that is no object's: a message on the stack's page.
    gone = demo_client.get(url + "?" + urlencode({**query, "id": stacks.NAMES[2]}), follow=True)
    assert gone.status_code == 200 and injected(gone.content.decode()) == []
    assert any(stacks.NAMES[2] in message for message in messages_of(gone))


@pytest.fixture(scope="module")
def cloud_payload_stack(cloud):
    """A RegionOne parent whose child, made of payloads, fails in the
    second cloud (through the demo's credential): (parent id, child id)."""
    heat = heat_client(cloud, ONE)
    [sample] = heat.stacks.list(filters={"name": "cross-cloud"})
    credential = heat.stacks.get(sample.id).parameters["credential_secret"]
    parent_id = heat.stacks.create(
        stack_name=lh.unique_name("pcloud"), template=stacks.cloud_parent_template(),
        files={"child.yaml": json.dumps(stacks.child_template())},
        parameters={"credential": credential}, disable_rollback=True)["stack"]["id"]
    try:
        assert tree_stacks.wait(cloud, ONE, parent_id) == "CREATE_FAILED"
        child_id = heat.resources.get(parent_id, stacks.CLOUD_RESOURCE).physical_resource_id
        assert child_id
        yield parent_id, child_id
    finally:
        # Deleted, not waited for: Heat takes about 40 s to delete a child
        # in the second cloud, and no later test reads these stacks.
        heat.stacks.delete(parent_id)


def test_the_other_cloud_s_stack_page_shows_payloads_as_text(demo_client, cloud_payload_stack):
    parent_id, child_id = cloud_payload_stack
    args = (ONE, parent_id, stacks.CLOUD_RESOURCE, ONE, child_id)
    url = reverse(constants.STACK_DETAIL_URL, args=args)
    with override_settings(MR_DASHBOARD=LOOPBACK):
        page = page_of(demo_client, url)
        assert 'id="mr-cloud-stack"' in page
        overview = page_of(demo_client, tab(url, "overview"), **AJAX)
        shown_as_text(overview, corpus.PAYLOADS[10], stacks.FEED_VALUE)
        events = page_of(demo_client, tab(url, "events"), **AJAX)
        shown_as_text(events, stacks.NAMES[1], stacks.NAMES[2])
        for slug in ("resources", "outputs", "timeline", "snapshots"):
            page_of(demo_client, tab(url, slug), **AJAX)
        # Its dialogs: the parameters (payload values) and the delete.
        change = page_of(demo_client, reverse(constants.CLOUD_STACK_UPDATE_URL, args=args),
                         **AJAX)
        shown_as_text(change, stacks.FEED_VALUE)
        page_of(demo_client, reverse(constants.CLOUD_STACK_DELETE_URL, args=args), **AJAX)
        tree = demo_client.get(reverse(constants.STACK_TREE_URL, args=args)).json()
        assert injected(tree["html"]) == []
        shown_as_text(tree["html"], stacks.NAMES[1])
        # The parent's Outputs tab: its local child's output feeds the
        # other cloud's child (the "feeds" line).
        outputs = page_of(demo_client, tab(reverse(constants.STACK_DETAIL_URL,
                                                   args=(ONE, parent_id)), "outputs"), **AJAX)
        assert "mr-output-feeds" in outputs
        shown_as_text(outputs, stacks.FEED_OUTPUT, stacks.FEED_VALUE, corpus.PAYLOADS[14])
        # A payload as the resource named in the URL: told, as text.
        told = page_of(demo_client, reverse(constants.STACK_DETAIL_URL, args=(
            ONE, parent_id, stacks.NAMES[4], ONE, child_id)))
        shown_as_text(told, stacks.NAMES[4])
