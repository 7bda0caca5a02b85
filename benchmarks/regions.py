"""The regions a benchmark uses, with their delaying proxies.

Ports follow the demo cloud's layout, ``MRD_PORT_OFFSET`` included: each
region's Heat API port, and its proxy's port 100 above it (RegionOne 8004
and 8104 without an offset). Every region gets its own added latency.
"""

from dataclasses import dataclass

from democloud import layout

from benchmarks import delay_proxy

#: Latency added to every Heat request, by region (ms): RegionOne to Five.
DELAYS_MS = (0, 80, 150, 40, 110)
PROXY_SHIFT = 100


@dataclass(frozen=True)
class BenchRegion:
    name: str
    heat_port: int
    proxy_port: int
    delay_ms: int


def bench_regions(cloud, count: int | None = None) -> list[BenchRegion]:
    """The first ``count`` regions of the running cloud (default: all)."""
    regions = layout.regions(len(cloud.regions))[:count]
    return [BenchRegion(region.name, region.heat_port,
                        region.heat_port + PROXY_SHIFT,
                        DELAYS_MS[region.index]) for region in regions]


def start_proxies(regions: list[BenchRegion]):
    """The regions' delaying proxies, in a process of their own."""
    return delay_proxy.start([f"{region.proxy_port}:{region.heat_port}:"
                              f"{region.delay_ms}" for region in regions])


def proxy_setting(regions: list[BenchRegion]) -> str:
    """``MRD_BENCH_PROXIES`` for :mod:`benchmarks.catalog`."""
    return ",".join(f"{region.heat_port}={region.proxy_port}"
                    for region in regions)


def heat_calls(regions: list[BenchRegion],
               reset: bool = False) -> dict[str, int]:
    """Heat requests each region's proxy forwarded (then reset them)."""
    return {region.name: delay_proxy.count(region.proxy_port, reset)
            for region in regions}
