"""Regions of the user's service catalog that offer Heat.

Reads the Keystone v3 catalog Horizon keeps on ``request.user``: a list of
``{type, name, endpoints: [{interface, region, region_id, url}]}``. Nothing
here calls a cloud.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from keystoneauth1 import exceptions as ksa_exc
from keystoneauth1.access import service_catalog

from horizon.utils.memoized import memoized

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.exceptions import UnknownRegion


@dataclass(frozen=True)
class Region:
    """A region offering Heat, with its endpoint URL per service type (as
    the catalog names it), looked up through keystoneauth's catalog."""

    name: str
    endpoints: Mapping[str, str] = field(default_factory=dict, hash=False)
    catalog: service_catalog.ServiceCatalog | None = field(
        default=None, hash=False, compare=False, repr=False)
    interfaces: tuple[str, ...] = field(default=(), hash=False,
                                        compare=False, repr=False)

    def url_for(self, service_type: str) -> str | None:
        """The region's URL for ``service_type`` or one of its official
        aliases (``block-storage`` is also ``volumev3``...), or None."""
        if service_type in self.endpoints:
            return self.endpoints[service_type]
        if self.catalog is not None:
            try:
                return self.catalog.url_for(
                    service_type=service_type,
                    interface=list(self.interfaces), region_name=self.name)
            except ksa_exc.EndpointNotFound:
                pass
        return None


def region_names(catalog: Iterable[Mapping] | None) -> list[str]:
    """Every region some endpoint of ``catalog`` is in, sorted."""
    found = service_catalog.ServiceCatalogV3(list(catalog or ()))
    return sorted({endpoint["region_name"]
                   for service in found.normalize_catalog()
                   for endpoint in service["endpoints"]
                   if endpoint["region_name"]})


def catalog_regions(catalog: Iterable[Mapping] | None,
                    interfaces: tuple[str, ...]) -> list[Region]:
    """Regions of ``catalog`` with an orchestration endpoint, by name.

    Each region carries the URL of every service it offers through one of
    ``interfaces`` (the first that has one, in that region). Like Horizon,
    an identity service registered in one region only is taken as global
    and shown for every region.
    """
    found = service_catalog.ServiceCatalogV3(list(catalog or ()))
    preferred = [found.normalize_interface(name) for name in interfaces]
    ranked = sorted(
        (endpoint for endpoints in found.get_endpoints_data().values()
         for endpoint in endpoints
         if endpoint.service_type and endpoint.interface in preferred),
        key=lambda endpoint: preferred.index(endpoint.interface))
    by_region: dict[str | None, dict[str, str]] = {}
    for endpoint in ranked:  # one pass: the first interface that has one
        by_region.setdefault(endpoint.region_name, {}).setdefault(
            endpoint.service_type, endpoint.url)
    identity = next((endpoint.url for endpoint in ranked
                     if endpoint.service_type == constants.IDENTITY), None)
    regions = []
    for name in sorted(name for name in by_region if name):
        endpoints = by_region[name]
        if constants.ORCHESTRATION not in endpoints:
            continue
        if identity:
            endpoints.setdefault(constants.IDENTITY, identity)
        regions.append(Region(name=name, endpoints=endpoints, catalog=found,
                              interfaces=tuple(interfaces)))
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
