"""The running demo cloud, as the functional and browser tests see it.

The test command (README) starts the cloud before pytest; these helpers read
its state folder and never start or fake anything themselves. They also log
in to it: :func:`keystone_session` and :func:`heat_client` are the one way a
test or benchmark reaches Keystone or Heat itself (to make, watch and delete
what it needs); :func:`login_over_http` the one way it logs in to a Horizon
served over HTTP (the functional tests' in-process ``login`` and the browser
tests' ``Browser.login`` are the two others, one for each kind of test).
:func:`stopped` freezes a service's API in a region for a while.
"""
import contextlib
import dataclasses
import os
import pathlib
import signal
import subprocess
import time
import urllib.error
import urllib.request

import requests
from heatclient import client as heatclient
from keystoneauth1 import session as ks_session
from keystoneauth1.access import AccessInfo
from keystoneauth1.identity import v3

from democloud import configs, procs
from democloud.layout import HOST, PORTS, SECOND_CLOUD, TIGHT, State, regions as layout_regions

REPO = pathlib.Path(__file__).resolve().parent.parent


@dataclasses.dataclass(frozen=True)
class Cloud:
    state: State
    keystone_url: str
    horizon_url: str
    demo_password: str = dataclasses.field(repr=False)
    # The user and project "tight" (democloud.layout.TIGHT): tight quotas in RegionTwo.
    tight_password: str = dataclasses.field(repr=False)
    regions: tuple[str, ...]
    second_cloud_url: str | None

    def heat_api_pid(self, region: str) -> int | None:
        return procs.pid_of(self.state, f"heat-api-{region.lower()}")

    def signal_heat_api(self, region: str, sig: int) -> None:
        """Send ``sig`` to a region's whole Heat API (gunicorn master and workers)."""
        os.killpg(self.heat_api_pid(region), sig)

    def logs(self) -> pathlib.Path:
        return self.state.logs


def running_cloud() -> Cloud:
    state = State()
    regions = tuple(r.name for r in layout_regions(state.settings().get("regions", 0) or 1))
    missing = [name for name in ("keystone", "postgres", "rabbitmq")
               if not procs.pid_of(state, name)]
    if not state.settings().get("running_regions") or missing:
        raise RuntimeError("the demo cloud is not running: start it with "
                           "'python3 -m democloud up' (tools/run-tests.sh does)")
    return Cloud(state=state, keystone_url=configs.keystone_url(),
                 horizon_url=f"http://{HOST}:{PORTS['horizon']}",
                 demo_password=state.secrets()["demo"], tight_password=state.secrets()[TIGHT],
                 regions=regions,
                 second_cloud_url=(configs.keystone_url(cloud=SECOND_CLOUD)
                                   if state.settings().get("second_cloud") else None))


def pids_of(cloud, service: str, region: str) -> list[int]:
    """The process groups of ``service``'s API in ``region``, from the
    demo's pid files (``<service>...-<region>.pid``)."""
    slug = region.lower()
    found = [p for p in sorted(cloud.state.run.glob(f"{service}*-{slug}.pid"))
             if "api" in p.stem]
    assert found, sorted(p.name for p in cloud.state.run.glob("*.pid"))
    return [int(p.read_text()) for p in found]


@contextlib.contextmanager
def stopped(cloud, service: str, region: str):
    """``service``'s API in ``region`` frozen (SIGSTOP), then thawed."""
    groups = pids_of(cloud, service, region)
    try:
        for pid in groups:
            os.killpg(pid, signal.SIGSTOP)
        yield
    finally:
        for pid in groups:
            os.killpg(pid, signal.SIGCONT)
        time.sleep(1)


def democloud(*args: str) -> None:
    """Run the launcher (e.g. to restart the cloud with another region count)."""
    subprocess.run([os.environ.get("MRD_SYSTEM_PYTHON", "python3"), "-m", "democloud", *args],
                   cwd=REPO, check=True, env={k: v for k, v in os.environ.items()
                                              if k not in ("VIRTUAL_ENV", "PYTHONPATH")})


def api_status(url: str) -> int:
    """HTTP status of an unauthenticated GET (an API's version document)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def password_auth(cloud: Cloud, user: str = "demo", *, project: str | None = None,
                  auth_url: str | None = None) -> dict[str, str]:
    """keystoneauth's v3 password options of ``user`` (its password from
    the state folder) in ``project`` (by default the user's own: demo,
    tight, admin), on the first cloud's Keystone or ``auth_url`` (the
    second cloud's): a credential secret's ``auth`` too."""
    return {"auth_url": auth_url or cloud.keystone_url, "username": user,
            "password": cloud.state.secrets()[user], "project_name": project or user,
            "user_domain_id": "default", "project_domain_id": "default"}


def keystone_session(cloud: Cloud, user: str = "demo", *, timeout: float | None = 30,
                     **where) -> ks_session.Session:
    """A keystoneauth session of :func:`password_auth`'s ``user`` (``where``:
    its project and auth_url)."""
    return ks_session.Session(auth=v3.Password(**password_auth(cloud, user, **where)),
                              timeout=timeout)


def keystone_access(cloud: Cloud, **login) -> AccessInfo:
    """A token and catalog of :func:`keystone_session`'s ``login``, as a
    request into a cloud (the dashboard's API layer) takes them."""
    session = keystone_session(cloud, **login)
    return session.auth.get_access(session)


def heat_client(cloud: Cloud, region: str, session: ks_session.Session | None = None,
                **login) -> heatclient.Client:
    """Heat of ``region`` on ``session``, else on a new
    :func:`keystone_session` of ``login`` (the demo user by default)."""
    return heatclient.Client("1", session=session or keystone_session(cloud, **login),
                             region_name=region)


def second_cloud_heat(cloud: Cloud) -> heatclient.Client:
    """The demo project's Heat in the second cloud (its RegionOne)."""
    return heat_client(cloud, "RegionOne", auth_url=cloud.second_cloud_url, timeout=10)


def login_over_http(url: str, password: str, user: str = "demo",
                    timeout: float = 60.0) -> requests.Session:
    """A session logged in to the Horizon served at ``url`` through its
    login form, as a browser does (CSRF cookie and Referer); fails when the
    login is refused."""
    http, form = requests.Session(), f"{url}/auth/login/"
    http.get(form, timeout=timeout)
    answer = http.post(form, timeout=timeout, allow_redirects=False, headers={"Referer": form},
                       data={"csrfmiddlewaretoken": http.cookies.get("csrftoken", ""),
                             "region": "default", "domain": "Default",
                             "username": user, "password": password})
    if answer.status_code != 302 or "/auth/login" in answer.headers.get("Location", ""):
        raise AssertionError(f"the login of {user} was refused: {answer.status_code}")
    return http
