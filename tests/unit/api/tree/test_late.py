"""Tests of mr_dashboard.api.tree.late: a walk within the page's budget over
small Heat stand-ins on 127.0.0.1 (real sockets, real heatclient), one of
them held back, then let go."""

import threading

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string

from mr_dashboard import constants
from mr_dashboard.api.tree import templates
from mr_dashboard.api.tree import walk as tree
from mr_dashboard.panels.stacks.detail import topology
from mr_dashboard.panels.stacks.detail.views import TREE_NODES_TEMPLATE
from tests.unit import fakes
from tests.unit.fakes import FakeHeat
from tests.unit.fakes import resource
from tests.waiting import wait_until

FAR = "top-far-aaaaaaaaaaaa"


def stack(stack_id, name):
    return {"id": stack_id, "stack_name": name,
            "stack_status": "CREATE_COMPLETE", "stack_status_reason": "",
            "parameters": {}}


def region_one():
    return FakeHeat({
        r"/stacks": {"stacks": [stack("t0p", "top")]},
        r"/stacks/top/t0p": {"stack": stack("t0p", "top")},
        r"/stacks/top/t0p/resources": {"resources": [
            resource("far", "OS::Heat::Stack", "top/t0p", "f4r")]},
        r"/stacks/top/t0p/template": {"resources": {"far": {
            "type": "OS::Heat::Stack",
            "properties": {"context": {"region_name": "RegionTwo"}}}}},
    })


def region_two():
    return FakeHeat({
        r"/stacks": {"stacks": [stack("f4r", FAR)]},
        rf"/stacks/{FAR}/f4r/resources": {"resources": [
            resource("group", "OS::Heat::ResourceGroup", f"{FAR}/f4r",
                     "gr0up", nested=f"{FAR}-group-bbbbbbbbbbbb/gr0up")]},
        rf"/stacks/{FAR}/f4r/template": {"resources": {}},
    })


class Held:
    """A Heat stand-in that answers only once its gate lets it go."""

    def __init__(self, heat: FakeHeat, held: str = "") -> None:
        self.heat = heat
        self.held = held  # only the paths holding this
        self.gate = fakes.Gate()
        self.asked: list[str] = []

    def __call__(self, handler):
        self.asked.append(handler.path)
        if self.held in handler.path:
            self.gate.hold()
        return self.heat(handler)


def demo(ports):
    request = fakes.api_request(fakes.local_catalog(ports))
    request.user.id, request.user.project_id = "u1", "p1"
    return request


@pytest.fixture(autouse=True)
def budget(settings):
    settings.MR_DASHBOARD = {"PAGE_BUDGET_CEILING": 0.3,
                             "REGION_TIMEOUT": 5.0}
    cache.clear()
    yield
    cache.clear()


def far_of(walked):
    [far] = walked.root.children
    return far


def test_a_slow_branch_is_late_then_filled_in_without_asking_again(
        http_server):
    held = Held(region_two())
    request = demo({"RegionOne": http_server(region_one()),
                    "RegionTwo": http_server(held)})
    try:
        first = tree.stack_tree(request, "RegionOne", "t0p", "top",
                                paced=True)
        assert held.gate.holding(1)  # RegionTwo's list, asked, runs on
        again = tree.stack_tree(request, "RegionOne", "t0p", "top",
                                paced=True)
        # Both walks came back while that list was still held...
        assert held.gate.passed == 0
    finally:
        held.gate.open()

    for walked in (first, again):
        far = far_of(walked)
        # ... at the ceiling: late, not failed as at the 5 s timeout.
        assert (far.late, far.error, far.listed) == ("RegionTwo", None, False)
        assert walked.in_progress and walked.root.listed
    # The walk while RegionTwo still ran late asked it nothing more.
    assert held.asked == [f"/v1/{fakes.PROJECT_ID}/stacks"]

    filled = wait_until(
        lambda: tree.stack_tree(request, "RegionOne", "t0p", "top",
                                paced=True),
        5, 0.05, what="the late branch filled in",
        done=lambda walked: not far_of(walked).late)
    far = far_of(filled)
    assert (far.name, far.listed, far.error) == (FAR, True, None)
    assert [child.parent_resource for child in far.children] == ["group"]
    assert len(filled.nodes()) == 3 and not filled.in_progress
    # RegionTwo's list came once: the late answer was kept and used.
    assert held.asked.count(f"/v1/{fakes.PROJECT_ID}/stacks") == 1


def test_a_stack_whose_own_calls_are_late_is_filled_in(http_server):
    held = Held(region_two(), held=FAR)  # its list answers at once
    request = demo({"RegionOne": http_server(region_one()),
                    "RegionTwo": http_server(held)})
    try:
        first = tree.stack_tree(request, "RegionOne", "t0p", "top",
                                paced=True)
    finally:
        held.gate.open()

    far = far_of(first)
    assert (far.late, far.name, far.listed) == ("RegionTwo", FAR, False)
    filled = wait_until(
        lambda: tree.stack_tree(request, "RegionOne", "t0p", "top",
                                paced=True),
        5, 0.05, what="the late stack filled in",
        done=lambda walked: not far_of(walked).late)
    assert far_of(filled).listed and len(filled.nodes()) == 3
    # Its listing and template were asked once: the kept answers were used.
    assert sorted(path for path in held.asked if FAR in path) == [
        f"/v1/{fakes.PROJECT_ID}/stacks/{FAR}/f4r/resources?nested_depth=5",
        f"/v1/{fakes.PROJECT_ID}/stacks/{FAR}/f4r/template"]


def test_a_region_that_never_answers_fails_its_branch_at_the_deadline(
        http_server, silent_port, settings):
    # RegionOne's answers must come within the timeout on a busy machine
    # (the unit tests run at a low priority beside the demo cloud's tests):
    # at 0.4 s, then at 2 s (rehearsal rC, load average 7), the root's own
    # listing timed out, and the tree had no branch.
    settings.MR_DASHBOARD = {"PAGE_BUDGET_CEILING": 0.2,
                             "REGION_TIMEOUT": 5.0, "DEADLINE_MARGIN": 0.2}
    request = demo({"RegionOne": http_server(region_one()),
                    "RegionTwo": silent_port})

    first = tree.stack_tree(request, "RegionOne", "t0p", "top", paced=True)
    then = wait_until(
        lambda: tree.stack_tree(request, "RegionOne", "t0p", "top",
                                paced=True),
        20, 0.05, what="the late branch given up",
        done=lambda walked: not far_of(walked).late)

    assert far_of(first).late == "RegionTwo"
    far = far_of(then)
    assert far.late == "" and far.error.kind == constants.KIND_TIMEOUT
    assert not then.in_progress


def test_without_a_budget_the_walk_waits(http_server, settings):
    settings.MR_DASHBOARD = {"PAGE_BUDGET_CEILING": 0}
    held = Held(region_two())
    request = demo({"RegionOne": http_server(region_one()),
                    "RegionTwo": http_server(held)})
    threading.Timer(0.5, held.gate.open).start()

    walked = tree.stack_tree(request, "RegionOne", "t0p", "top", paced=True)

    assert far_of(walked).listed and not far_of(walked).late


def test_a_late_stack_in_the_list_and_the_picture(http_server):
    held = Held(region_two())
    request = demo({"RegionOne": http_server(region_one()),
                    "RegionTwo": http_server(held)})
    try:
        walked = tree.stack_tree(request, "RegionOne", "t0p", "top",
                                 paced=True)
    finally:
        held.gate.open()
    far_of(walked).late = "Region<b>Two</b>"  # any text from a catalog

    view = topology.tree_view(walked)
    html = render_to_string(TREE_NODES_TEMPLATE, {"node": view["root"]})

    assert view["in_progress"] and view["late"]
    late = view["graph"]["stacks"][1]
    assert late["state"] == "late"
    assert late["late"] == "Region<b>Two</b> is answering slowly…"
    assert 'data-mr-state="late"' in html and "<b>" not in html
    assert "Region&lt;b&gt;Two&lt;/b&gt; is answering slowly…" in html


def test_a_late_template_read_leaves_its_stack_without_edges_until_it_comes(
        http_server):
    held = Held(region_two(), held=f"{FAR}/f4r/template")
    held.gate.open()
    request = demo({"RegionOne": http_server(region_one()),
                    "RegionTwo": http_server(held)})
    walked = tree.stack_tree(request, "RegionOne", "t0p", "top")
    far = far_of(walked)
    held.gate.close()
    try:
        shapes = templates.tree_templates(
            request, walked, {"RegionOne": 0.2, "RegionTwo": 0.2})
        again = templates.tree_templates(
            request, walked, {"RegionOne": 0.2, "RegionTwo": 0.2})
    finally:
        held.gate.open()

    assert shapes[far.key] is None and shapes[walked.root.key] is not None
    assert again == shapes and walked.reading == {far.key}
    assert walked.late and walked.in_progress
    reads = [path for path in held.asked if path.endswith("f4r/template")]
    assert len(reads) == 2  # the walk's, then one late read: not twice
    filled = wait_until(lambda: templates.tree_templates(request, walked),
                        5, 0.05, what="the late shape kept",
                        done=lambda shapes: shapes[far.key] is not None)
    assert filled[far.key] is not None
