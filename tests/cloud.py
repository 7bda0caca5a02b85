"""The running demo cloud, as the functional and browser tests see it.

The test command (README) starts the cloud before pytest; these helpers read
its state folder and never start or fake anything themselves.
"""
import dataclasses
import os
import pathlib
import subprocess

from democloud import configs, procs
from democloud.layout import HOST, PORTS, SECOND_CLOUD, TIGHT, State, regions as layout_regions

REPO = pathlib.Path(__file__).resolve().parent.parent


@dataclasses.dataclass(frozen=True)
class Cloud:
    state: State
    keystone_url: str
    horizon_url: str
    demo_password: str = dataclasses.field(repr=False)
    # The user and project "tight" (democloud.layout.TIGHT): tight quotas in RegionTwo.
    tight_password: str = dataclasses.field(repr=False)
    regions: tuple[str, ...]
    second_cloud_url: str | None

    def heat_api_pid(self, region: str) -> int | None:
        return procs.pid_of(self.state, f"heat-api-{region.lower()}")

    def signal_heat_api(self, region: str, sig: int) -> None:
        """Send ``sig`` to a region's whole Heat API (gunicorn master and workers)."""
        os.killpg(self.heat_api_pid(region), sig)

    def logs(self) -> pathlib.Path:
        return self.state.logs


def running_cloud() -> Cloud:
    state = State()
    regions = tuple(r.name for r in layout_regions(state.settings().get("regions", 0) or 1))
    missing = [name for name in ("keystone", "postgres", "rabbitmq")
               if not procs.pid_of(state, name)]
    if not state.settings().get("running_regions") or missing:
        raise RuntimeError("the demo cloud is not running: start it with "
                           "'python3 -m democloud up' (tools/run-tests.sh does)")
    return Cloud(state=state, keystone_url=configs.keystone_url(),
                 horizon_url=f"http://{HOST}:{PORTS['horizon']}",
                 demo_password=state.secrets()["demo"], tight_password=state.secrets()[TIGHT],
                 regions=regions,
                 second_cloud_url=(configs.keystone_url(cloud=SECOND_CLOUD)
                                   if state.settings().get("second_cloud") else None))


def democloud(*args: str) -> None:
    """Run the launcher (e.g. to restart the cloud with another region count)."""
    subprocess.run([os.environ.get("MRD_SYSTEM_PYTHON", "python3"), "-m", "democloud", *args],
                   cwd=REPO, check=True, env={k: v for k, v in os.environ.items()
                                              if k not in ("VIRTUAL_ENV", "PYTHONPATH")})
