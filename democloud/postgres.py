"""The demo cloud's own PostgreSQL cluster: start it, make databases, run SQL."""
import glob
import hashlib
import os
import pathlib
import shutil
import subprocess
import time

from democloud import configs, procs
from democloud.layout import HOST, PORTS, State

IS_ROOT = os.geteuid() == 0


def pg_dir(state: State) -> pathlib.Path:
    """PostgreSQL refuses to run as root: as root its data lives where user postgres can reach."""
    if not IS_ROOT:
        return state.data / "postgres"
    digest = hashlib.sha256(str(state.root).encode()).hexdigest()[:10]
    return pathlib.Path("/var/tmp") / f"mrd-pg-{digest}"


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


def psql(state: State, sql: str, database: str = "postgres") -> str:
    out = subprocess.run([pg_bin("psql"), "-h", HOST, "-p", str(PORTS["postgres"]), "-U",
                          configs.DB_USER, "-d", database, "-tAc", sql],
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
    state.add_setting_item("synced", name)


def copy_database(state: State, name: str, template: str) -> None:
    """Make ``name`` a copy of ``template`` (a schema made once, copied in a moment)."""
    psql(state, f'DROP DATABASE IF EXISTS "{name}"')
    psql(state, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    mark_synced(state, name)
