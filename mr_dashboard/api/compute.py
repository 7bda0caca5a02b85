"""Nova in one region, through openstacksdk: flavors and key pairs."""

from mr_dashboard.api import sdk
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.sdk import Named

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
            for pair in compute.keypairs()]
