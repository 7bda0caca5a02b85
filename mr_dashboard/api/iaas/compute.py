"""Nova in one region, through openstacksdk: flavors (with their size),
key pairs and availability zones, and the newest API microversion the
region offers."""

from dataclasses import dataclass

from mr_dashboard.api.iaas import sdk
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.iaas.sdk import Named

SERVICE_TYPE = "compute"


def flavor_list(request: ApiRequest, region: str) -> list[Named]:
    """The flavors the project may use in ``region``, every page."""
    compute = sdk.region_connection(request, region).compute
    return sdk.named(region, compute.flavors(details=False,
                                             **sdk.page_size()))


def keypair_list(request: ApiRequest, region: str) -> list[Named]:
    """The user's key pairs in ``region`` (a key pair's id is its name)."""
    compute = sdk.region_connection(request, region).compute
    return [Named(region, pair.name, pair.name)
            for pair in sdk.listed(compute.keypairs())]


def zone_list(request: ApiRequest, region: str) -> list[Named]:
    """The availability zones of ``region``'s Nova that are available (a
    zone's id is its name)."""
    compute = sdk.region_connection(request, region).compute
    return sdk.zones(region, compute.availability_zones(details=False),
                     lambda zone: bool((zone.state or {}).get("available")))


@dataclass(frozen=True)
class Flavor(Named):
    """A flavor with what it weighs on the quotas."""

    vcpus: int = 0
    ram: int = 0  # MiB


def flavor_details_list(request: ApiRequest, region: str) -> list[Flavor]:
    """The flavors the project may use in ``region`` with their vCPUs and
    RAM, every page. Asked without a ``limit``: Nova then answers with its
    own page size (``max_limit``, 1000 by default) and links the next page
    only past it, where with a ``limit`` openstacksdk asks one page more
    whatever the answer held (one call instead of two here)."""
    compute = sdk.region_connection(request, region).compute
    return [Flavor(region, str(item.id), item.name or "",
                   int(item.vcpus or 0), int(item.ram or 0))
            for item in sdk.listed(compute.flavors(details=True))]


def max_microversion(request: ApiRequest,
                     region: str) -> tuple[int, int] | None:
    """The newest compute API microversion ``region``'s Nova offers
    (None without microversions), from its version document."""
    compute = sdk.region_connection(request, region).compute
    found = compute.get_endpoint_data().max_microversion
    return (int(found[0]), int(found[1])) if found else None
