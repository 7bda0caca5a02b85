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

from democloud import configs, dashboard, install, procs
from democloud.layout import (HOST, PORTS, REPO, SECOND_CLOUD, SECOND_REGION, Region, State,
                              regions as make_regions)

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
    changed, env = configs.rabbitmq(state, regions)
    if changed:  # new vhosts: RabbitMQ reads its definitions at boot only
        procs.stop(state, "rabbitmq")
    procs.spawn(state, "rabbitmq", ["/usr/lib/rabbitmq/bin/rabbitmq-server"], env=env)


def start_memcached(state: State) -> None:
    procs.spawn(state, "memcached", ["memcached", "-l", HOST, "-p", str(PORTS["memcached"]),
                                     "-U", "0", "-m", "128"] + (["-u", "root"] if IS_ROOT else []))
    procs.wait_port(state, "memcached", PORTS["memcached"])


def gunicorn(state: State, venv: pathlib.Path, name: str, port: int, app: str, env: dict,
             workers: int = 2, threads: int = 1, pythonpath: str = str(CLOUDSIDE)) -> None:
    """Serve ``app`` with gunicorn (answers carry ``Connection: close``, see wsgi_app)."""
    procs.spawn(state, name, [
        str(venv / "bin/gunicorn"), "--bind", f"{HOST}:{port}", "--workers", str(workers),
        "--threads", str(threads), "--timeout", "120", "--graceful-timeout", "5", "--no-control-socket",
        "--pythonpath", pythonpath, app], env=env)


def keystone_setup(state: State, venv: pathlib.Path, conf: pathlib.Path, cloud: str) -> None:
    env = {"OS_KEYSTONE_CONFIG_DIR": str(conf.parent), "OS_KEYSTONE_CONFIG_FILES": conf.name}
    manage = [str(venv / "bin/keystone-manage"), "--config-file", str(conf)]
    keys = state.data / configs.suffixed("keystone", cloud)
    log = configs.suffixed("keystone", cloud) + "-setup"
    url = configs.keystone_url(cloud=cloud)
    procs.run(manage + ["db_sync"], state, log, env=env)
    if not (keys / "fernet-keys").exists():
        keys.mkdir(exist_ok=True)
        owner = ["--keystone-user", pwd.getpwuid(os.geteuid()).pw_name,
                 "--keystone-group", grp.getgrgid(os.getegid()).gr_name]
        for what in ("fernet_setup", "credential_setup"):
            procs.run(manage + [what] + owner, state, log, env=env)
    # "--opt=value": a generated password may start with "-".
    procs.run(manage + ["bootstrap", f"--bootstrap-password={state.secrets()['admin']}",
                        "--bootstrap-admin-url", url, "--bootstrap-public-url", url,
                        "--bootstrap-internal-url", url, "--bootstrap-region-id", "RegionOne"],
              state, log, env=env)


def plan(state: State, regions: list[Region], second: bool = False) -> pathlib.Path:
    """What provision.py and samples.py need to know about one cloud (and the other)."""
    secrets = state.secrets()
    cloud = regions[0].cloud
    f = state.etc / f"{configs.suffixed('plan', cloud)}.json"
    f.write_text(json.dumps({
        "auth_url": configs.keystone_url(cloud=cloud), "admin_password": secrets["admin"],
        "service_password": secrets["service"], "demo_password": secrets["demo"],
        "heat_domain_admin_password": secrets["heat_domain_admin"],
        "regions": [r.name for r in regions],
        "heat_urls": {r.name: r.heat_url for r in regions},
        "barbican_url": None if cloud else f"http://{HOST}:{PORTS['barbican']}",
        "second_cloud_auth_url": configs.keystone_url(cloud=SECOND_CLOUD) if second else None,
    }))
    f.chmod(0o600)
    return f


def sync_heat_db(state: State, venv: pathlib.Path, region: Region) -> None:
    conf = configs.heat(state, region, venv)
    procs.run([str(venv / "bin/heat-manage"), "--config-file", str(conf), "db_sync"],
              state, f"heat-{region.slug}-setup")
    mark_synced(state, configs.heat_db(region))


def sync_heat_dbs(state: State, venv: pathlib.Path, fresh: list[Region]) -> None:
    """Make the schema of the first new Heat database, then copy it to the others.

    A PostgreSQL template copy takes a moment where each ``heat-manage
    db_sync`` costs seconds of CPU; the first database is new and empty, so
    only the schema is copied.
    """
    first, *others = fresh
    sync_heat_db(state, venv, first)
    for region in others:
        name = configs.heat_db(region)
        psql(state, f'DROP DATABASE "{name}"')
        psql(state, f'CREATE DATABASE "{name}" TEMPLATE "{configs.heat_db(first)}"')
        mark_synced(state, name)


def start_heat(state: State, venv: pathlib.Path, region: Region) -> None:
    conf = configs.heat(state, region, venv)
    procs.spawn(state, f"heat-engine-{region.slug}",
                [str(venv / "bin/python"), str(CLOUDSIDE / "heat_engine.py"), "--config-file",
                 str(conf)])
    # Threads: a cross-region create holds a request here while this region's
    # engine calls another region's API, which may be calling back.
    gunicorn(state, venv, f"heat-api-{region.slug}", region.heat_port, "wsgi_app:application",
             {"MRD_SERVICE": "heat", "MRD_CONFIG": str(conf)}, workers=2, threads=4)


def start_barbican(state: State, venv: pathlib.Path) -> None:
    conf = configs.barbican(state)
    gunicorn(state, venv, "barbican", PORTS["barbican"], "wsgi_app:application", {
        "MRD_SERVICE": "barbican", "MRD_CONFIG": str(conf),
        "MRD_PASTE": str(venv / "etc/barbican/barbican-api-paste.ini"),
        "HOME": str(conf.parent.parent)}, workers=1)


def cloud_python(venv: pathlib.Path, script: str, *args: str, state: State, name: str) -> None:
    procs.run([str(venv / "bin/python"), str(CLOUDSIDE / script), *args], state, name)


def start_identity(state: State, venv: pathlib.Path, regions: list[Region], second: bool) -> None:
    """A cloud's Keystone up, with its regions, users and catalog."""
    cloud = regions[0].cloud
    name = configs.suffixed("keystone", cloud)
    kconf = configs.keystone(state, cloud)
    if ensure_database(state, configs.suffixed("keystone", cloud, "_")):
        keystone_setup(state, venv, kconf, cloud)
        mark_synced(state, configs.suffixed("keystone", cloud, "_"))
    port = PORTS["keystone-second"] if cloud else PORTS["keystone"]
    gunicorn(state, venv, name, port, "wsgi_app:application",
             {"MRD_SERVICE": "keystone", "MRD_CONFIG": str(kconf)})
    procs.wait_http(state, name, configs.keystone_url(cloud=cloud))
    plan_file = plan(state, regions, second)
    digest = install.tree_hash([plan_file])
    key = configs.suffixed("provisioned", cloud)
    if state.settings().get(key) != digest:  # a warm start skips it
        cloud_python(venv, "provision.py", str(plan_file), state=state,
                     name=configs.suffixed("provision", cloud))
        state.save_settings(**{key: digest})


def start_cloud(state: State, venv: pathlib.Path, regions: list[Region], second: bool) -> None:
    """Everything but Horizon: the main cloud's ``regions`` and, if ``second``, the other cloud."""
    heats = regions + ([SECOND_REGION] if second else [])
    for gone in set(state.settings().get("running_regions", [])) - {r.slug for r in heats}:
        stop_heat(state, gone)
    start_rabbitmq(state, make_regions(5) + [SECOND_REGION])  # it boots meanwhile
    start_postgres(state)
    start_memcached(state)
    fresh = [r for r in heats if ensure_database(state, configs.heat_db(r))]
    with concurrent.futures.ThreadPoolExecutor(len(fresh) + 2) as pool:
        jobs = [pool.submit(start_identity, state, venv, regions, second)]
        if second:
            jobs.append(pool.submit(start_identity, state, venv, [SECOND_REGION], False))
        if fresh:
            jobs.append(pool.submit(sync_heat_dbs, state, venv, fresh))
        for job in jobs:
            job.result()
    procs.wait_port(state, "rabbitmq", PORTS["rabbitmq"], timeout=90)
    start_barbican(state, venv)
    for region in heats:
        start_heat(state, venv, region)
    state.save_settings(running_regions=[r.slug for r in heats])
    procs.wait_http(state, "barbican", f"http://{HOST}:{PORTS['barbican']}/")
    for region in heats:
        procs.wait_http(state, f"heat-api-{region.slug}", f"http://{HOST}:{region.heat_port}/")


def up(state: State, count: int, second: bool, with_horizon: bool = True) -> dict:
    """Start everything for ``count`` regions (and the second cloud); timings in seconds."""
    t0 = time.monotonic()
    install.ensure_apt()
    cloud = install.cloud_venv()
    dash = install.dashboard_venv() if with_horizon else None
    timings = {"install": time.monotonic() - t0}
    t1 = time.monotonic()
    regions = make_regions(count)
    state.save_settings(regions=count, second_cloud=second)
    start_cloud(state, cloud, regions, second)
    timings["cloud"] = time.monotonic() - t1
    t2 = time.monotonic()
    # Each sample is made once; samples.py skips those that exist.
    wanted = ["regions"] + (["second_cloud"] if second else [])
    if state.settings().get("samples") != wanted:
        cloud_python(cloud, "samples.py", str(state.etc / "plan.json"),
                     str(REPO / "democloud/templates"), state=state, name="samples")
        state.save_settings(samples=wanted)
        timings["samples"] = time.monotonic() - t2
    if dash:
        t3 = time.monotonic()
        stamp = f"{dash} " + install.tree_hash([REPO / "mr_dashboard", REPO / "enabled",
                                                 REPO / "democloud/horizon",
                                                 REPO / "democloud/dashboard.py"])
        if state.settings().get("horizon_stamp") != stamp:
            procs.stop(state, "horizon")  # it serves the plugin as it was when it started
            dashboard.setup(state, dash)
            state.save_settings(horizon_stamp=stamp)
        dashboard.start(state, dash)
        timings["horizon"] = time.monotonic() - t3
    timings["total"] = time.monotonic() - t0
    return timings


def stop_heat(state: State, slug: str) -> None:
    procs.stop(state, f"heat-api-{slug}")
    procs.stop(state, f"heat-engine-{slug}")


SERVICE_ORDER = ["horizon", "barbican", "keystone", f"keystone-{SECOND_CLOUD}", "memcached",
                 "rabbitmq", "postgres"]


def down(state: State) -> None:
    for slug in state.settings().get("running_regions", []):
        stop_heat(state, slug)
    for name in SERVICE_ORDER:
        # postgres: SIGINT is its fast shutdown (SIGTERM waits for clients).
        procs.stop(state, name, sig=signal.SIGINT if name == "postgres" else signal.SIGTERM)
    subprocess.call(["epmd", "-kill"], env=dict(os.environ, ERL_EPMD_PORT=str(PORTS["epmd"])),
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def status(state: State) -> list[tuple[str, int | None, str]]:
    names = [n for n in reversed(SERVICE_ORDER)
             if SECOND_CLOUD not in n or state.settings().get("second_cloud")]
    rows = [(name, procs.pid_of(state, name)) for name in names]
    for slug in state.settings().get("running_regions", []):
        rows += [(f"heat-engine-{slug}", procs.pid_of(state, f"heat-engine-{slug}")),
                 (f"heat-api-{slug}", procs.pid_of(state, f"heat-api-{slug}"))]
    return rows


def reset(state: State) -> None:
    down(state)
    shutil.rmtree(pg_dir(state), ignore_errors=True)
    shutil.rmtree(state.root, ignore_errors=True)
