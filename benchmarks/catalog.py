"""A middleware of the benchmark's own Horizon: Heat through the proxies.

The demo cloud's catalog is left alone (other people use it); in the
benchmark's process only, every orchestration endpoint listed in the
``MRD_BENCH_PROXIES`` environment variable (``8004=8104,8014=8114``:
Heat's port, then its proxy's port) is replaced, for the logged-in user of
each request, by its delaying proxy, and the orchestration endpoints not
listed are dropped: the user sees the benchmark's regions only. Both
dashboards then reach Heat through the same proxies. Without the variable
the catalog is left as it is. A request with the header
``X-MRD-Bench-Without: <region>`` sees the catalog without that region's
Heat (a page's baseline without a region).
"""

import copy
import os
from urllib.parse import urlsplit


def proxied_ports() -> dict[str, str]:
    pairs = os.environ.get("MRD_BENCH_PROXIES", "")
    return dict(pair.split("=") for pair in pairs.split(",") if pair)


def proxied_catalog(catalog: list[dict], ports: dict[str, str]) -> list:
    """``catalog`` with Heat through the proxies of ``ports`` (Heat's
    port: proxy's port), the others left out; untouched without ports."""
    if not ports:
        return catalog
    catalog = proxied_endpoints(catalog, ports)
    proxies = {int(proxy) for proxy in ports.values()}
    for service in catalog:
        if service.get("type") == "orchestration":
            service["endpoints"] = [
                endpoint for endpoint in service.get("endpoints", ())
                if urlsplit(endpoint["url"]).port in proxies]
    return catalog


def proxied_endpoints(catalog: list[dict], ports: dict[str, str]) -> list:
    """``catalog`` with every endpoint on a port of ``ports`` (the
    service's port: its proxy's port) through its proxy, whatever its
    service; the other endpoints left as they are."""
    catalog = copy.deepcopy(catalog)
    for service in catalog:
        for endpoint in service.get("endpoints", ()):
            url = urlsplit(endpoint["url"])
            if str(url.port) in ports:
                endpoint["url"] = url._replace(
                    netloc=f"{url.hostname}:{ports[str(url.port)]}").geturl()
    return catalog


def without_region(catalog: list[dict], region: str | None) -> list:
    """``catalog`` without the orchestration endpoints of ``region``."""
    if not region:
        return catalog
    catalog = copy.deepcopy(catalog)
    for service in catalog:
        if service.get("type") == "orchestration":
            service["endpoints"] = [
                endpoint for endpoint in service.get("endpoints", ())
                if endpoint.get("region_id", endpoint.get("region")) != region]
    return catalog


class ProxiedCatalogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.ports = proxied_ports()

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            user.service_catalog = without_region(
                proxied_catalog(user.service_catalog, self.ports),
                request.META.get("HTTP_X_MRD_BENCH_WITHOUT"))
        return self.get_response(request)
