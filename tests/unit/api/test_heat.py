"""Tests of mr_dashboard.api.heat against small Heat stand-ins on
127.0.0.1: real sockets, real keystoneauth sessions, real heatclient."""

import pytest
from django.core.cache import cache

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.health import region_health
from mr_dashboard.api.transport import session
from tests.unit import fakes
from tests.waiting import wait_until

BUILD_INFO = {"api": {"revision": "27.0.1"}, "engine": {"revision": "27.0.2"}}
STACK = {"id": "5e1f", "stack_name": "web",
         "stack_status": "CREATE_COMPLETE", "stack_status_reason": "done",
         "creation_time": "2026-11-21T10:00:00Z", "updated_time": None,
         "parent": None, "tags": ["a", "b"]}


def answer_with(status, body):
    """A server's answer: the same status and body for every request."""
    return lambda handler: (status, body)


def echo_headers(status):
    """A server whose error message repeats the request's headers, token
    included."""
    return lambda handler: (status, {"error": {
        "message": f"headers were {dict(handler.headers)}"}})


@pytest.fixture
def short_timeout(settings):
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": 0.5, "DEADLINE_MARGIN": 0.5}


def test_build_info_from_a_healthy_region(http_server):
    port = http_server(answer_with(200, BUILD_INFO))
    request = fakes.api_request(fakes.local_catalog({"RegionOne": port}))
    info = heat.build_info(request, "RegionOne")
    assert info == heat.BuildInfo("RegionOne", "27.0.1", "27.0.2")


def test_the_user_token_is_sent_and_the_session_is_memoized(http_server):
    seen = []

    def answer(handler):
        seen.append((handler.path, handler.headers["X-Auth-Token"]))
        return 200, BUILD_INFO

    port = http_server(answer)
    request = fakes.api_request(fakes.local_catalog({"RegionOne": port}))
    heat.build_info(request, "RegionOne")
    assert seen == [(f"/v1/{fakes.PROJECT_ID}/build_info", fakes.TOKEN)]
    assert heat.heatclient(request, "RegionOne") is heat.heatclient(
        request, "RegionOne")
    url = f"http://127.0.0.1:{port}/v1/{fakes.PROJECT_ID}"
    made = session.endpoint_session(request, url)
    assert made.timeout == 5.0
    assert made is session.endpoint_session(request, url)


def test_stacks(http_server):
    port = http_server(answer_with(200, {"stacks": [STACK], "stack": STACK}))
    request = fakes.api_request(fakes.local_catalog({"RegionTwo": port}))
    [stack] = heat.stacks_list(request, "RegionTwo", status="COMPLETE")
    assert stack.region == "RegionTwo"
    assert (stack.id, stack.name, stack.status) == (
        "5e1f", "web", "CREATE_COMPLETE")
    assert stack.created.isoformat() == "2026-11-21T10:00:00+00:00"
    assert stack.updated is None and stack.tags == ("a", "b")
    assert heat.stack_get(request, "RegionTwo", "5e1f") == stack


def test_stack_create_returns_the_new_id(http_server):
    port = http_server(answer_with(201, {"stack": {"id": "9a9a"}}))
    request = fakes.api_request(fakes.local_catalog({"RegionOne": port}))
    assert heat.stack_create(request, "RegionOne", stack_name="x",
                             template={}) == "9a9a"


def test_region_health_sorts_every_failure(http_server, closed_port,
                                           silent_port, short_timeout):
    ports = {
        "Healthy": http_server(answer_with(200, BUILD_INFO)),
        "Refused": closed_port,
        "Hanging": silent_port,
        "NoToken": http_server(answer_with(401, {})),
        "Forbidden": http_server(answer_with(403, {})),
        "Broken": http_server(echo_headers(500)),
        "Missing": http_server(answer_with(404, {})),
    }
    request = fakes.api_request(fakes.local_catalog(ports))
    health = region_health(request)

    # Back with every region's outcome: the hanging one given up (a
    # timeout: it never answers), none left late.
    kinds = {name: result.error.kind if result.error else "ok"
             for name, result in health.items()}
    assert kinds == {
        "Broken": constants.KIND_SERVER_ERROR,
        "Forbidden": constants.KIND_FORBIDDEN,
        "Hanging": constants.KIND_TIMEOUT,
        "Healthy": "ok",
        "Missing": constants.KIND_ERROR,
        "NoToken": constants.KIND_UNAUTHORIZED,
        "Refused": constants.KIND_UNREACHABLE,
    }
    assert health["Healthy"].value.api == "27.0.1"
    assert health["Hanging"].elapsed >= 0.5
    # Refused: told by the connection's failure, not waited for like the
    # hanging one.
    assert health["Refused"].error.message.startswith("ConnectFailure")
    for result in health.values():
        if result.error:
            assert fakes.TOKEN not in result.error.message
    assert health["Broken"].error.message.startswith(
        "HTTPInternalServerError (HTTP 500): headers were {")
    assert health["NoToken"].error.message == "HTTPUnauthorized (HTTP 401)"


def test_a_slow_region_s_health_is_late_then_told_on_the_next_poll(
        http_server, gate, settings):
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": 5.0, "DEADLINE_MARGIN": 0.5,
                             "PAGE_BUDGET_CEILING": 0.5}
    cache.clear()

    def slow(handler):
        gate.hold()  # answers only once the test lets it
        return 200, BUILD_INFO

    request = fakes.api_request(fakes.local_catalog({
        "Healthy": http_server(answer_with(200, BUILD_INFO)),
        "Slow": http_server(slow)}))

    first = region_health(request)
    assert first["Healthy"].ok
    # Late at the page's budget: the slow region's answer still held.
    assert first["Slow"].error.kind == constants.KIND_LATE
    assert gate.passed == 0

    gate.open()
    second = wait_until(lambda: region_health(request), 10, 0.05,
                        what="the slow call's answer told",
                        done=lambda health: not health["Slow"].error)
    assert second["Slow"].value.api == "27.0.1"
    assert gate.came == 1  # the call that was late: not asked again meanwhile
    gate.close()
    third = region_health(request)  # asked afresh: late again
    assert third["Slow"].error.kind == constants.KIND_LATE
