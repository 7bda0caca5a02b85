"""Views of the Resource Types panel.

The index asks every region (or the one chosen in the dropdown) for its
template versions and resource types — through the short-lived cache the
launch checks share — and shows them side by side, within the page's
budget: a late region's column comes by the page's follow-up
(:mod:`~mr_dashboard.panels.shared.late_section`). A type's page shows its
schema in each region, and which regions' schemas differ.
"""

import json
from functools import partial

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from horizon import views

from mr_dashboard import constants
from mr_dashboard.api import late_regions
from mr_dashboard.api.regions import heat_region_names
from mr_dashboard.checks import offers
from mr_dashboard.panels.resource_types import tables
from mr_dashboard.panels.shared.late_section import LateSection
from mr_dashboard.panels.shared.policy import PolicyRequired
from mr_dashboard.selection import selected_region


def _regions(request) -> list[str]:
    chosen = selected_region(request)
    return [chosen] if chosen else heat_region_names(request)


def failed_regions(results: dict) -> list:
    """The results of the regions that did not answer."""
    return [result for result in results.values() if not result.ok]


class IndexView(LateSection, views.HorizonTemplateView):
    template_name = "project/mr_resource_types/index.html"
    section_template = "project/mr_resource_types/_offers.html"
    page_title = _("Resource Types")
    pace = "offers"

    def listing(self) -> late_regions.Listed:
        return late_regions.fan_out(self.request, offers.region_offer,
                                    _regions(self.request), self.pace)

    def section_context(self, listed: late_regions.Listed) -> dict:
        results = listed.results
        regions = list(results)
        types = tables.compare({
            region: set(result.value.resource_types) if result.ok else None
            for region, result in results.items()})
        versions = tables.compare({
            region: {v.version for v in result.value.versions}
            if result.ok else None for region, result in results.items()})
        aliases = {v.version: v.aliases for result in results.values()
                   if result.ok for v in result.value.versions}
        versions = [tables.Row(row.name, row.offered, aliases.get(row.name,
                                                                  ()))
                    for row in versions]
        types_table = tables.for_regions(tables.TypesTable, regions)
        versions_table = tables.for_regions(tables.VersionsTable, regions)
        return {"types_table": types_table(self.request, data=types),
                "versions_table": versions_table(self.request,
                                                 data=versions),
                "differing": sum(row.differs for row in types),
                "failed": failed_regions(results)}


class DetailView(PolicyRequired, LateSection, views.HorizonTemplateView):
    template_name = "project/mr_resource_types/detail.html"
    section_template = "project/mr_resource_types/_schemas.html"
    policy_rules = constants.RESOURCE_TYPE_SHOW_POLICY
    pace = "type"

    def refused_url(self) -> str:
        return reverse(constants.RESOURCE_TYPES_INDEX_URL)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(page_title=self.kwargs["type_name"],
                       type_name=self.kwargs["type_name"])
        return context

    def listing(self) -> late_regions.Listed:
        return late_regions.fan_out(
            self.request, partial(offers.type_schema,
                                  type_name=self.kwargs["type_name"]),
            _regions(self.request), self.pace)

    def section_context(self, listed: late_regions.Listed) -> dict:
        results = listed.results
        schemas = {region: result.value for region, result in results.items()
                   if result.ok}
        first = json.dumps(next(iter(schemas.values()), None),
                           sort_keys=True)
        return {"schemas": [(region, schema, json.dumps(
            schema, sort_keys=True) != first) for region, schema in
            schemas.items()], "failed": failed_regions(results)}
