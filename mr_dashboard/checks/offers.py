"""What a region's Heat offers: template versions and resource types.

Both lists are asked of the region once per ``REGION_CACHE_SECONDS`` and
kept in Django's cache, keyed by the region's Heat endpoint and the
project (Heat leaves out the types whose service the project's catalog
lacks). The launch checks and the Resource Types panel read the same
entries; a type's schema is cached the same way.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.regions import region_named

_PREFIX = "mr_dashboard:offer"


@dataclass(frozen=True)
class RegionOffer:
    """The template versions and resource types of one region."""

    region: str
    versions: tuple[heat.TemplateVersion, ...]
    resource_types: frozenset[str]

    def version_names(self) -> frozenset[str]:
        """Every accepted version, aliases included."""
        return frozenset(name for version in self.versions
                         for name in (version.version, *version.aliases))

    def accepts(self, version: str) -> bool:
        return version in self.version_names()


def cached(request: HttpRequest, region: str, what: str,
           compute: Callable[[], Any]) -> Any:
    """``compute()``, kept per region endpoint, project and ``what``."""
    url = region_named(request, region).url_for(constants.ORCHESTRATION)
    project = getattr(request.user, "project_id", "") or ""
    digest = hashlib.sha256(f"{url}\0{project}\0{what}".encode()).hexdigest()
    key = f"{_PREFIX}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, conf.region_cache_seconds())
    return value


def region_offer(request: HttpRequest, region: str) -> RegionOffer:
    """What ``region`` offers, from the cache or asked now."""
    return cached(request, region, "offer", lambda: RegionOffer(
        region=region,
        versions=tuple(heat.template_versions(request, region)),
        resource_types=frozenset(heat.resource_types_list(request,
                                                          region))))


def type_schema(request: HttpRequest, region: str, type_name: str) -> dict:
    """The schema of ``type_name`` in ``region``, from the cache or asked
    now."""
    return cached(request, region, f"type:{type_name}",
                  lambda: heat.resource_type_show(request, region, type_name))
