"""Cinder in one region, through openstacksdk (``block-storage``, which
the catalog may call ``volumev3``, ``volume``...)."""

from mr_dashboard.api.iaas import sdk
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.iaas.sdk import Named

SERVICE_TYPE = "block-storage"


def _storage(request: ApiRequest, region: str):
    return sdk.region_connection(request, region).block_storage


def volume_list(request: ApiRequest, region: str) -> list[Named]:
    """The project's volumes in ``region``, every page."""
    return sdk.named(region, _storage(request, region).volumes(
        details=False, **sdk.page_size()))


def volume_type_list(request: ApiRequest, region: str) -> list[Named]:
    """The volume types offered in ``region``."""
    return sdk.named(region, _storage(request, region).types())


def snapshot_list(request: ApiRequest, region: str) -> list[Named]:
    """The project's volume snapshots in ``region``, every page."""
    return sdk.named(region, _storage(request, region).snapshots(
        details=False, **sdk.page_size()))


def backup_list(request: ApiRequest, region: str) -> list[Named]:
    """The project's volume backups in ``region``, every page."""
    return sdk.named(region, _storage(request, region).backups(
        details=False, **sdk.page_size()))


def zone_list(request: ApiRequest, region: str) -> list[Named]:
    """The availability zones of ``region``'s Cinder that are available
    (a zone's id is its name)."""
    return sdk.zones(region, _storage(request, region).availability_zones(),
                     lambda zone: bool((zone.state or {}).get("available")))
