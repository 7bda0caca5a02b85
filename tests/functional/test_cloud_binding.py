"""A stack of another cloud is reached only through its own parent.

Its pages live under the parent's OS::Heat::Stack resource
(``<region>/<parent>/cloud/<resource>/<region there>/<id>/``). A stack of
that cloud that the resource did not create - made here with the
credential's own Heat, beside the demo's ``cross-cloud`` sample - is
refused for every page and action through the sample's URL, before any
call about it (the other cloud's Heat API log never names it). The true
child and its descendants there (a local nested stack, and a stack its own
OS::Heat::Stack created in that cloud) still open and act.
"""
import json
import time

import pytest
from django.test import override_settings
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.other_cloud import remote
from tests.cloud import keystone_access, second_cloud_heat
from tests.functional import launch_helpers as lh
from tests.functional.conftest import LOOPBACK, forget_other_clouds
from tests.functional.credentials_helpers import demo_secret, in_other_cloud
from tests.waiting import wait_until
from tests.waiting import whole_tree

ONE = "RegionOne"
FAMILY = in_other_cloud("""heat_template_version: 2021-04-16
parameters:
  label: {type: string, default: first}
resources:
  group:
    type: OS::Heat::ResourceGroup
    properties:
      count: 1
      resource_def: {type: OS::Heat::None}
  inner:
    type: OS::Heat::Stack
    properties:
      template: |
        heat_template_version: 2021-04-16
        resources:
          marker: {type: OS::Heat::None}
""")
FOREIGN = """
heat_template_version: 2021-04-16
parameters:
  label: {type: string, default: untouched}
resources:
  marker: {type: OS::Heat::None}
"""
REFUSED = "was not created by remote_db of cross-cloud"


@pytest.fixture(scope="module")
def loopback(cloud):
    if not cloud.second_cloud_url:
        pytest.skip("the demo cloud runs without its second cloud")
    with override_settings(MR_DASHBOARD=LOOPBACK):
        forget_other_clouds()
        yield
        forget_other_clouds()


@pytest.fixture(scope="module")
def client(loopback, loopback_client):
    """The module's login (conftest's), once the second cloud is known to run."""
    return loopback_client


@pytest.fixture(scope="module")
def api_request(cloud, loopback):
    """The demo user's token and catalog of the first cloud, as the API
    layer takes them (tls_stacks.api_request does the same)."""
    return remote.CloudRequest(keystone_access(cloud, timeout=None))


@pytest.fixture(scope="module")
def sample(api_request):
    """``(parent id, child id)`` of the demo's cross-cloud sample."""
    [parent] = [s for s in heat.stacks_list(api_request, ONE) if s.name == "cross-cloud"]
    [child] = [r.physical_id for r in heat.resources_list(api_request, ONE, parent.identity)
               if r.name == "remote_db"]
    return parent.id, child


@pytest.fixture(scope="module")
def other(cloud):
    return second_cloud_heat(cloud)


def settled(client, stack_id: str) -> str:
    return wait_until(lambda: client.stacks.get(stack_id).stack_status, 90,
                      what=f"stack {stack_id} settled",
                      done=lambda status: not status.endswith("IN_PROGRESS"), fail=False)


@pytest.fixture(scope="module")
def foreign(other):
    """A stack of the other cloud that no parent of the first one made."""
    made = other.stacks.create(stack_name=lh.unique_name("foreign"), template=FOREIGN)
    stack_id = made["stack"]["id"]
    assert settled(other, stack_id) == "CREATE_COMPLETE"
    yield stack_id
    other.stacks.delete(stack_id)


@pytest.fixture(scope="module")
def family(api_request, other):
    """``(parent id, {"child", "nested", "inner": id})``: a parent of the
    first cloud whose child over there has a nested stack (its group) and a
    child of its own (``inner``, an OS::Heat::Stack of that cloud)."""
    stack_id = heat.stack_create(api_request, ONE, stack_name=lh.unique_name("bound"),
                                 template=FAMILY,
                                 parameters={"credential": demo_secret(api_request)})
    try:
        assert lh.wait_settled(api_request, ONE, stack_id, 180) == "CREATE_COMPLETE", \
            heat.stack_get(api_request, ONE, stack_id).status_reason
        [child] = [r.physical_id for r in heat.resources_list(api_request, ONE, stack_id)
                   if r.name == "remote"]
        ids = {r.resource_name: r.physical_resource_id for r in other.resources.list(child)}
        yield stack_id, {"child": child, "nested": ids["group"], "inner": ids["inner"]}
    finally:
        lh.delete_stack(api_request, ONE, stack_id, 180)


def cloud_url(url_name: str, parent: str, resource: str, stack_id: str,
              region: str = ONE) -> str:
    return reverse(url_name, args=(ONE, parent, resource, region, stack_id))


def heat_api_log(cloud):
    return cloud.logs() / "heat-api-cloudb-regionone.log"


def test_a_stack_the_parent_did_not_create_is_refused_everywhere(
        client, cloud, sample, foreign, other):
    parent, _ = sample
    parent_page = reverse(constants.STACK_DETAIL_URL, args=(ONE, parent))

    def url(name: str) -> str:
        return cloud_url(name, parent, "remote_db", foreign)

    log = heat_api_log(cloud)
    seen = log.stat().st_size
    pages = {name: client.get(url(name)) for name in (
        constants.STACK_DETAIL_URL, constants.CLOUD_STACK_UPDATE_URL,
        constants.CLOUD_STACK_DELETE_URL, constants.SNAPSHOT_CREATE_URL)}
    actions = {
        "check": client.post(url(constants.CLOUD_STACK_CHECK_URL)),
        "delete": client.post(url(constants.CLOUD_STACK_DELETE_URL)),
        "update": client.post(url(constants.CLOUD_STACK_UPDATE_URL),
                              {"param__label": "changed", "understood": "on"}),
        "snapshot": client.post(url(constants.SNAPSHOT_CREATE_URL), {"name": "stolen"}),
    }
    tree = json.loads(client.get(url(constants.STACK_TREE_URL)).content)
    lineage = json.loads(client.get(url(constants.STACK_LINEAGE_URL)).content)
    timeline = json.loads(client.get(url(constants.STACK_TIMELINE_URL)).content)
    time.sleep(1)  # the API's log line is written after its answer
    asked = log.read_text(errors="replace")[seen:]

    for answer in list(pages.values()) + list(actions.values()):
        assert (answer.status_code, answer["Location"]) == (302, parent_page)
    told = client.get(parent_page).content.decode()
    assert REFUSED in told and foreign in told
    assert REFUSED in tree["html"] and 'data-mr-state="unreachable"' in tree["html"]
    assert tree["in_progress"] is False
    assert any(REFUSED in error for error in lineage["errors"])
    assert REFUSED in timeline["error"] and timeline["events"] == []
    # Not one call about it reached the other cloud; it is as it was.
    assert "/stacks" in asked  # the child's tree was walked there...
    assert foreign not in asked  # ...never the foreign stack
    stack = other.stacks.get(foreign)
    assert stack.stack_status == "CREATE_COMPLETE"
    assert stack.parameters["label"] == "untouched"
    assert other.stacks.snapshot_list(foreign)["snapshots"] == []


def test_ids_and_regions_that_no_stack_has_are_refused(client, sample, foreign):
    parent, child = sample
    parent_page = reverse(constants.STACK_DETAIL_URL, args=(ONE, parent))
    cases = {
        "not an id": (cloud_url(constants.STACK_DETAIL_URL, parent, "remote_db",
                                "1;DROP-TABLE"), "1;DROP-TABLE is not a stack id"),
        "no such region": (cloud_url(constants.STACK_DETAIL_URL, parent, "remote_db",
                                     child, region="RegionNine"),
                           "The other cloud has no region RegionNine with Heat."),
        "a parent by name": (reverse(constants.STACK_DETAIL_URL, args=(
            ONE, "cross-cloud", "remote_db", ONE, child)), "cross-cloud is not a stack id"),
    }
    for case, (url, message) in cases.items():
        answer = client.get(url, follow=True)
        assert answer.status_code == 200, case
        assert message in answer.content.decode(), case
    # A real id, but through a resource that reaches no other cloud.
    answer = client.get(cloud_url(constants.STACK_DETAIL_URL, parent, "nothing", foreign))
    assert answer.status_code == 200
    assert "nothing of cross-cloud creates no stack in another cloud." in answer.content.decode()
    assert parent_page in answer.content.decode()


def test_the_child_and_its_descendants_still_open_and_act(client, family, other):
    parent, ids = family
    for which in ("child", "nested", "inner"):
        page = client.get(cloud_url(constants.STACK_DETAIL_URL, parent, "remote",
                                    ids[which]))
        assert page.status_code == 200, which
        text = page.content.decode()
        assert 'id="mr-cloud-stack"' in text and "not shown here" not in text, which
    inner = ids["inner"]
    tree = whole_tree(client, cloud_url(constants.STACK_TREE_URL, parent, "remote", inner))
    assert 'data-mr-state="complete"' in tree["html"]
    for name in (constants.CLOUD_STACK_UPDATE_URL, constants.SNAPSHOT_CREATE_URL,
                 constants.CLOUD_STACK_DELETE_URL):
        assert client.get(cloud_url(name, parent, "remote", inner)).status_code == 200, name
    # Check, routed to the other cloud, on the descendant itself.
    checked = client.post(cloud_url(constants.CLOUD_STACK_CHECK_URL, parent, "remote", inner))
    assert (checked.status_code, checked["Location"]) == (
        302, cloud_url(constants.STACK_DETAIL_URL, parent, "remote", inner))
    assert settled(other, inner) == "CHECK_COMPLETE"


def test_the_familys_stacks_through_another_parent_are_refused(client, family, sample):
    _, ids = family
    parent, _ = sample
    for which in ("child", "inner"):
        refused = client.get(cloud_url(constants.STACK_DETAIL_URL, parent, "remote_db",
                                       ids[which]))
        assert (refused.status_code, refused["Location"]) == (
            302, reverse(constants.STACK_DETAIL_URL, args=(ONE, parent))), which


@override_settings(CACHES={"default": {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "test_cloud_binding", "OPTIONS": {"MAX_ENTRIES": 100000}}})
def test_a_proof_is_kept_briefly(client, cloud, family):
    """Proving a descendant walks the child's tree over there (calls
    naming the child); the proof is then kept, and the next page of that
    stack costs only its own calls."""
    parent, ids = family
    url = cloud_url(constants.STACK_DETAIL_URL, parent, "remote", ids["inner"])
    log = heat_api_log(cloud)
    calls = []
    # A cache that keeps what it is given: the test settings' LocMemCache
    # holds 300 entries, and one page's compressed scripts fill it.
    for _ in range(2):
        seen = log.stat().st_size
        started = time.monotonic()
        assert client.get(url).status_code == 200
        elapsed = time.monotonic() - started
        lines = [line for line in log.read_text(errors="replace")[seen:].splitlines()
                 if "Processing request:" in line]
        calls.append((len(lines), sum(ids["child"] in line for line in lines), elapsed))
    print(f"the descendant's page, proving then proven: {calls} "
          "(calls to the other cloud, of them about the child, seconds)")
    (_, proving, _), (_, proven, _) = calls
    assert proving >= 2 and proven == 0
