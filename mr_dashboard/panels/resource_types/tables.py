"""Tables comparing regions: one row per resource type (or template
version), one column per region, rows that differ between regions marked.

The region columns depend on the user's catalog, so :func:`for_regions`
builds the table class for the regions at hand.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from horizon import tables

from mr_dashboard import constants
from mr_dashboard.safe_reverse import safe_reverse

OFFERED = pgettext_lazy("Region offers it", "Yes")
MISSING = pgettext_lazy("Region offers it", "Missing")
UNKNOWN = pgettext_lazy("Region offers it", "Unknown")


@dataclass(frozen=True)
class Row:
    """One name and whether each region offers it (None: not known)."""

    name: str
    offered: dict[str, bool | None] = field(hash=False)
    aliases: tuple[str, ...] = ()

    @property
    def differs(self) -> bool:
        return len({v for v in self.offered.values() if v is not None}) > 1


def compare(names: dict[str, set[str] | None]) -> list[Row]:
    """Rows for every name any region offers; ``names`` maps a region to
    what it offers, or None when it did not answer."""
    every = sorted(set().union(*(found for found in names.values()
                                 if found is not None)))
    return [Row(name, {region: None if found is None else name in found
                       for region, found in names.items()})
            for name in every]


class ComparisonRow(tables.Row):
    """Marks the rows where regions differ."""

    def load_cells(self, datum=None):
        super().load_cells(datum)
        if self.datum is not None and self.datum.differs:
            self.classes.append("warning")
            self.attrs["data-mr-differs"] = "true"


def _region_column(region: str) -> tables.Column:
    def mark(row: Row) -> str:
        value = row.offered.get(region)
        return UNKNOWN if value is None else OFFERED if value else MISSING
    return tables.Column(mark, verbose_name=region, sortable=False,
                         attrs={"data-mr-region": region})


def _differs_column() -> tables.Column:
    return tables.Column(lambda row: _("Differs") if row.differs else "",
                         verbose_name=_("Between regions"))


def type_url(row: Row) -> str | None:
    return safe_reverse(constants.RESOURCE_TYPE_DETAIL_URL, (row.name,))


class NameFilter(tables.FilterAction):
    """Filters the rows by name, in the browser."""

    def filter(self, table, rows, filter_string):
        return [row for row in rows if filter_string.lower() in
                row.name.lower()]


class ComparisonTable(tables.DataTable):
    """Rows are named: the name is the row's id."""

    def get_object_id(self, datum: Row) -> str:
        return datum.name


class TypesTable(ComparisonTable):
    name = tables.Column("name", verbose_name=_("Resource type"),
                         link=type_url)
    differs = _differs_column()

    class Meta:
        name = "resource_types"
        verbose_name = _("Resource types")
        row_class = ComparisonRow
        table_actions = (NameFilter,)


class VersionsTable(ComparisonTable):
    name = tables.Column("name", verbose_name=_("Template version"))
    aliases = tables.Column(lambda row: ", ".join(row.aliases),
                            verbose_name=_("Also called"))
    differs = _differs_column()

    class Meta:
        name = "template_versions"
        verbose_name = _("Template versions")
        row_class = ComparisonRow


def for_regions(table_class: type, regions: list[str]) -> type:
    """``table_class`` with one column per region, in order."""
    columns = {f"region_{index}": _region_column(region)
               for index, region in enumerate(regions)}
    return type(table_class.__name__, (table_class,),
                {**columns, "Meta": table_class.Meta,
                 "__module__": __name__})
