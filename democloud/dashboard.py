"""Horizon with the plugin, for the demo cloud: installed the way an operator does it."""
import pathlib
import shutil

from democloud import configs, install, procs
from democloud.layout import HOST, PORTS, REPO, State


# Read after the plugin's own snippet (_6000_mr_dashboard.py), which defines MR_DASHBOARD.
DEMO_SNIPPET = """\
# Written by democloud.
# The demo's second cloud, and the tests' template servers, listen on
# 127.0.0.1: allow loopback, and no other non-global network.
MR_DASHBOARD["CREDENTIAL_CHECK_ALLOWED_NETWORKS"] = ["127.0.0.0/8", "::1/128"]
MR_DASHBOARD["TEMPLATE_URL_ALLOWED_NETWORKS"] = ["127.0.0.0/8", "::1/128"]
"""
# Only Heat-only regions (--no-iaas): Horizon's default landing page, the
# Project overview, needs Nova and is refused, so land on the Regions panel.
HEAT_ONLY_SNIPPET = """\
HORIZON_CONFIG["user_home"] = "/project/mr_regions/"
"""


def settings_path(state: State) -> pathlib.Path:
    return state.data / "horizon"


def environment(state: State) -> dict:
    return {"DJANGO_SETTINGS_MODULE": "openstack_dashboard.settings",
            "PYTHONPATH": str(settings_path(state))}


def setup(state: State, venv: pathlib.Path, with_iaas: bool = True) -> pathlib.Path:
    """Install the plugin into Horizon the way an operator does, then collect and compress."""
    site = install.site_packages(venv)
    local = site / "openstack_dashboard" / "local"
    (local / "enabled").mkdir(exist_ok=True)
    (local / "local_settings.d").mkdir(exist_ok=True)
    for f in (REPO / "enabled").glob("_*.py"):
        shutil.copy(f, local / "enabled" / f.name)
    for f in (REPO / "enabled" / "local_settings.d").glob("_*.py"):
        shutil.copy(f, local / "local_settings.d" / f.name)
    static = state.data / "horizon-static"
    values = {"SECRET_KEY": state.secrets()["horizon_secret_key"],
              "KEYSTONE_URL": configs.keystone_url(), "STATIC_ROOT": str(static),
              "MEMCACHED": f"{HOST}:{PORTS['memcached']}"}
    text = (REPO / "democloud/horizon/local_settings.py").read_text()
    for key, value in values.items():
        text = text.replace(f"@@{key}@@", value)
    # Horizon imports ``local.local_settings`` through sys.path: this cloud's own
    # copy, first on PYTHONPATH, leaves the shared venv free for other clouds.
    own = settings_path(state) / "local"
    own.mkdir(parents=True, exist_ok=True)
    (own / "__init__.py").touch()
    (own / "local_settings.py").write_text(text)
    (own / "local_settings.py").chmod(0o600)
    (local / "local_settings.d" / "_9900_democloud.py").write_text(
        DEMO_SNIPPET + ("" if with_iaas else HEAT_ONLY_SNIPPET))
    shutil.copy(REPO / "democloud/horizon/horizon_wsgi.py", site / "mrd_horizon_wsgi.py")
    manage = [str(venv / "bin/python"), "-m", "django"]
    env = environment(state)
    procs.run(manage + ["collectstatic", "--noinput", "--clear", "-v0"], state, "horizon-setup",
              env=env)
    procs.run(manage + ["compress", "--force", "-v0"], state, "horizon-setup", env=env)
    return site


def start(state: State, venv: pathlib.Path) -> None:
    procs.spawn(state, "horizon", [
        str(venv / "bin/gunicorn"), "--bind", f"{HOST}:{PORTS['horizon']}", "--workers", "2",
        "--threads", "4", "--timeout", "120", "--no-control-socket",
        "mrd_horizon_wsgi:application"], env=environment(state))
    procs.wait_http(state, "horizon", f"http://{HOST}:{PORTS['horizon']}/auth/login/", timeout=90)
