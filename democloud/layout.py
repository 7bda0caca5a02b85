"""Where everything lives: state folder, ports, regions and generated passwords."""
import base64
import dataclasses
import json
import os
import pathlib
import secrets
import threading

REPO = pathlib.Path(__file__).resolve().parent.parent
REGION_NAMES = ("RegionOne", "RegionTwo", "RegionThree", "RegionFour", "RegionFive")
HOST = "127.0.0.1"

# MRD_PORT_OFFSET shifts every port, so a second demo cloud (say, a CI rehearsal
# from a clean clone) can run beside a developer's.
PORT_OFFSET = int(os.environ.get("MRD_PORT_OFFSET", "0"))
PORTS = {name: port + PORT_OFFSET for name, port in {
    "postgres": 55432,
    "rabbitmq": 55672,
    "rabbitmq-dist": 55673,
    "epmd": 55369,
    "memcached": 55211,
    "keystone": 5000,
    "keystone-second": 5001,
    "heat-second": 8094,
    "barbican": 9311,
    "horizon": 8000,
}.items()}
HEAT_BASE_PORT = 8004 + PORT_OFFSET  # RegionOne 8004, RegionTwo 8014, ...
# Each region's IaaS API, by catalog service type: RegionOne on the base port,
# RegionTwo 10 higher, ... (like Heat; none of these lands on another's port).
# The second cloud's region takes slot 9, as its Heat does (8004 + 90 = 8094).
IAAS_BASE_PORTS = {"compute": 8774, "placement": 8778, "image": 9292, "network": 9696}
SECOND_CLOUD_SLOT = 9
_SETTINGS_LOCK = threading.Lock()
# The second cloud (its own Keystone and Heat) that credential secrets point at.
# Heat 27 looks a credential_secret_id child up under the *local* region's name
# in the other cloud's catalog, so its only region is named RegionOne too.
SECOND_CLOUD = "cloudb"
# Generated passwords (secrets.json), by user or purpose.
PASSWORDS = ("admin", "demo", "tight", "service", "heat_domain_admin", "rabbit",
             "horizon_secret_key")
# The second project and user, "tight" (roles as demo's), whose quotas are tight in one
# region (set at every start, cloudside/tight_project.py); other regions keep defaults.
TIGHT = "tight"
TIGHT_QUOTAS = {"RegionTwo": {
    "compute": {"instances": 1, "cores": 1, "ram": 512},  # m1.small fits, m1.medium not
    "network": {"ports": 2, "floating_ips": 1},
}}


@dataclasses.dataclass(frozen=True)
class Region:
    """One Heat region of the demo cloud (or of the second cloud)."""

    index: int
    name: str
    cloud: str = ""  # "" is the main cloud, SECOND_CLOUD the other one

    @property
    def slug(self) -> str:
        return f"{self.cloud}-{self.name.lower()}" if self.cloud else self.name.lower()

    @property
    def heat_port(self) -> int:
        return PORTS["heat-second"] if self.cloud else HEAT_BASE_PORT + 10 * self.index

    @property
    def heat_url(self) -> str:
        return f"http://{HOST}:{self.heat_port}/v1/%(tenant_id)s"

    def iaas_port(self, service_type: str) -> int:
        """Port of this region's API of ``service_type`` (compute, placement, image, network)."""
        slot = SECOND_CLOUD_SLOT if self.cloud else self.index
        return IAAS_BASE_PORTS[service_type] + PORT_OFFSET + 10 * slot

    def iaas_url(self, service_type: str) -> str:
        """The catalog URL of this region's API of ``service_type``."""
        suffix = "/v2.1" if service_type == "compute" else ""
        return f"http://{HOST}:{self.iaas_port(service_type)}{suffix}"


SECOND_REGION = Region(0, "RegionOne", SECOND_CLOUD)


def regions(count: int) -> list[Region]:
    if not 1 <= count <= len(REGION_NAMES):
        raise SystemExit(f"--regions must be between 1 and {len(REGION_NAMES)}")
    return [Region(i, REGION_NAMES[i]) for i in range(count)]


class State:
    """The state folder of one demo cloud (databases, configs, logs, pids)."""

    def __init__(self, root: pathlib.Path | None = None):
        self.root = pathlib.Path(root or os.environ.get("MRD_STATE") or REPO / ".democloud")
        for sub in ("etc", "logs", "run", "data"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)

    def path(self, *parts: str) -> pathlib.Path:
        return self.root.joinpath(*parts)

    @property
    def etc(self) -> pathlib.Path:
        return self.root / "etc"

    @property
    def logs(self) -> pathlib.Path:
        return self.root / "logs"

    @property
    def run(self) -> pathlib.Path:
        return self.root / "run"

    @property
    def data(self) -> pathlib.Path:
        return self.root / "data"

    def secrets(self) -> dict:
        """Passwords and keys of this cloud, each generated once (a name added later is
        generated at the next call), readable by the owner only."""
        f = self.root / "secrets.json"
        with _SETTINGS_LOCK:
            values = json.loads(f.read_text()) if f.exists() else {}
            missing = [name for name in PASSWORDS if name not in values]
            if not missing and "barbican_kek" in values:
                return values
            values.update({name: secrets.token_urlsafe(18) for name in missing})
            values.setdefault("barbican_kek", base64.b64encode(secrets.token_bytes(32)).decode())
            part = f.with_suffix(".json.part")
            part.touch(mode=0o600)
            part.write_text(json.dumps(values, indent=1))
            os.replace(part, f)
        return values

    def settings(self) -> dict:
        """The options this cloud was started with (region count)."""
        f = self.root / "cloud.json"
        return json.loads(f.read_text()) if f.exists() else {}

    def save_settings(self, **values) -> None:
        with _SETTINGS_LOCK:
            current = self.settings()
            current.update(values)
            self._write_settings(current)

    def add_setting_item(self, key: str, item: str) -> None:
        """Add ``item`` to the sorted list setting ``key`` (threads may add at once)."""
        with _SETTINGS_LOCK:
            current = self.settings()
            current[key] = sorted({*current.get(key, []), item})
            self._write_settings(current)

    def _write_settings(self, values: dict) -> None:
        # Whole or not at all: a reader never sees a half-written file.
        f = self.root / "cloud.json"
        part = f.with_suffix(".json.part")
        part.write_text(json.dumps(values, indent=1))
        os.replace(part, f)
