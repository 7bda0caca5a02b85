"""Install what the demo cloud and the dashboard need: Debian packages and two venvs.

The cloud's services (Keystone, Heat, Barbican) and Horizon live in separate
virtual environments so their dependencies never fight. Both are pinned by the
constraints files in ``constraints/``; a venv is keyed by the hash of its
constraints, so a changed pin builds a new one and an unchanged one is reused,
whichever program filled it (uv, or pip as the fallback: ``installer``).

No Python package of either venv builds against a Debian package (every one is
a wheel but two pure-Python sdists, ovs and simplegeneric), so ``prepare``
installs the Debian packages and builds both venvs at the same time.
"""
import concurrent.futures
import glob
import hashlib
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

from democloud import installer
from democloud.installer import say
from democloud.layout import REPO

APT_PACKAGES = {
    # package: a file it installs (present means installed)
    "postgresql": "/usr/lib/postgresql/*/bin/postgres",
    "rabbitmq-server": "/usr/lib/rabbitmq/bin/rabbitmq-server",
    "memcached": "/usr/bin/memcached",
    "chromium": "/usr/bin/chromium",
    "chromium-driver": "/usr/bin/chromedriver",
    "gettext": "/usr/bin/xgettext",  # the message catalogs' test extracts with it
    # the JavaScript checks (tools/run-tests.sh, tox -e js)
    "nodejs": "/usr/bin/node",
    "npm": "/usr/bin/npm",
}
CLOUD_PACKAGES = ["keystone", "openstack-heat", "barbican", "psycopg2-binary", "gunicorn",
                  "nova", "neutron", "neutron-vpnaas", "glance", "openstack-placement"]
DASHBOARD_PACKAGES = ["horizon", "python-heatclient", "python-barbicanclient", "keystoneauth1",
                      "pymemcache", "gunicorn", "whitenoise", "selenium", "pytest",
                      "pytest-django", "pytest-timeout", "heat-dashboard", "regex",
                      "hypothesis"]
VENVS = pathlib.Path(os.environ.get("MRD_VENVS",
                                    pathlib.Path.home() / ".cache/mr_dashboard/venvs"))


def ensure_apt() -> None:
    missing = [pkg for pkg, probe in APT_PACKAGES.items() if not glob.glob(probe)]
    if not missing:
        return
    say(f"installing Debian packages: {' '.join(missing)}")
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.check_call(sudo + ["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
    subprocess.check_call(sudo + ["apt-get", "install", "-y", "-q", "--no-install-recommends"]
                          + missing, env=env, stdout=subprocess.DEVNULL)
    # Debian starts system-wide instances on install; the demo runs its own.
    for service in ("rabbitmq-server", "memcached", "postgresql"):
        subprocess.call(sudo + ["service", service, "stop"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _succeeds(command: list[str], out) -> bool:
    """Run ``command``, its output into the file ``out``: did it succeed?"""
    try:
        return subprocess.call(command, stdout=out, stderr=subprocess.STDOUT) == 0
    except OSError as exc:  # not there, or cannot run on this machine
        print(exc, file=out, flush=True)
        return False


def pip_install(venv: pathlib.Path, args: list[str], log: pathlib.Path) -> None:
    """``pip install args`` into ``venv``, by uv when there is one (by pip if uv fails)."""
    uv = installer.uv(VENVS)
    with open(log, "w") as out:
        if uv:
            if _succeeds(installer.install_command(venv, uv) + args, out):
                return
            installer.uv_failed(VENVS, f"installing into {venv}", log)
        if not _succeeds(installer.install_command(venv, None) + args, out):
            raise SystemExit(f"pip failed installing into {venv}, see {log}")


def _venv(kind: str, packages: list[str]) -> pathlib.Path:
    constraints = REPO / "constraints" / f"{kind}.txt"
    digest = hashlib.sha256(
        constraints.read_bytes() + " ".join(packages).encode()).hexdigest()[:10]
    venv = VENVS / f"{kind}-{digest}"
    if (venv / ".complete").exists():
        return venv
    say(f"building the {kind} venv at {venv} (first run only)")
    shutil.rmtree(venv, ignore_errors=True)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(installer.uv, VENVS)  # installed (first use) while the venv is made
        # The standard venv with the interpreter's own pip and setuptools, whichever
        # installer fills it: the services import pkg_resources.
        subprocess.check_call([sys.executable, "-m", "venv", str(venv)])
    pip_install(venv, ["-c", str(constraints)] + packages, VENVS / f"{kind}-install.log")
    (venv / ".complete").touch()
    return venv


def _install_local(venv: pathlib.Path, path: pathlib.Path, *options: str) -> None:
    """Install the local project at ``path`` into ``venv`` unless this very tree is there."""
    stamp = f"{path} " + tree_hash([path])
    marker = venv / f".{path.name}-installed"
    if marker.exists() and marker.read_text() == stamp:
        return
    with tempfile.TemporaryDirectory() as tmp:  # the build leaves the source tree untouched
        copy = shutil.copytree(path, pathlib.Path(tmp) / path.name)
        pip_install(venv, ["--no-deps", *options, str(copy)],
                    VENVS / f"{venv.name}-{path.name}.log")
    marker.write_text(stamp)


def cloud_venv() -> pathlib.Path:
    """The services' venv, with the demo's dataplane stand-ins (democloud/dataplane) installed."""
    venv = _venv("cloud", CLOUD_PACKAGES)
    _install_local(venv, REPO / "democloud" / "dataplane")
    return venv


def tree_hash(paths: list[pathlib.Path]) -> str:
    """A digest of every file below ``paths`` (names and contents)."""
    digest = hashlib.sha256()
    for root in paths:
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        for f in (p for p in files if p.is_file() and "__pycache__" not in p.parts):
            name = f.relative_to(root) if root.is_dir() else f.name
            digest.update(f"{root.name}/{name}".encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()[:16]


def dashboard_venv() -> pathlib.Path:
    """The Horizon venv, with this checkout's mr_dashboard installed in editable mode."""
    venv = _venv("dashboard", DASHBOARD_PACKAGES)
    stamp = f"{REPO} {tree_hash([REPO / 'setup.cfg', REPO / 'requirements.txt'])}"
    marker = venv / ".mr_dashboard-installed"
    if marker.exists() and marker.read_text() == stamp:
        return venv
    pip_install(venv, ["--no-deps", "-e", str(REPO)], VENVS / f"{venv.name}-mr_dashboard.log")
    marker.write_text(stamp)
    return venv


def site_packages(venv: pathlib.Path) -> pathlib.Path:
    return pathlib.Path(glob.glob(str(venv / "lib/python3*/site-packages"))[0])


def prepare(with_horizon: bool = True) -> tuple[pathlib.Path, pathlib.Path | None]:
    """The Debian packages, the cloud's venv and (``with_horizon``) Horizon's, side by side.

    Returns the two venvs (None for Horizon's when it is not wanted).
    """
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        apt = pool.submit(ensure_apt)
        cloud = pool.submit(cloud_venv)
        dash = pool.submit(dashboard_venv) if with_horizon else None
        apt.result()
        return cloud.result(), dash.result() if dash else None
