"""Regions of the user's service catalog that offer Heat.

Reads the Keystone v3 catalog Horizon keeps on ``request.user``: a list of
``{type, name, endpoints: [{interface, region, region_id, url}]}``. Nothing
here calls a cloud.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


from horizon.utils.memoized import memoized

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.exceptions import UnknownRegion


@dataclass(frozen=True)
class Region:
    """A region offering Heat, with its endpoint URL per service type."""

    name: str
    endpoints: Mapping[str, str] = field(default_factory=dict, hash=False)

    def url_for(self, service_type: str) -> str | None:
        """The region's URL for ``service_type``, or None if it has none."""
        return self.endpoints.get(service_type)


def _endpoint_region(endpoint: Mapping) -> str | None:
    # Keystone v3 names the region in region_id; "region" is its old name.
    return endpoint.get("region_id") or endpoint.get("region")


def _urls_by_region(endpoints: Iterable[Mapping],
                    interfaces: tuple[str, ...]) -> dict[str, str]:
    """One URL per region: the first endpoint of the most preferred
    interface."""
    urls: dict[str, str] = {}
    for interface in interfaces:
        for endpoint in endpoints:
            region = _endpoint_region(endpoint)
            if (region and endpoint.get("interface") == interface
                    and endpoint.get("url")):
                urls.setdefault(region, endpoint["url"])
    return urls


def catalog_regions(catalog: Iterable[Mapping],
                    interfaces: tuple[str, ...]) -> list[Region]:
    """Regions of ``catalog`` with an orchestration endpoint, by name.

    Each region carries the URL of every service it offers through one of
    ``interfaces``. Like Horizon, an identity service registered in one
    region only is taken as global and shown for every region.
    """
    by_region: dict[str, dict[str, str]] = {}
    global_identity = None
    for service in catalog or ():
        service_type = service.get("type")
        if not service_type:
            continue
        urls = _urls_by_region(service.get("endpoints") or (), interfaces)
        for region, url in urls.items():
            by_region.setdefault(region, {})[service_type] = url
        if service_type == constants.IDENTITY and urls:
            global_identity = next(iter(urls.values()))
    regions = []
    for name in sorted(by_region):
        endpoints = by_region[name]
        if constants.ORCHESTRATION not in endpoints:
            continue
        if global_identity:
            endpoints.setdefault(constants.IDENTITY, global_identity)
        regions.append(Region(name=name, endpoints=endpoints))
    return regions


@memoized
def heat_regions(request: ApiRequest) -> list[Region]:
    """Regions of the user's catalog that offer Heat, sorted by name."""
    return catalog_regions(request.user.service_catalog,
                           conf.endpoint_interfaces())


def heat_region_names(request: ApiRequest) -> list[str]:
    """Names of :func:`heat_regions`."""
    return [region.name for region in heat_regions(request)]


def region_named(request: ApiRequest, name: str) -> Region:
    """The Heat region called ``name``; raises :class:`UnknownRegion`."""
    for region in heat_regions(request):
        if region.name == name:
            return region
    raise UnknownRegion(name)
