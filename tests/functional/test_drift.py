"""Drift detection on the demo cloud (mr_dashboard.api.drift).

One tree, made once for the module from templates/drift/: in RegionOne a
network and an IKE policy, and an OS::Heat::Stack child in RegionTwo with a
network, a subnet, a security group with a rule, a port, a spare port and a
server. Untouched, every resource of both regions is IN_SYNC; then, through
openstacksdk as the demo user (outside Heat), the server is renamed and its
metadata changed, the spare port deleted and a rule added to the group:
detection reports exactly those, with their diffs; through the pages, the
Drift tab shows them, marks the tree, and "Bring back to template" makes
the deleted port again (what Heat's converge leaves is still shown: see
docs/drift.md); with RegionTwo's Neutron frozen, its resources are not
known and RegionOne's are still shown. A second tree has its
child in the demo's other cloud (through the demo's credential secret):
its network, renamed there outside Heat, is read in that cloud.
"""
import pathlib
import re

import pytest
from django.test import override_settings
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api import drift
from mr_dashboard.api.drift import repair
from mr_dashboard.api.tree.walk import stack_tree
from tests.cloud import stopped
from tests.functional import tree_stacks
from tests.functional.conftest import LOOPBACK, forget_other_clouds
from tests.functional.credentials_helpers import demo_secret, in_other_cloud
from tests.functional.launch_helpers import PATIENT
from tests.functional.resource_stacks import connection
from tests.waiting import whole_tree

TEMPLATES = pathlib.Path(__file__).parent / "templates" / "drift"
ONE, TWO = "RegionOne", "RegionTwo"
CHILD = ("guard", "net", "port", "server", "spare", "subnet")
FAR_NET = in_other_cloud("""heat_template_version: 2021-04-16
resources:
  net:
    type: OS::Neutron::Net
    properties: {name: drift-far-net}
""")


@pytest.fixture(scope="module")
def made(cloud):
    """``(root id, root name, {resource: physical id} of the child)``."""
    two = connection(cloud, TWO)
    image = next(two.image.images(status="active"))
    flavor = min(two.compute.flavors(), key=lambda found: (found.ram, found.vcpus))
    name = tree_stacks.unique_name("drift")
    stack_id = tree_stacks.create(cloud, ONE, name, "root.yaml", TEMPLATES,
                                  image=image.id, flavor=flavor.id)
    try:
        assert tree_stacks.wait(cloud, ONE, stack_id) == "CREATE_COMPLETE"
        child = tree_stacks.heat_client(cloud, ONE).resources.get(
            stack_id, "far").physical_resource_id
        yield stack_id, name, {res.resource_name: res.physical_resource_id for res
                               in tree_stacks.heat_client(cloud, TWO).resources.list(child)}
    finally:
        tree_stacks.delete(cloud, ONE, stack_id)


def detect(request, made) -> drift.DriftReport:
    """The tree's drift, each call given time on a busy machine."""
    stack_id, name, _ = made
    with override_settings(MR_DASHBOARD=PATIENT):
        tree = stack_tree(request, ONE, stack_id, name)
        found = drift.detect_drift(request, tree)
    print(f"drift: {found.reads} objects read in {found.elapsed:.2f} s")
    return found


def statuses(found: drift.DriftReport) -> dict:
    return {(stack.region, res.name): res.status
            for stack in found.stacks for res in stack.resources}


def test_untouched_tree_is_in_sync(demo_request, made):
    found = detect(demo_request, made)
    assert statuses(found) == {
        **{(ONE, name): drift.IN_SYNC for name in ("home_net", "ike")},
        **{(TWO, name): drift.IN_SYNC for name in CHILD}}
    assert [(region.region, region.counts[drift.IN_SYNC]) for region in found.regions] == [
        (ONE, 2), (TWO, 6)]
    assert not found.drifted and not found.capped
    port = next(res for stack in found.stacks for res in stack.resources if res.name == "port")
    assert port.diffs == ()  # its name, made of a get_attr, was compared


def test_changes_outside_heat_are_drift(cloud, demo_request, made):
    ids = made[2]
    two = connection(cloud, TWO)
    two.compute.update_server(ids["server"], name="renamed-outside")
    two.compute.set_server_metadata(ids["server"], role="db", owner="script")
    two.network.delete_port(ids["spare"])
    two.network.create_security_group_rule(
        security_group_id=ids["guard"], direction="ingress", ethertype="IPv4",
        protocol="tcp", port_range_min=80, port_range_max=80)

    found = detect(demo_request, made)
    assert statuses(found) == {
        **{(ONE, name): drift.IN_SYNC for name in ("home_net", "ike")},
        **{(TWO, name): drift.IN_SYNC for name in ("net", "port", "subnet")},
        (TWO, "server"): drift.MODIFIED, (TWO, "spare"): drift.DELETED,
        (TWO, "guard"): drift.MODIFIED}
    child = next(stack for stack in found.stacks if stack.region == TWO)
    resources = {res.name: res for res in child.resources}
    server = {diff.name: diff for diff in resources["server"].diffs}
    assert set(server) == {"name", "metadata"}
    assert (server["name"].expected, server["name"].actual) == ("drift-server",
                                                                "renamed-outside")
    assert server["metadata"].expected == {"role": "web"}
    assert server["metadata"].actual == {"role": "db", "owner": "script"}
    assert resources["server"].repairable and resources["spare"].repairable
    rules, = resources["guard"].diffs
    added = {"direction": "ingress", "ethertype": "IPv4", "protocol": "tcp",
             "port_range_min": "80", "port_range_max": "80"}
    assert rules.name == "rules" and added in rules.actual and added not in rules.expected
    assert not rules.converges  # Heat's converge does not read a group's rules back
    assert [stack.key for stack in found.drifted] == [child.key]
    assert child.counts == {drift.MODIFIED: 2, drift.DELETED: 1, drift.NOT_KNOWN: 0,
                            drift.NOT_CHECKED: 0, drift.IN_SYNC: 3}


def shown(page: str) -> dict:
    """The Drift tab's resources: ``{name: status}``."""
    return dict(re.findall(r'data-mr-drift-resource="([^"]+)" data-mr-drift-status="([A-Z_]+)"',
                           page))


def test_the_drift_tab_detects_marks_the_tree_and_brings_back_through_heat(
        cloud, demo_client, made):
    stack_id, name, ids = made
    page_url = reverse(constants.STACK_DETAIL_URL, args=(ONE, stack_id))
    tab = page_url + "?tab=stack_details__drift"
    first = demo_client.get(tab).content.decode()
    assert 'id="mr-drift-none"' in first
    # Horizon renders a tab without the request's context: its form still
    # carries the CSRF token (the test client does not check it; a browser does).
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', first)

    with override_settings(MR_DASHBOARD=PATIENT):
        answer = demo_client.post(reverse(constants.STACK_DRIFT_URL, args=(ONE, stack_id)),
                                  follow=True)
    page = answer.content.decode()
    assert answer.redirect_chain[-1][0] == tab
    assert "Drift found: 3 resources changed outside Heat." in page
    assert shown(page) == {"home_net": "IN_SYNC", "ike": "IN_SYNC", "guard": "MODIFIED",
                           "net": "IN_SYNC", "port": "IN_SYNC", "server": "MODIFIED",
                           "spare": "DELETED", "subnet": "IN_SYNC"}
    assert "renamed-outside" in page and 'id="mr-drift-repair"' in page
    graph = whole_tree(demo_client, reverse(constants.STACK_TREE_URL, args=(ONE, stack_id)),
                       {"name": name})["graph"]
    assert [stack["drift"] for stack in graph["stacks"]] == ["in_sync", "drifted"]

    child = tree_stacks.heat_client(cloud, ONE).resources.get(stack_id, "far")
    with override_settings(MR_DASHBOARD=PATIENT):
        answer = demo_client.post(reverse(constants.STACK_DRIFT_REPAIR_URL,
                                          args=(ONE, stack_id)), follow=True)
    page = answer.content.decode()
    assert "Bringing" in page and "Unable to bring" not in page
    assert tree_stacks.wait(cloud, TWO, child.physical_resource_id) == "UPDATE_COMPLETE"
    assert 'id="mr-drift-none"' in page  # the kept detection is gone with the repair

    with override_settings(MR_DASHBOARD=PATIENT):
        page = demo_client.post(reverse(constants.STACK_DRIFT_URL, args=(ONE, stack_id)),
                                follow=True).content.decode()
    after = shown(page)
    print("after bringing back:", after)
    assert after["spare"] == "IN_SYNC"  # made again: marked unhealthy, then replaced
    assert {res: status for res, status in after.items() if status != "IN_SYNC"} == {
        "server": "MODIFIED", "guard": "MODIFIED"}


def test_the_stacks_row_action_detects_and_opens_the_drift_tab(demo_client, made):
    stack_id = made[0]
    with override_settings(MR_DASHBOARD=PATIENT):
        answer = demo_client.post(reverse(constants.STACKS_INDEX_URL), {
            "action": f"stacks__detect_drift__{ONE}:{stack_id}"}, follow=True)
    assert answer.redirect_chain[-1][0] == (
        reverse(constants.STACK_DETAIL_URL, args=(ONE, stack_id)) + "?tab=stack_details__drift")
    assert set(shown(answer.content.decode())) == {
        "home_net", "ike", "guard", "net", "port", "server", "spare", "subnet"}


def test_a_region_that_does_not_answer_is_not_known_and_the_rest_is_shown(
        cloud, demo_request, made):
    stack_id, name, _ = made
    tree = stack_tree(demo_request, ONE, stack_id, name)
    with stopped(cloud, "neutron", TWO), override_settings(MR_DASHBOARD={
            "REGION_TIMEOUT": 2.0, "DEADLINE_MARGIN": 1.0}):
        found = drift.detect_drift(demo_request, tree)
    by_region = {region.region: {res.name: res for stack in region.stacks
                                 for res in stack.resources}
                 for region in found.regions}
    assert {res.status for res in by_region[ONE].values()} == {drift.IN_SYNC}
    unanswered = {name: res for name, res in by_region[TWO].items()
                  if name in ("guard", "net", "port", "spare", "subnet")}
    assert {res.status for res in unanswered.values()} == {drift.NOT_KNOWN}
    assert all(res.reason for res in unanswered.values())
    assert demo_request.user.token.id not in " ".join(res.reason for res in unanswered.values())


@pytest.fixture(scope="module")
def loopback_request(cloud, loopback_client):
    """The demo user's request, with settings letting the dashboard reach
    the other cloud on 127.0.0.1 (and giving each call time)."""
    if not cloud.second_cloud_url:
        pytest.skip("the demo cloud runs without its second cloud")
    with override_settings(MR_DASHBOARD={**LOOPBACK, **PATIENT}):
        forget_other_clouds()
        yield loopback_client.get(reverse(constants.REGIONS_INDEX_URL)).wsgi_request
        forget_other_clouds()


def test_a_stack_of_another_cloud_is_read_there(cloud, loopback_request):
    name = tree_stacks.unique_name("drift-cloud")
    heat_one = tree_stacks.heat_client(cloud, ONE)
    stack_id = heat_one.stacks.create(
        stack_name=name, template=FAR_NET,
        parameters={"credential": demo_secret(loopback_request)})["stack"]["id"]
    try:
        assert tree_stacks.wait(cloud, ONE, stack_id) == "CREATE_COMPLETE"
        far = connection(cloud, ONE, auth_url=cloud.second_cloud_url)
        net = far.network.find_network("drift-far-net", ignore_missing=False)
        far.network.update_network(net, name="renamed-in-the-other-cloud")
        found = drift.detect_drift(loopback_request,
                                   stack_tree(loopback_request, ONE, stack_id, name))
        # Bring back from the detection alone: the other cloud reached again
        # through its gateway's context, the update started there.
        done, = repair.bring_back(loopback_request, found)
        if done.started:
            far.orchestration.wait_for_status(
                far.orchestration.get_stack(done.stack.id), "UPDATE_COMPLETE",
                failures=["UPDATE_FAILED"], interval=1, wait=60)
    finally:
        tree_stacks.delete(cloud, ONE, stack_id)
    root, child = found.stacks
    assert root.resources == [] and child.cloud is not None and child.error is None
    diff, = child.resources[0].diffs
    assert (child.resources[0].status, diff.expected, diff.actual) == (
        drift.MODIFIED, "drift-far-net", "renamed-in-the-other-cloud")
    assert (done.stack.key, done.error) == (child.key, None)
