"""The Regions table: one row per region offering Heat.

The health column is rendered as "Checking…" and filled in by the page's
script from the health view, so the table never waits for a region. Each
health cell names its region in ``data-mr-health-region``.
"""

from django.template.defaultfilters import unordered_list
from django.utils.translation import gettext_lazy as _

from horizon import tables
from horizon.tables.base import Cell

from mr_dashboard import constants
from mr_dashboard.api.regions import Region

HEALTH_COLUMN = "health"


def endpoint_lines(region: Region) -> list[str]:
    """``"service: url"`` lines: orchestration, key-manager and identity
    first, the other services after them by name."""
    rank = {service: i for i, service in
            enumerate(constants.LEADING_SERVICES)}
    services = sorted(region.endpoints,
                      key=lambda service: (rank.get(service, len(rank)),
                                           service))
    return [f"{service}: {region.endpoints[service]}" for service in services]


def health_placeholder(region: Region) -> str:
    """What a health cell shows until the script has asked the region."""
    return constants.HEALTH_CHECKING


class RegionCell(Cell):
    """A cell that tells the health script which region it belongs to."""

    def __init__(self, datum, column, row, attrs=None, classes=None) -> None:
        if column.name == HEALTH_COLUMN:
            attrs = {**(attrs or {}),
                     "data-mr-health-region": datum.name,
                     "data-mr-health-state": "checking"}
        super().__init__(datum, column, row, attrs=attrs, classes=classes)


class RegionsTable(tables.DataTable):
    name = tables.Column("name", verbose_name=_("Region"))
    endpoints = tables.Column(endpoint_lines,
                              verbose_name=_("Endpoints"),
                              filters=(unordered_list,),
                              wrap_list=True,
                              sortable=False)
    health = tables.Column(health_placeholder,
                           verbose_name=_("Health"),
                           classes=("mr-health",),
                           sortable=False)

    def get_object_id(self, datum: Region) -> str:
        return datum.name

    def get_object_display(self, datum: Region) -> str:
        return datum.name

    class Meta:
        name = "regions"
        verbose_name = _("Regions")
        cell_class = RegionCell
