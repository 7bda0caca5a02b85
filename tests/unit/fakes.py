"""Service catalogs and requests for the unit tests.

Catalogs follow the Keystone v3 shape Horizon keeps on ``request.user``.
"""

from types import SimpleNamespace

from django.test import RequestFactory

PROJECT_ID = "f3a1c0de"
TOKEN = "gAAAAABtest-token-0123456789abcdefghijklmnopqrstuvwxyz"
INTERFACES = ("public", "internal", "admin")


def service(service_type: str, urls: dict[str, str],
            interfaces: tuple[str, ...] = INTERFACES) -> dict:
    """A catalog service with one endpoint per region and interface.

    ``urls`` maps a region to its public URL; other interfaces get the same
    URL with the interface name in front of the host.
    """
    endpoints = []
    for region, url in urls.items():
        for interface in interfaces:
            endpoints.append({
                "interface": interface,
                "region": region,
                "region_id": region,
                "url": url if interface == "public"
                else url.replace("://", f"://{interface}-", 1),
            })
    return {"type": service_type, "name": service_type,
            "endpoints": endpoints}


def heat_services(regions: tuple[str, ...]) -> list[dict]:
    """Orchestration and key-manager services in each of ``regions``."""
    def urls(kind, port, suffix=""):
        return {region: f"http://{kind}.{region.lower()}.example.com:{port}"
                        f"{suffix}" for region in regions}
    return [
        service("orchestration", urls("heat", 8004, f"/v1/{PROJECT_ID}")),
        service("key-manager", urls("barbican", 9311)),
    ]


def catalog(heat_regions: tuple[str, ...] = ("RegionOne", "RegionTwo"),
            other_regions: tuple[str, ...] = ()) -> list[dict]:
    """Keystone in RegionOne, Heat and Barbican in ``heat_regions``, Nova
    in every region including ``other_regions``."""
    everywhere = heat_regions + other_regions
    return [
        service("identity", {"RegionOne": "http://keystone.example.com/v3"}),
        service("compute", {region: f"http://nova.{region.lower()}"
                                    ".example.com:8774/v2.1"
                            for region in everywhere}),
    ] + heat_services(heat_regions)


def api_request(service_catalog: list[dict], token: str = TOKEN):
    """A Django request whose user has ``service_catalog`` and ``token``."""
    request = RequestFactory().get("/")
    request.user = SimpleNamespace(service_catalog=service_catalog,
                                   token=SimpleNamespace(id=token))
    request.session = {}
    return request


def local_catalog(ports: dict[str, int]) -> list[dict]:
    """Heat of each region served by a test server on 127.0.0.1:port."""
    return [service("orchestration",
                    {region: f"http://127.0.0.1:{port}/v1/{PROJECT_ID}"
                     for region, port in ports.items()},
                    interfaces=("public",))]
