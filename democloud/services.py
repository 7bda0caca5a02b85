"""Bring the demo cloud's services up and down, in order, and report their state."""
import concurrent.futures
import glob
import grp
import json
import os
import pathlib
import pwd
import shutil
import signal
import subprocess
import time

from democloud import configs, install, procs
from democloud.layout import HOST, PORTS, REPO, Region, State, regions as make_regions

say = install.say
CLOUDSIDE = REPO / "democloud" / "cloudside"
IS_ROOT = os.geteuid() == 0


def pg_dir(state: State) -> pathlib.Path:
    """PostgreSQL refuses to run as root: as root its data lives where user postgres can reach."""
    if not IS_ROOT:
        return state.data / "postgres"
    import hashlib
    return pathlib.Path("/var/tmp") / ("mrd-pg-" + hashlib.sha256(str(state.root).encode()).hexdigest()[:10])


def pg_bin(name: str) -> str:
    return sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[-1]


def start_postgres(state: State) -> None:
    data, user = pg_dir(state), ("postgres" if IS_ROOT else None)
    if not (data / "PG_VERSION").exists():
        data.mkdir(parents=True, exist_ok=True)
        if IS_ROOT:
            shutil.chown(data, "postgres", "postgres")
        procs.run([pg_bin("initdb"), "-D", str(data), "-U", configs.DB_USER, "-A", "trust",
                   "-E", "UTF8", "--no-locale"], state, "postgres-init", user=user)
    procs.spawn(state, "postgres", [
        pg_bin("postgres"), "-D", str(data), "-h", HOST, "-p", str(PORTS["postgres"]),
        "-k", str(data), "-c", "max_connections=300", "-c", "fsync=off",
        "-c", "synchronous_commit=off", "-c", "full_page_writes=off"], user=user)
    procs.wait_port(state, "postgres", PORTS["postgres"])


def psql(state: State, sql: str) -> str:
    out = subprocess.run([pg_bin("psql"), "-h", HOST, "-p", str(PORTS["postgres"]), "-U",
                          configs.DB_USER, "-d", "postgres", "-tAc", sql],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def ensure_database(state: State, name: str) -> bool:
    """Create database ``name`` if missing; True when its schema still has to be made."""
    for _ in range(50):  # postgres accepts connections a moment after the port opens
        try:
            if psql(state, f"SELECT 1 FROM pg_database WHERE datname='{name}'") != "1":
                psql(state, f'CREATE DATABASE "{name}"')
            return name not in state.settings().get("synced", [])
        except subprocess.CalledProcessError:
            time.sleep(0.2)
    raise procs.StartError(f"cannot create database {name}:\n{procs.log_tail(state, 'postgres')}")


def mark_synced(state: State, name: str) -> None:
    state.save_settings(synced=sorted(set(state.settings().get("synced", [])) | {name}))


def start_rabbitmq(state: State, regions: list[Region]) -> None:
    env = configs.rabbitmq(state, regions)
    procs.spawn(state, "rabbitmq", ["/usr/lib/rabbitmq/bin/rabbitmq-server"], env=env)
    procs.wait_port(state, "rabbitmq", PORTS["rabbitmq"], timeout=90)


def start_memcached(state: State) -> None:
    procs.spawn(state, "memcached", ["memcached", "-l", HOST, "-p", str(PORTS["memcached"]),
                                     "-U", "0", "-m", "128"] + (["-u", "root"] if IS_ROOT else []))
    procs.wait_port(state, "memcached", PORTS["memcached"])


def gunicorn(state: State, venv: pathlib.Path, name: str, port: int, app: str, env: dict,
             workers: int = 2, pythonpath: str = str(CLOUDSIDE)) -> None:
    """Serve ``app`` with gunicorn: sync workers, one thread each (no keep-alive)."""
    procs.spawn(state, name, [
        str(venv / "bin/gunicorn"), "--bind", f"{HOST}:{port}", "--workers", str(workers),
        "--threads", "1", "--timeout", "120", "--graceful-timeout", "5", "--no-control-socket",
        "--pythonpath", pythonpath, app], env=env)


def keystone_setup(state: State, venv: pathlib.Path, conf: pathlib.Path) -> None:
    env = {"OS_KEYSTONE_CONFIG_DIR": str(conf.parent), "OS_KEYSTONE_CONFIG_FILES": conf.name}
    manage = [str(venv / "bin/keystone-manage"), "--config-file", str(conf)]
    keys = state.data / "keystone"
    procs.run(manage + ["db_sync"], state, "keystone-setup", env=env)
    if not (keys / "fernet-keys").exists():
        keys.mkdir(exist_ok=True)
        owner = ["--keystone-user", pwd.getpwuid(os.geteuid()).pw_name,
                 "--keystone-group", grp.getgrgid(os.getegid()).gr_name]
        for what in ("fernet_setup", "credential_setup"):
            procs.run(manage + [what] + owner, state, "keystone-setup", env=env)
    procs.run(manage + ["bootstrap", "--bootstrap-password", state.secrets()["admin"],
                        "--bootstrap-admin-url", configs.keystone_url(),
                        "--bootstrap-public-url", configs.keystone_url(),
                        "--bootstrap-internal-url", configs.keystone_url(),
                        "--bootstrap-region-id", "RegionOne"], state, "keystone-setup", env=env)


def plan(state: State, regions: list[Region]) -> pathlib.Path:
    secrets = state.secrets()
    f = state.etc / "plan.json"
    f.write_text(json.dumps({
        "auth_url": configs.keystone_url(), "admin_password": secrets["admin"],
        "service_password": secrets["service"], "demo_password": secrets["demo"],
        "heat_domain_admin_password": secrets["heat_domain_admin"],
        "regions": [r.name for r in regions],
        "heat_urls": {r.name: r.heat_url for r in regions},
        "barbican_url": f"http://{HOST}:{PORTS['barbican']}",
    }))
    f.chmod(0o600)
    return f


def start_heat(state: State, venv: pathlib.Path, region: Region, fresh_db: bool) -> None:
    conf = configs.heat(state, region, venv)
    if fresh_db:
        procs.run([str(venv / "bin/heat-manage"), "--config-file", str(conf), "db_sync"],
                  state, f"heat-{region.slug}-setup")
        mark_synced(state, configs.heat_db(region))
    procs.spawn(state, f"heat-engine-{region.slug}",
                [str(venv / "bin/heat-engine"), "--config-file", str(conf)])
    gunicorn(state, venv, f"heat-api-{region.slug}", region.heat_port, "wsgi_app:application",
             {"MRD_SERVICE": "heat", "MRD_CONFIG": str(conf)})


def start_barbican(state: State, venv: pathlib.Path) -> None:
    conf = configs.barbican(state)
    gunicorn(state, venv, "barbican", PORTS["barbican"], "wsgi_app:application", {
        "MRD_SERVICE": "barbican", "MRD_CONFIG": str(conf),
        "MRD_PASTE": str(venv / "etc/barbican/barbican-api-paste.ini"),
        "HOME": str(conf.parent.parent)}, workers=1)


def cloud_python(venv: pathlib.Path, script: str, *args: str, state: State, name: str) -> None:
    procs.run([str(venv / "bin/python"), str(CLOUDSIDE / script), *args], state, name)


def horizon_path(state: State) -> pathlib.Path:
    return state.data / "horizon"


def horizon_env(state: State) -> dict:
    return {"DJANGO_SETTINGS_MODULE": "openstack_dashboard.settings",
            "PYTHONPATH": str(horizon_path(state))}


def horizon_setup(state: State, venv: pathlib.Path) -> pathlib.Path:
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
    own = horizon_path(state) / "local"
    own.mkdir(parents=True, exist_ok=True)
    (own / "__init__.py").touch()
    (own / "local_settings.py").write_text(text)
    (own / "local_settings.py").chmod(0o600)
    # A cloud without Nova: Horizon's default landing page (Project overview) is refused.
    (local / "local_settings.d" / "_9900_democloud.py").write_text(
        "HORIZON_CONFIG['user_home'] = '/project/mr_regions/'\n")
    shutil.copy(REPO / "democloud/horizon/horizon_wsgi.py", site / "mrd_horizon_wsgi.py")
    manage = [str(venv / "bin/python"), "-m", "django"]
    env = horizon_env(state)
    procs.run(manage + ["collectstatic", "--noinput", "--clear", "-v0"], state, "horizon-setup",
              env=env)
    procs.run(manage + ["compress", "--force", "-v0"], state, "horizon-setup", env=env)
    return site


def start_horizon(state: State, venv: pathlib.Path) -> None:
    procs.spawn(state, "horizon", [
        str(venv / "bin/gunicorn"), "--bind", f"{HOST}:{PORTS['horizon']}", "--workers", "2",
        "--threads", "4", "--timeout", "120", "--no-control-socket",
        "mrd_horizon_wsgi:application"], env=horizon_env(state))
    procs.wait_http(state, "horizon", f"http://{HOST}:{PORTS['horizon']}/auth/login/", timeout=90)


def up(state: State, count: int, with_horizon: bool = True, samples: bool = True) -> dict:
    """Start everything for ``count`` regions; returns timings in seconds."""
    t0 = time.monotonic()
    install.ensure_apt()
    cloud = install.cloud_venv()
    dash = install.dashboard_venv() if with_horizon else None
    timings = {"install": time.monotonic() - t0}
    t1 = time.monotonic()
    regions = make_regions(count)
    for old in set(state.settings().get("running_regions", [])) - {r.name for r in regions}:
        stop_heat(state, Region(0, old))
    state.save_settings(regions=count)
    start_postgres(state)
    start_rabbitmq(state, make_regions(5))
    start_memcached(state)
    fresh = {name: ensure_database(state, name) for name in
             ["keystone", "barbican"] + [configs.heat_db(r) for r in regions]}
    kconf = configs.keystone(state)
    if fresh["keystone"]:
        keystone_setup(state, cloud, kconf)
        mark_synced(state, "keystone")
    gunicorn(state, cloud, "keystone", PORTS["keystone"], "wsgi_app:application",
             {"MRD_SERVICE": "keystone", "MRD_CONFIG": str(kconf)})
    procs.wait_http(state, "keystone", configs.keystone_url())
    plan_file = plan(state, regions)
    plan_digest = install.tree_hash([plan_file])
    if state.settings().get("provisioned") != plan_digest:  # a warm start skips it
        cloud_python(cloud, "provision.py", str(plan_file), state=state, name="provision")
        state.save_settings(provisioned=plan_digest)
    start_barbican(state, cloud)
    with concurrent.futures.ThreadPoolExecutor(len(regions)) as pool:
        list(pool.map(lambda r: start_heat(state, cloud, r, fresh[configs.heat_db(r)]), regions))
    state.save_settings(running_regions=[r.name for r in regions])
    procs.wait_http(state, "barbican", f"http://{HOST}:{PORTS['barbican']}/")
    for region in regions:
        procs.wait_http(state, f"heat-api-{region.slug}", f"http://{HOST}:{region.heat_port}/")
    timings["cloud"] = time.monotonic() - t1
    if samples and not state.settings().get("samples_created"):
        cloud_python(cloud, "samples.py", str(state.etc / "plan.json"),
                     str(REPO / "democloud/templates"), state=state, name="samples")
        state.save_settings(samples_created=True)
    if dash:
        t2 = time.monotonic()
        stamp = f"{dash} " + install.tree_hash([REPO / "mr_dashboard", REPO / "enabled",
                                                 REPO / "democloud/horizon"])
        if state.settings().get("horizon_stamp") != stamp:
            procs.stop(state, "horizon")  # it serves the plugin as it was when it started
            horizon_setup(state, dash)
            state.save_settings(horizon_stamp=stamp)
        start_horizon(state, dash)
        timings["horizon"] = time.monotonic() - t2
    timings["total"] = time.monotonic() - t0
    return timings


def stop_heat(state: State, region: Region) -> None:
    procs.stop(state, f"heat-api-{region.slug}")
    procs.stop(state, f"heat-engine-{region.slug}")


SERVICE_ORDER = ["horizon", "barbican", "keystone", "memcached", "rabbitmq", "postgres"]


def down(state: State) -> None:
    for name in state.settings().get("running_regions", []):
        stop_heat(state, Region(0, name))
    for name in SERVICE_ORDER:
        # postgres: SIGINT is its fast shutdown (SIGTERM waits for clients).
        procs.stop(state, name, sig=signal.SIGINT if name == "postgres" else signal.SIGTERM)
    subprocess.call(["epmd", "-kill"], env=dict(os.environ, ERL_EPMD_PORT=str(PORTS["epmd"])),
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def status(state: State) -> list[tuple[str, int | None, str]]:
    rows = [(name, procs.pid_of(state, name)) for name in reversed(SERVICE_ORDER)]
    for name in state.settings().get("running_regions", []):
        slug = name.lower()
        rows += [(f"heat-engine-{slug}", procs.pid_of(state, f"heat-engine-{slug}")),
                 (f"heat-api-{slug}", procs.pid_of(state, f"heat-api-{slug}"))]
    return rows


def reset(state: State) -> None:
    down(state)
    shutil.rmtree(pg_dir(state), ignore_errors=True)
    shutil.rmtree(state.root, ignore_errors=True)
