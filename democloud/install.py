"""Install what the demo cloud and the dashboard need: Debian packages and two venvs.

The cloud's services (Keystone, Heat, Barbican) and Horizon live in separate
virtual environments so their dependencies never fight. Both are pinned by the
constraints files in ``constraints/``; a venv is keyed by the hash of its
constraints, so a changed pin builds a new one and an unchanged one is reused.
"""
import glob
import hashlib
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

from democloud.layout import REPO

APT_PACKAGES = {
    # package: a file it installs (present means installed)
    "postgresql": "/usr/lib/postgresql/*/bin/postgres",
    "rabbitmq-server": "/usr/lib/rabbitmq/bin/rabbitmq-server",
    "memcached": "/usr/bin/memcached",
    "chromium": "/usr/bin/chromium",
    "chromium-driver": "/usr/bin/chromedriver",
    "gettext": "/usr/bin/xgettext",  # the message catalogs' test extracts with it
}
CLOUD_PACKAGES = ["keystone", "openstack-heat", "barbican", "psycopg2-binary", "gunicorn",
                  "nova", "neutron", "neutron-vpnaas", "glance", "openstack-placement"]
DASHBOARD_PACKAGES = ["horizon", "python-heatclient", "python-barbicanclient", "keystoneauth1",
                      "pymemcache", "gunicorn", "whitenoise", "selenium", "pytest",
                      "pytest-django", "pytest-timeout", "heat-dashboard", "regex",
                      "hypothesis"]
VENVS = pathlib.Path(os.environ.get("MRD_VENVS",
                                    pathlib.Path.home() / ".cache/mr_dashboard/venvs"))


def say(msg: str) -> None:
    print(f"[democloud] {msg}", flush=True)


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


def _venv(kind: str, packages: list[str]) -> pathlib.Path:
    constraints = REPO / "constraints" / f"{kind}.txt"
    digest = hashlib.sha256(
        constraints.read_bytes() + " ".join(packages).encode()).hexdigest()[:10]
    venv = VENVS / f"{kind}-{digest}"
    if (venv / ".complete").exists():
        return venv
    say(f"building the {kind} venv at {venv} (first run only)")
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.check_call([sys.executable, "-m", "venv", str(venv)])
    log = VENVS / f"{kind}-pip.log"
    with open(log, "w") as out:
        rc = subprocess.call([str(venv / "bin/pip"), "install", "--disable-pip-version-check",
                              "-c", str(constraints)] + packages,
                             stdout=out, stderr=subprocess.STDOUT)
    if rc:
        raise SystemExit(f"pip failed building the {kind} venv, see {log}")
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
        subprocess.check_call([str(venv / "bin/pip"), "install", "-q",
                               "--disable-pip-version-check", "--no-deps", *options, str(copy)],
                              stdout=subprocess.DEVNULL)
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
    subprocess.check_call([str(venv / "bin/pip"), "install", "-q", "--disable-pip-version-check",
                           "--no-deps", "-e", str(REPO)], stdout=subprocess.DEVNULL)
    marker.write_text(stamp)
    return venv


def site_packages(venv: pathlib.Path) -> pathlib.Path:
    return pathlib.Path(glob.glob(str(venv / "lib/python3*/site-packages"))[0])
