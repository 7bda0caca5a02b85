"""Bring the demo cloud's services up and down, in order, and report their state."""
import concurrent.futures
import grp
import json
import os
import pathlib
import pwd
import shutil
import signal
import subprocess
import time

from democloud import configs, dashboard, iaas, install, postgres, procs
from democloud.postgres import IS_ROOT, ensure_database, mark_synced
from democloud.procs import cloud_python, gunicorn
from democloud.layout import (HOST, PORTS, REPO, SECOND_CLOUD, SECOND_REGION, TIGHT, TIGHT_QUOTAS,
                              Region, State, regions as make_regions)

say = install.say
CLOUDSIDE = procs.CLOUDSIDE


def start_rabbitmq(state: State, regions: list[Region]) -> None:
    changed, env = configs.rabbitmq(state, regions)
    if changed:  # new vhosts: RabbitMQ reads its definitions at boot only
        procs.stop(state, "rabbitmq")
    procs.spawn(state, "rabbitmq", ["/usr/lib/rabbitmq/bin/rabbitmq-server"], env=env)


def start_memcached(state: State) -> None:
    procs.spawn(state, "memcached", ["memcached", "-l", HOST, "-p", str(PORTS["memcached"]),
                                     "-U", "0", "-m", "128"] + (["-u", "root"] if IS_ROOT else []))
    procs.wait_port(state, "memcached", PORTS["memcached"])


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


def plan(state: State, regions: list[Region], second: bool = False,
         with_iaas: bool = False) -> pathlib.Path:
    """What provision.py and samples.py need to know about one cloud (and the other)."""
    secrets = state.secrets()
    cloud = regions[0].cloud
    f = state.etc / f"{configs.suffixed('plan', cloud)}.json"
    f.write_text(json.dumps({
        "auth_url": configs.keystone_url(cloud=cloud), "admin_password": secrets["admin"],
        "service_password": secrets["service"], "demo_password": secrets["demo"],
        "tight_password": secrets[TIGHT], "tight_quotas": {} if cloud else TIGHT_QUOTAS,
        "heat_domain_admin_password": secrets["heat_domain_admin"],
        "regions": [r.name for r in regions],
        "heat_urls": {r.name: r.heat_url for r in regions},
        "barbican_url": None if cloud else f"http://{HOST}:{PORTS['barbican']}",
        "second_cloud_auth_url": configs.keystone_url(cloud=SECOND_CLOUD) if second else None,
        # Catalog type -> region -> URL of the regions' IaaS ({} for Heat-only regions).
        "iaas_urls": {stype: {r.name: r.iaas_url(stype) for r in regions
                              if stype in [api[2] for api in iaas.apis(r)]}
                      for _, _, stype in iaas.APIS} if with_iaas else {},
        "cloud": cloud,
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
        postgres.copy_database(state, configs.heat_db(region), configs.heat_db(first))


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


def start_identity(state: State, venv: pathlib.Path, regions: list[Region], second: bool,
                   with_iaas: bool = False) -> None:
    """A cloud's Keystone up, with its regions, users and catalog."""
    cloud = regions[0].cloud
    name = configs.suffixed("keystone", cloud)
    kconf = configs.keystone(state, cloud)
    if ensure_database(state, configs.suffixed("keystone", cloud, "_")):
        keystone_setup(state, venv, kconf, cloud)
        mark_synced(state, configs.suffixed("keystone", cloud, "_"))
    port = PORTS["keystone-second"] if cloud else PORTS["keystone"]
    # One process: its in-process cache (configs.keystone) stays coherent.
    gunicorn(state, venv, name, port, "wsgi_app:application",
             {"MRD_SERVICE": "keystone", "MRD_CONFIG": str(kconf)}, workers=1)
    procs.wait_http(state, name, configs.keystone_url(cloud=cloud))
    plan_file = plan(state, regions, second, with_iaas)
    digest = install.tree_hash([plan_file])
    key = configs.suffixed("provisioned", cloud)
    if state.settings().get(key) != digest:  # a warm start skips it
        cloud_python(venv, "provision.py", str(plan_file), state=state,
                     name=configs.suffixed("provision", cloud))
        state.save_settings(**{key: digest})


def start_cloud(state: State, venv: pathlib.Path, regions: list[Region], second: bool,
                with_iaas: bool) -> None:
    """Everything but Horizon: the main cloud's ``regions`` and, if ``second``, the other
    cloud, with their IaaS if ``with_iaas`` (the other cloud's: APIs only)."""
    heats = regions + ([SECOND_REGION] if second else [])
    iaas_regions = heats if with_iaas else []
    stop_regions(state, set(state.settings().get("running_regions", [])) - {r.slug for r in heats},
                 set(state.settings().get("running_iaas", [])) - {r.slug for r in iaas_regions})
    state.save_settings(running_iaas=[r.slug for r in iaas_regions])
    start_rabbitmq(state, make_regions(5) + [SECOND_REGION])  # it boots meanwhile
    postgres.start_postgres(state)
    start_memcached(state)
    fresh = [r for r in heats if ensure_database(state, configs.heat_db(r))]
    with concurrent.futures.ThreadPoolExecutor(len(fresh) + 3) as pool:
        jobs = [pool.submit(start_identity, state, venv, regions, second, with_iaas)]
        if iaas_regions:
            jobs.append(pool.submit(iaas.prepare, state, venv, iaas_regions))
        if second:
            jobs.append(pool.submit(start_identity, state, venv, [SECOND_REGION], False,
                                    with_iaas))
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
    if iaas_regions:
        iaas.start(state, venv, iaas_regions)
    for region in heats:
        procs.wait_http(state, f"heat-api-{region.slug}", f"http://{HOST}:{region.heat_port}/")


def seed(state: State, venv: pathlib.Path, regions: list[Region]) -> bool:
    """Seed the IaaS of one cloud's ``regions`` not seeded yet (once each); True if any was."""
    unseeded = [r for r in regions if r.slug not in state.settings().get("seeded", [])]
    if not unseeded:
        return False
    cloud = regions[0].cloud
    cloud_python(venv, "seed.py", str(state.etc / f"{configs.suffixed('plan', cloud)}.json"),
                 str(state.data / "seed"), *[r.name for r in unseeded], state=state,
                 name=configs.suffixed("seed", cloud))
    for region in unseeded:
        state.add_setting_item("seeded", region.slug)
    return True


def up(state: State, count: int, second: bool, with_iaas: bool = True,
       with_horizon: bool = True) -> dict:
    """Start everything for ``count`` regions (with their IaaS, and the second cloud).

    Returns the timings in seconds.
    """
    t0 = time.monotonic()
    cloud, dash = install.prepare(with_horizon)
    timings = {"install": time.monotonic() - t0}
    regions = make_regions(count)
    state.save_settings(regions=count, second_cloud=second, iaas=with_iaas)
    # Horizon is set up (static files collected and compressed: ~20 s) while
    # the cloud starts, and the samples are made while Horizon starts: none
    # needs the other.
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        horizon = pool.submit(timed, timings, "horizon setup", setup_horizon, state, dash,
                              with_iaas) if dash else None
        timed(timings, "cloud", start_cloud, state, cloud, regions, second, with_iaas)
        t2 = time.monotonic()
        clouds = [regions] + ([[SECOND_REGION]] if second else [])
        seeded = [seed(state, cloud, group) for group in clouds] if with_iaas else []
        if any(seeded):
            timings["seed"] = time.monotonic() - t2
        if with_iaas:  # at every start: a test may have changed a quota
            timed(timings, "tight", cloud_python, cloud, "tight_project.py",
                  str(state.etc / "plan.json"), str(state.data / "seed"), state=state,
                  name="tight-project")
        samples = pool.submit(make_samples, state, cloud, second, with_iaas, timings)
        if horizon:
            horizon.result()
            timed(timings, "horizon", dashboard.start, state, dash)
        samples.result()
    timings["total"] = time.monotonic() - t0
    return timings


def timed(timings: dict, key: str, step, *args, **kwargs):
    """``step(*args, **kwargs)``, its seconds kept in ``timings[key]``."""
    t0 = time.monotonic()
    try:
        return step(*args, **kwargs)
    finally:
        timings[key] = time.monotonic() - t0


def make_samples(state: State, cloud: pathlib.Path, second: bool, with_iaas: bool,
                 timings: dict) -> None:
    """The demo user's sample stacks, each made once (samples.py skips those that exist)."""
    t0 = time.monotonic()
    wanted = ["regions"] + (["second_cloud"] if second else []) + (["iaas"] if with_iaas else [])
    if state.settings().get("samples") != wanted:
        cloud_python(cloud, "samples.py", str(state.etc / "plan.json"),
                     str(REPO / "democloud/templates"), state=state, name="samples")
        state.save_settings(samples=wanted)
        timings["samples"] = time.monotonic() - t0


def setup_horizon(state: State, dash: pathlib.Path, with_iaas: bool) -> None:
    """Horizon with the plugin as it is now: set up again (and stopped, to be started
    again) when the plugin changed."""
    stamp = f"{dash} " + install.tree_hash([REPO / "mr_dashboard", REPO / "enabled",
                                            REPO / "democloud/horizon",
                                            REPO / "democloud/dashboard.py"])
    stamp += " iaas" if with_iaas else ""
    if state.settings().get("horizon_stamp") != stamp:
        procs.stop(state, "horizon")  # it serves the plugin as it was when it started
        dashboard.setup(state, dash, with_iaas)
        state.save_settings(horizon_stamp=stamp)


def heat_names(slug: str) -> list[str]:
    return [f"heat-engine-{slug}", f"heat-api-{slug}"]


def stop_regions(state: State, heat_slugs, iaas_slugs) -> None:
    """Stop these regions' Heat and IaaS processes, all at once (Nova and Neutron take > 5 s)."""
    names = [n for slug in heat_slugs for n in heat_names(slug)]
    names += [n for slug in iaas_slugs for n in iaas.process_names(slug)]
    if names:
        with concurrent.futures.ThreadPoolExecutor(len(names)) as pool:
            list(pool.map(lambda name: procs.stop(state, name), names))


SERVICE_ORDER = ["horizon", "barbican", "keystone", f"keystone-{SECOND_CLOUD}", "memcached",
                 "rabbitmq", "postgres"]


def down(state: State) -> None:
    stop_regions(state, state.settings().get("running_regions", []),
                 state.settings().get("running_iaas", []))
    for name in SERVICE_ORDER:
        # postgres: SIGINT is its fast shutdown (SIGTERM waits for clients).
        procs.stop(state, name, sig=signal.SIGINT if name == "postgres" else signal.SIGTERM)
    subprocess.call(["epmd", "-kill"], env=dict(os.environ, ERL_EPMD_PORT=str(PORTS["epmd"])),
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def status(state: State) -> list[tuple[str, int | None, str]]:
    names = [n for n in reversed(SERVICE_ORDER)
             if SECOND_CLOUD not in n or state.settings().get("second_cloud")]
    rows = [(name, procs.pid_of(state, name)) for name in names]
    names = [n for slug in state.settings().get("running_regions", []) for n in heat_names(slug)]
    names += [n for slug in state.settings().get("running_iaas", [])
              for n in iaas.process_names(slug)]
    return rows + [(name, procs.pid_of(state, name)) for name in names]


def reset(state: State) -> None:
    down(state)
    shutil.rmtree(postgres.pg_dir(state), ignore_errors=True)
    shutil.rmtree(state.root, ignore_errors=True)
