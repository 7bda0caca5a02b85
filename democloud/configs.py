"""Configuration files of the demo cloud's services, written into the state folder."""
import json
import pathlib

from democloud.layout import HOST, PORTS, Region, State

DB_USER = "mrdemo"
RABBIT_USER = "mrdemo"


def keystone_url(version: str = "/v3", cloud: str = "") -> str:
    port = PORTS["keystone-second"] if cloud else PORTS["keystone"]
    return f"http://{HOST}:{port}{version}"


def suffixed(name: str, cloud: str, sep: str = "-") -> str:
    """``name`` for the main cloud, ``name<sep><cloud>`` for the second one."""
    return f"{name}{sep}{cloud}" if cloud else name


def db_url(name: str) -> str:
    return f"postgresql+psycopg2://{DB_USER}@{HOST}:{PORTS['postgres']}/{name}"


def heat_db(region: Region) -> str:
    return "heat_" + region.slug.replace("-", "_")


def write_ini(path: pathlib.Path, sections: dict[str, dict]) -> pathlib.Path:
    lines = []
    for section, options in sections.items():
        lines.append(f"[{section}]")
        lines += [f"{key} = {value}" for key, value in options.items()]
        lines.append("")
    path.write_text("\n".join(lines))
    path.chmod(0o600)
    return path


def authtoken(state: State, user: str, region: str, cloud: str = "") -> dict:
    return {
        "www_authenticate_uri": keystone_url(cloud=cloud), "auth_url": keystone_url("", cloud),
        "auth_type": "password", "username": user, "password": state.secrets()["service"],
        "project_name": "service", "user_domain_name": "Default",
        "project_domain_name": "Default", "region_name": region,
        "service_token_roles_required": "true",
    }


def transport_url(state: State, region: Region) -> str:
    """The region's RabbitMQ vhost (its Heat, Nova and Neutron share it)."""
    return (f"rabbit://{RABBIT_USER}:{state.secrets()['rabbit']}@{HOST}:"
            f"{PORTS['rabbitmq']}/{region.slug}")


def keystone(state: State, cloud: str = "") -> pathlib.Path:
    data = state.data / suffixed("keystone", cloud)
    return write_ini(state.etc / f"{suffixed('keystone', cloud)}.conf", {
        "DEFAULT": {"use_stderr": "true"},
        "database": {"connection": db_url(suffixed("keystone", cloud, "_"))},
        "token": {"provider": "fernet"},
        "fernet_tokens": {"key_repository": data / "fernet-keys"},
        "credential": {"key_repository": data / "credential-keys"},
        # Measured: rounds=4 cuts a token from 0.6-0.9 s to 0.16 s (demo only).
        "identity": {"password_hash_rounds": "4"},
        # Keystone's own cache, as every deployment runs it: measured here, a
        # token's validation fell from 0.7-1.1 s to 0.01-0.05 s and an issue
        # from 0.3 s to 0.03 s. In-process (dogpile.cache.memory), which is
        # coherent because the demo's Keystone is one process (services.py);
        # a deployment with several shares memcached instead.
        "cache": {"enabled": "true", "backend": "dogpile.cache.memory"},
    })


def heat(state: State, region: Region, venv: pathlib.Path) -> pathlib.Path:
    secrets = state.secrets()
    (state.data / f"heat-{region.slug}").mkdir(exist_ok=True)
    return write_ini(state.etc / f"heat-{region.slug}.conf", {
        "DEFAULT": {
            "use_stderr": "true",
            "host": f"heat-{region.slug}",
            "transport_url": transport_url(state, region),
            "region_name_for_services": region.name,
            "num_engine_workers": "2",
            # A failing remote child would otherwise be re-created for ~90 s.
            "action_retry_limit": "0",
            "stack_user_domain_name": "heat",
            "stack_domain_admin": "heat_domain_admin",
            "stack_domain_admin_password": secrets["heat_domain_admin"],
            "heat_metadata_server_url": f"http://{HOST}:{region.heat_port + 1}",
            "heat_waitcondition_server_url":
                f"http://{HOST}:{region.heat_port + 1}/v1/waitcondition",
            "environment_dir": venv / "etc/heat/environment.d",
            "template_dir": venv / "etc/heat/templates",
        },
        "database": {"connection": db_url(heat_db(region)), "max_pool_size": "10"},
        "keystone_authtoken": authtoken(state, "heat", region.name, region.cloud),
        "trustee": {"auth_type": "password", "auth_url": keystone_url("", region.cloud),
                    "username": "heat", "password": secrets["service"],
                    "user_domain_name": "Default"},
        "clients_keystone": {"auth_uri": keystone_url("", region.cloud)},
        "oslo_messaging_notifications": {"driver": "noop"},
        "oslo_concurrency": {"lock_path": state.data / f"heat-{region.slug}"},
        "paste_deploy": {"api_paste_config": venv / "etc/heat/api-paste.ini"},
    })


def barbican(state: State) -> pathlib.Path:
    home = state.data / "barbican-home" / ".barbican"
    home.mkdir(parents=True, exist_ok=True)
    # Barbican's WSGI entry reads barbican.conf only from oslo.config's default
    # places: ~/.barbican/ is one of them, so the launcher points HOME here.
    return write_ini(home / "barbican.conf", {
        "DEFAULT": {"use_stderr": "true", "host_href": f"http://{HOST}:{PORTS['barbican']}",
                    "db_auto_create": "true"},
        # Not PostgreSQL: Barbican 23 hands the encrypted payload to a TEXT column
        # as bytes, which psycopg2 stores as a bytea literal ('\\x5a30...') that
        # can never be decrypted again. One API process, so SQLite is enough.
        "database": {"connection": f"sqlite:///{state.data / 'barbican.sqlite'}"},
        "keystone_authtoken": authtoken(state, "barbican", "RegionOne"),
        "secretstore": {"enabled_secretstore_plugins": "store_crypto"},
        "crypto": {"enabled_crypto_plugins": "simple_crypto"},
        "simple_crypto_plugin": {"kek": state.secrets()["barbican_kek"]},
        "oslo_messaging_notifications": {"driver": "noop"},
    })


def _write_if_changed(path: pathlib.Path, text: str) -> bool:
    if path.exists() and path.read_text() == text:
        return False
    path.write_text(text)
    return True


def rabbitmq(state: State, regions: list[Region]) -> tuple[bool, dict]:
    """RabbitMQ config and definitions (one vhost per region).

    Returns whether the definitions changed (they are read at boot only) and
    the environment to start it with.
    """
    import base64
    import hashlib
    salt = hashlib.sha256(b"salt" + state.secrets()["rabbit"].encode()).digest()[:4]
    digest = hashlib.sha256(salt + state.secrets()["rabbit"].encode()).digest()
    definitions = {
        "users": [{"name": RABBIT_USER,
                   "password_hash": base64.b64encode(salt + digest).decode(),
                   "hashing_algorithm": "rabbit_password_hashing_sha256",
                   "tags": ["administrator"]}],
        "vhosts": [{"name": r.slug} for r in regions],
        "permissions": [{"user": RABBIT_USER, "vhost": r.slug, "configure": ".*",
                         "write": ".*", "read": ".*"} for r in regions],
    }
    base = state.data / "rabbitmq"
    base.mkdir(exist_ok=True)
    changed = _write_if_changed(base / "definitions.json", json.dumps(definitions))
    (base / "rabbitmq.conf").write_text("\n".join([
        f"listeners.tcp.default = {HOST}:{PORTS['rabbitmq']}",
        f"load_definitions = {base / 'definitions.json'}",
        "loopback_users = none",
        "disk_free_limit.absolute = 50MB",
        "log.console = true",
        "log.file = false", ""]))
    (base / "enabled_plugins").write_text("[].\n")
    return changed, {
        "HOME": str(base), "RABBITMQ_NODENAME": f"mrdemo{PORTS['rabbitmq']}@localhost",
        "RABBITMQ_NODE_IP_ADDRESS": HOST, "RABBITMQ_NODE_PORT": str(PORTS["rabbitmq"]),
        "RABBITMQ_DIST_PORT": str(PORTS["rabbitmq-dist"]), "ERL_EPMD_PORT": str(PORTS["epmd"]),
        "ERL_EPMD_ADDRESS": HOST, "RABBITMQ_CONFIG_FILE": str(base / "rabbitmq"),
        "RABBITMQ_CONF_ENV_FILE": "/dev/null", "RABBITMQ_MNESIA_BASE": str(base / "mnesia"),
        "RABBITMQ_LOG_BASE": str(state.logs), "RABBITMQ_ENABLED_PLUGINS_FILE":
        str(base / "enabled_plugins"), "RABBITMQ_PID_FILE": str(base / "rabbit.pid"),
    }
