"""Views of the Regions panel: the table page and the health JSON its
script polls.

The page lists regions straight from the catalog and never calls a cloud,
so it renders at once even when a region is down; the health view does the
calls, in parallel and within the page's budget (:mod:`mr_dashboard.api.
health`): a region slower than usual is told late, and how its call ended
on a later poll.
"""

from django.http import JsonResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import generic
from django.views.decorators.cache import never_cache

from horizon import tables

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api import health
from mr_dashboard.api import regions
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.panels.regions.tables import RegionsTable
from mr_dashboard.selection import selected_region


class IndexView(tables.DataTableView):
    """The regions offering Heat, or only the one chosen in the dropdown."""

    table_class = RegionsTable
    template_name = "project/mr_regions/index.html"
    page_title = _("Regions")

    def get_data(self) -> list[regions.Region]:
        chosen = selected_region(self.request)
        return [region for region in regions.heat_regions(self.request)
                if chosen in (None, region.name)]

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["health_url"] = reverse(constants.REGIONS_HEALTH_URL)
        context["health_refresh_seconds"] = conf.health_refresh_seconds()
        return context


def health_entry(result: RegionResult) -> dict:
    """One region's health, as the page's script reads it."""
    elapsed_ms = round(result.elapsed * 1000)
    if result.ok:
        label = str(constants.HEALTH_OK)
        return {"ok": True, "kind": None, "label": label, "message": "",
                "elapsed_ms": elapsed_ms,
                "summary": gettext("%(label)s, %(ms)d ms")
                % {"label": label, "ms": elapsed_ms}}
    error = result.error
    label = str(error.label)
    return {"ok": False, "kind": error.kind, "label": label,
            "message": error.message, "elapsed_ms": elapsed_ms,
            "summary": gettext("%(label)s: %(message)s")
            % {"label": label, "message": error.message}}


@method_decorator(never_cache, name="dispatch")
class HealthView(generic.View):
    """``{region: {ok, kind, label, message, elapsed_ms, summary}}``."""

    http_method_names = ["get"]

    def get(self, request, *args, **kwargs) -> JsonResponse:
        chosen = selected_region(request)
        results = health.region_health(request, [chosen] if chosen else None)
        return JsonResponse({name: health_entry(result)
                             for name, result in results.items()})
