"""Service catalogs, requests, tokens and a Heat stand-in for the unit tests.

Catalogs follow the Keystone v3 shape Horizon keeps on ``request.user``;
:func:`keystone_token` is the body of a Keystone v3 token of the demo user
(what a test Keystone answers, what :func:`access_info` reads);
:class:`FakeHeat` answers a test server's requests as one region's Heat;
:class:`Gate` holds a stand-in's calls until the test lets them go.
"""

import datetime
import re
import threading
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.test import RequestFactory
from keystoneauth1 import access

from mr_dashboard.api.other_cloud import remote

PROJECT_ID = "f3a1c0de"
TOKEN = "gAAAAABtest-token-0123456789abcdefghijklmnopqrstuvwxyz"
INTERFACES = ("public", "internal", "admin")


def service(service_type: str, urls: dict[str, str],
            interfaces: tuple[str, ...] = INTERFACES) -> dict:
    """A catalog service with one endpoint per region and interface.

    ``urls`` maps a region to its public URL; other interfaces get the same
    URL with the interface name in front of the host.
    """
    endpoints = []
    for region, url in urls.items():
        for interface in interfaces:
            endpoints.append({
                "interface": interface,
                "region": region,
                "region_id": region,
                "url": url if interface == "public"
                else url.replace("://", f"://{interface}-", 1),
            })
    return {"type": service_type, "name": service_type,
            "endpoints": endpoints}


def heat_services(regions: tuple[str, ...]) -> list[dict]:
    """Orchestration and key-manager services in each of ``regions``."""
    def urls(kind, port, suffix=""):
        return {region: f"http://{kind}.{region.lower()}.example.com:{port}"
                        f"{suffix}" for region in regions}
    return [
        service("orchestration", urls("heat", 8004, f"/v1/{PROJECT_ID}")),
        service("key-manager", urls("barbican", 9311)),
    ]


def catalog(heat_regions: tuple[str, ...] = ("RegionOne", "RegionTwo"),
            other_regions: tuple[str, ...] = ()) -> list[dict]:
    """Keystone in RegionOne, Heat and Barbican in ``heat_regions``, Nova
    in every region including ``other_regions``."""
    everywhere = heat_regions + other_regions
    return [
        service("identity", {"RegionOne": "http://keystone.example.com/v3"}),
        service("compute", {region: f"http://nova.{region.lower()}"
                                    ".example.com:8774/v2.1"
                            for region in everywhere}),
    ] + heat_services(heat_regions)


def api_request(service_catalog: list[dict], token: str = TOKEN):
    """A Django request whose user has ``service_catalog`` and ``token``."""
    request = RequestFactory().get("/")
    request.user = SimpleNamespace(service_catalog=service_catalog,
                                   token=SimpleNamespace(id=token))
    request.session = {}
    return request


def local_catalog(ports: dict[str, int]) -> list[dict]:
    """Heat of each region served by a test server on 127.0.0.1:port."""
    return [service("orchestration",
                    {region: f"http://127.0.0.1:{port}/v1/{PROJECT_ID}"
                     for region, port in ports.items()},
                    interfaces=("public",))]


def keystone_token(catalog, methods=("application_credential",),
                   expires_at: str = "2099-01-01T00:00:00.000000Z") -> dict:
    """The body of a Keystone v3 token of the demo user in project ``p1``."""
    domain = {"id": "default", "name": "Default"}
    return {"token": {"methods": list(methods), "expires_at": expires_at,
                      "project": {"id": "p1", "name": "demo", "domain": domain},
                      "user": {"id": "u1", "name": "demo", "domain": domain},
                      "catalog": catalog}}


def access_info(expires_in: float = 3600.0,
                heat_url: str = "https://heat.other.example.com/v1/p1",
                auth_token: str = "gAAAAA-other-cloud-token") -> access.AccessInfo:
    """A password login to another cloud whose catalog names Heat at
    ``heat_url`` (RegionOne), expiring in ``expires_in`` s."""
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(
        seconds=expires_in)
    body = keystone_token([{"type": "orchestration", "name": "heat", "endpoints": [{
        "interface": "public", "region_id": "RegionOne", "region": "RegionOne",
        "url": heat_url}]}], methods=("password",),
        expires_at=expires.strftime("%Y-%m-%dT%H:%M:%S.000000Z"))
    return access.create(body=body, auth_token=auth_token)


def cloud_on(port: int) -> remote.CloudRequest:
    """A request into a cloud whose catalog names Heat at 127.0.0.1:port."""
    return remote.CloudRequest(access_info(heat_url=f"http://127.0.0.1:{port}/v1/p1",
                                           auth_token="gAAAAA-other"))


class FakeHeat:
    """One region's Heat: JSON bodies by path pattern; remembers paths."""

    def __init__(self, routes: dict) -> None:
        self.routes = [(re.compile(pattern), body)
                       for pattern, body in routes.items()]
        self.paths: list[str] = []

    def __call__(self, handler):
        url = urlsplit(handler.path)
        path = url.path.removeprefix(f"/v1/{PROJECT_ID}")
        self.paths.append(path + (f"?{url.query}" if url.query else ""))
        for pattern, body in self.routes:
            if pattern.fullmatch(path):
                return 200, body
        return 404, {"error": {"message": f"{path} not found"}}


def resource(name, rtype, holder, physical="", nested=None,
             status="CREATE_COMPLETE"):
    """A resource as Heat lists it, of the stack ``holder`` (name/id)."""
    links = [{"rel": "stack", "href": f"http://h/v1/p/stacks/{holder}"}]
    if nested:
        links.append({"rel": "nested", "href": f"http://h/v1/p/stacks/{nested}"})
    return {"resource_name": name, "resource_type": rtype,
            "physical_resource_id": physical, "resource_status": status,
            "resource_status_reason": "state changed", "links": links}


#: Seconds a :class:`Gate` holds a call at most (its test opens it long
#: before, even on a busy machine): code that waits for a held call comes
#: back only once the gate gave up holding it, and the test sees the call
#: let through.
HOLD_SECONDS = 60.0


class Gate:
    """Holds the calls of a stand-in (a slow region, a hung call) until the
    test opens it, and counts them: a call still held when the code under
    test came back proves, without a clock, that it did not wait for that
    call; several held at once prove they were asked at once.

    Closed until :meth:`open` (or, with ``opens_at``, until that many calls
    are held at once: a barrier that lets later calls through). A test
    opens it at the latest when it ends (the ``gate`` fixture,
    ``addCleanup(gate.open)``); a call is never held longer than
    :data:`HOLD_SECONDS`.
    """

    def __init__(self, opens_at: int = 0) -> None:
        self.opens_at = opens_at
        self._open = threading.Event()
        self._changed = threading.Condition()
        self.came = 0  # calls that reached the gate
        self.held = 0  # calls waiting at it now
        self.most = 0  # most calls waiting at it at once
        self.passed = 0  # calls it let through (opened, or held too long)

    def hold(self) -> None:
        """Wait here until the gate is open."""
        with self._changed:
            self.came += 1
            self.held += 1
            self.most = max(self.most, self.held)
            if self.opens_at and self.held >= self.opens_at:
                self._open.set()
            self._changed.notify_all()
        self._open.wait(HOLD_SECONDS)
        with self._changed:
            self.held -= 1
            self.passed += 1
            self._changed.notify_all()

    def open(self) -> None:
        """Let every call held, and every call to come, through."""
        self._open.set()

    def close(self) -> None:
        """Hold the calls to come again."""
        self._open.clear()

    def holding(self, count: int = 1) -> bool:
        """Wait until ``count`` calls are held (True), at most
        :data:`HOLD_SECONDS`."""
        with self._changed:
            return self._changed.wait_for(lambda: self.held >= count,
                                          HOLD_SECONDS)
