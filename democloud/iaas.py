"""Each region's IaaS: Placement, Glance, Neutron (ML2 + VPNaaS) and Nova with a fake virt driver.

Schemas are made once, in template databases; a region's databases are
PostgreSQL copies of them, then Nova's cells are mapped for that region. APIs
run under gunicorn, one process with a few threads each; nova-conductor,
nova-scheduler and nova-compute run as programs, one worker each. The second
cloud's region runs the Glance, Neutron and Nova APIs only (``api_only``):
enough to answer lookups, quotas and Heat's validate and preview there.
"""
import concurrent.futures
import pathlib
import time

from democloud import iaas_configs, postgres, procs
from democloud.configs import db_url
from democloud.iaas_configs import api_only, iaas_db
from democloud.layout import HOST, SECOND_REGION, Region, State

# gunicorn-served APIs: (process name prefix, service, catalog type).
APIS = (("placement-api", "placement", "placement"), ("glance-api", "glance", "image"),
        ("neutron-api", "neutron", "network"), ("nova-api", "nova", "compute"))
NOVA_PROGRAMS = ("nova-conductor", "nova-scheduler")
PROCESSES = tuple(a[0] for a in APIS) + NOVA_PROGRAMS + ("nova-compute",)


# What an API-only region runs, and the databases it needs.
API_ONLY_APIS = tuple(api for api in APIS if api[1] != "placement")
API_ONLY_DBS = ("nova_api", "nova_cell0", "glance", "neutron")


def apis(region: Region) -> tuple[tuple[str, str, str], ...]:
    return API_ONLY_APIS if api_only(region) else APIS


def process_names(slug: str) -> list[str]:
    if slug == SECOND_REGION.slug:
        return [f"{api[0]}-{slug}" for api in API_ONLY_APIS]
    return [f"{name}-{slug}" for name in PROCESSES]


def _sync_commands(venv: pathlib.Path, confs: dict) -> list[tuple[str, list[str]]]:
    """(template database, command making its schema) for every service."""
    bin_ = venv / "bin"
    return [
        ("placement_template", [str(bin_ / "placement-manage"), "--config-file",
                                str(confs["placement"]), "db", "sync"]),
        ("glance_template", [str(bin_ / "glance-manage"), "--config-file", str(confs["glance"]),
                             "db_sync"]),
        ("neutron_template", [str(bin_ / "python"), str(procs.CLOUDSIDE / "neutron_db.py"),
                              "--config-file", str(confs["neutron"]), "upgrade", "heads"]),
        ("nova_api_template", [str(bin_ / "nova-manage"), "--config-file", str(confs["nova"]),
                               "api_db", "sync"]),
        ("nova_template", [str(bin_ / "nova-manage"), "--config-file", str(confs["nova"]),
                           "db", "sync", "--local_cell"]),
    ]


def sync_templates(state: State, venv: pathlib.Path) -> None:
    """Make the schema of every service's template database (first start only)."""
    confs = {"placement": iaas_configs.placement(state, None),
             "glance": iaas_configs.glance(state, None, venv),
             "neutron": iaas_configs.neutron(state, None, venv),
             "nova": iaas_configs.nova(state, None, venv)}
    todo = [(db, cmd) for db, cmd in _sync_commands(venv, confs)
            if postgres.ensure_database(state, db)]

    def sync(db: str, cmd: list[str]) -> None:
        procs.run(cmd, state, f"iaas-setup-{db}")
        postgres.mark_synced(state, db)

    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        for job in [pool.submit(sync, db, cmd) for db, cmd in todo]:
            job.result()


def prepare_region(state: State, venv: pathlib.Path, region: Region) -> None:
    """Configs and databases (copies of the templates) of ``region``."""
    if not api_only(region):
        iaas_configs.placement(state, region)
    iaas_configs.glance(state, region, venv)
    iaas_configs.neutron(state, region, venv)
    iaas_configs.nova(state, region, venv)
    for kind, template in iaas_configs.TEMPLATE_DBS.items():
        if api_only(region) and kind not in API_ONLY_DBS:
            continue
        if postgres.ensure_database(state, iaas_db(kind, region)):
            postgres.copy_database(state, iaas_db(kind, region), template)


def map_cells(state: State, venv: pathlib.Path, region: Region) -> None:
    """Nova's cells of ``region`` (once)."""
    if region.slug not in state.settings().get("nova_cells", []):
        nova_conf = iaas_configs.conf_dir(state, "nova", region) / "nova.conf"
        manage = [str(venv / "bin/nova-manage"), "--config-file", str(nova_conf), "cell_v2"]
        log = f"nova-setup-{region.slug}"
        procs.run(manage + ["map_cell0", "--database_connection",
                            db_url(iaas_db("nova_cell0", region))], state, log)
        if not api_only(region):
            procs.run(manage + ["create_cell", "--name", "cell1"], state, log)
        state.add_setting_item("nova_cells", region.slug)


def prepare(state: State, venv: pathlib.Path, regions: list[Region]) -> None:
    """Every region's configs and databases (one after the other: each database is a
    copy of a template, which Postgres copies for one session at a time), then
    their cells side by side (each nova-manage is a process of its own, ~5 s)."""
    sync_templates(state, venv)
    for region in regions:
        prepare_region(state, venv, region)
    with concurrent.futures.ThreadPoolExecutor(len(regions)) as pool:
        for job in [pool.submit(map_cells, state, venv, r) for r in regions]:
            job.result()


def start_region(state: State, venv: pathlib.Path, region: Region) -> None:
    """Spawn the region's APIs and Nova's conductor and scheduler (nova-compute: see wait)."""
    for prefix, service, stype in apis(region):
        env = {"MRD_SERVICE": service, **iaas_configs.wsgi_environment(state, service, region)}
        procs.gunicorn(state, venv, f"{prefix}-{region.slug}", region.iaas_port(stype),
                       "wsgi_app:application", env, workers=1, threads=4)
    if api_only(region):
        return
    conf = str(iaas_configs.conf_dir(state, "nova", region) / "nova.conf")
    for program in NOVA_PROGRAMS:
        procs.spawn(state, f"{program}-{region.slug}",
                    [str(venv / "bin" / program), "--config-file", conf])


def _compute_nodes(state: State, region: Region) -> int:
    return int(postgres.psql(state, "SELECT count(*) FROM compute_nodes WHERE deleted = 0",
                             database=iaas_db("nova", region)) or 0)


def wait_region(state: State, venv: pathlib.Path, region: Region, timeout: float = 180) -> None:
    """Wait for the region's APIs, then start nova-compute and map its host (first time)."""
    for prefix, _, stype in apis(region):
        procs.wait_http(state, f"{prefix}-{region.slug}",
                        f"http://{HOST}:{region.iaas_port(stype)}/", timeout=timeout)
    if api_only(region):
        return
    folder = iaas_configs.conf_dir(state, "nova", region)
    name = f"nova-compute-{region.slug}"
    procs.spawn(state, name, [str(venv / "bin/democloud-nova-compute"), "--config-file",
                              str(folder / "nova-compute.conf")])
    if region.slug in state.settings().get("nova_hosts", []):
        return
    deadline = time.monotonic() + timeout
    while not _compute_nodes(state, region):
        if not procs.pid_of(state, name):
            raise procs.StartError(f"{name} exited while starting:\n{procs.log_tail(state, name)}")
        if time.monotonic() > deadline:
            raise procs.StartError(f"{name} did not register in {timeout:.0f}s:\n"
                                   f"{procs.log_tail(state, name)}")
        time.sleep(1)
    procs.run([str(venv / "bin/nova-manage"), "--config-file", str(folder / "nova.conf"),
               "cell_v2", "discover_hosts"],
              state, f"nova-setup-{region.slug}")
    state.add_setting_item("nova_hosts", region.slug)


def start(state: State, venv: pathlib.Path, regions: list[Region]) -> None:
    """Start every region's IaaS and wait until each answers (regions side by side)."""
    for region in regions:
        start_region(state, venv, region)
    with concurrent.futures.ThreadPoolExecutor(len(regions)) as pool:
        for job in [pool.submit(wait_region, state, venv, r) for r in regions]:
            job.result()
