"""The checks of what each region holds: every value that names a cloud
object, checked in the region where it lands, and the quotas there.

:mod:`mr_dashboard.hot.values` tells the value each property and
parameter of every stack gets; which of them name which kind comes from
Heat (a parameter's ``custom_constraint``, and each resource type's schema
in the stack's region, :mod:`~mr_dashboard.checks.schemas`); each
(kind, region) is listed once (:mod:`~mr_dashboard.checks.lookups`). A
server without networks is refused as Heat's Nova client refuses it from
microversion 2.37 on. What the launch creates is counted against what is
left of the quotas (:mod:`~mr_dashboard.checks.quota_demand`).

Every call runs on the scheduler the checklist runs the Heat checks on
(:class:`mr_dashboard.api.parallel.CallScheduler`): a schema's answer
starts the listings it calls for, so the whole takes about the time of the
slowest chain. A region whose service fails or hangs gives its rows "Not
run" with the reason: never a pass.
"""

import dataclasses
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from mr_dashboard import constants
from mr_dashboard.api.iaas import compute
from mr_dashboard.api import parallel
from mr_dashboard.api.iaas import sdk
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.checks import lookups
from mr_dashboard.checks import quota_demand
from mr_dashboard.checks import schemas
from mr_dashboard.checks.rows import Check
from mr_dashboard.checks.rows import stack_label
from mr_dashboard.hot import values
from mr_dashboard.hot.children import Placement
from mr_dashboard.hot.params import custom_constraint
from mr_dashboard.hot.values import Made
from mr_dashboard.hot.values import Unknown

#: Nova's microversion from which python-novaclient, as Heat calls it,
#: refuses a server without networks ("nics are required after
#: microversion 2.36").
NICS_REQUIRED = (2, 37)
_LIST_TYPES = ("comma_delimited_list", "CommaDelimitedList")


def _is_cloud_object(constraint: str) -> bool:
    """True for a service's constraint (``glance.image``); Heat's common
    ones (``ip_addr``, ``net_cidr``...) have no service prefix."""
    return "." in constraint


def _each(value: Any, spec: dict | None = None) -> list[Any]:
    """The values one setting gives: a list's items, a comma-delimited
    list parameter's parts, or the value itself."""
    if isinstance(value, str) and spec and spec.get(
            "type", spec.get("Type")) in _LIST_TYPES:
        return [part.strip() for part in value.split(",")]
    return list(value) if isinstance(value, list) else [value]


class Holdings:
    """The holdings checks of one launch, started on a scheduler."""

    def __init__(self, request: ApiRequest, landing: values.Landing,
                 checked: set[tuple[str, ...]],
                 count_quotas: bool = True,
                 shown: Callable[[str], str] = str) -> None:
        """``landing``: what lands in every stack of the launch
        (:func:`mr_dashboard.hot.values.landing`); ``checked``: the paths
        of the stacks whose region is checked here, on ``request`` (the
        user's, or a request into another cloud); ``shown`` names a
        region in the rows ("RegionOne of the other cloud")."""
        self.request, self.count_quotas = request, count_quotas
        self.shown = shown
        self.landing = values.Landing(
            [resource for resource in landing.resources
             if resource.placement.path in checked],
            [given for given in landing.parameters
             if given.placement.path in checked])
        self.scheduler: parallel.CallScheduler | None = None
        #: (placement, where, constraint, value) to look up.
        self.items: list[tuple[Placement, str, str, Any]] = []
        self.lookups: dict[tuple[str, str], RegionResult | str] = {}
        #: (constraint, region, value) -> what a finder found.
        self.finds: dict[tuple[str, str, str], RegionResult | None] = {}
        self.schemas: dict[tuple[str, str], RegionResult] = {}
        self.microversions: dict[str, RegionResult] = {}
        self.headroom: dict[tuple[str, int], RegionResult] = {}

    def _call(self, store: Callable[[RegionResult], None], region: str,
              function: Callable, *args: Any) -> None:
        self.scheduler.call(store, parallel.Call(region, function, args,
                                                 self.request))

    def start(self, scheduler: parallel.CallScheduler) -> None:
        """Start every call whose need is known now."""
        self.scheduler = scheduler
        for given in self.landing.parameters:
            constraint = custom_constraint(given.spec)
            if constraint and _is_cloud_object(constraint):
                for value in _each(given.value, given.spec):
                    self._item(given.placement, _("Parameter %(name)s") % {
                        "name": ".".join(given.path + (given.parameter,))},
                               constraint, value)
        for region, type_name in dict.fromkeys(
                (resource.region, resource.type)
                for resource in self.landing.resources):
            self._call(self._schema_of(region, type_name), region,
                       schemas.type_constraints, type_name)
        servers = [resource for resource in self.landing.resources
                   if resource.type in quota_demand.SERVERS]
        for region in dict.fromkeys(resource.region
                                    for resource in self._bare(servers)):
            self._call(self._keep(self.microversions, region), region,
                       compute.max_microversion)
        for region in dict.fromkeys(resource.region for resource in servers):
            self._lookup("nova.flavor", region)
        for region, wanted in self._demand({}).items():
            for index, (kinds, reader) in enumerate(quota_demand.READERS):
                if kinds & wanted.kinds():
                    self._call(self._keep(self.headroom, (region, index)),
                               region, reader)

    @staticmethod
    def _bare(servers: list[values.Landed]) -> list[values.Landed]:
        """The servers made (at least maybe) without networks."""
        return [server for server in servers if server.count != 0
                and not any(server.properties.get(key) for key
                            in quota_demand.SERVERS[server.type][1])]

    def _demand(self, flavors: dict) -> dict[str, quota_demand.Demand]:
        if not self.count_quotas:
            return {}
        return quota_demand.demand(self.landing.resources, flavors)

    @staticmethod
    def _keep(where: dict, key: Any) -> Callable[[RegionResult], None]:
        def store(result: RegionResult) -> None:
            where[key] = result
        return store

    def _schema_of(self, region: str, type_name: str
                   ) -> Callable[[RegionResult], None]:
        def found(result: RegionResult) -> None:
            self.schemas[region, type_name] = result
            if not result.ok:
                return
            for resource in self.landing.resources:
                if (resource.region, resource.type) != (region, type_name) \
                        or resource.count == 0:  # none made: nothing used
                    continue
                for path, constraint in result.value:
                    if not _is_cloud_object(constraint):
                        continue
                    for shown, value in schemas.values_at(
                            resource.properties, path):
                        for one in _each(value):
                            self._item(resource.placement,
                                       f"{resource.name}: {shown}",
                                       constraint, one)
        return found

    def _item(self, placement: Placement, where: str, constraint: str,
              value: Any) -> None:
        if value is None or value == "" or isinstance(value, Made):
            return  # not given (Heat skips it), or made by the stack
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # a string property takes a number as text
        self.items.append((placement, where, constraint, value))
        if not isinstance(value, str):
            return
        finder = lookups.FINDERS.get(constraint)
        key = (constraint, placement.region, value)
        if finder is None or not self._offered(constraint, placement.region):
            self._lookup(constraint, placement.region)
        elif key not in self.finds:
            self.finds[key] = None
            self._call(self._found(key), placement.region, finder, value)

    def _found(self, key: tuple[str, str, str]
               ) -> Callable[[RegionResult], None]:
        def store(result: RegionResult) -> None:
            self.finds[key] = result
            if result.ok and not result.value:  # the closest, for the row
                self._lookup(*key[:2])
        return store

    def _offered(self, constraint: str, region: str) -> bool:
        """Whether ``region`` has the service of ``constraint``'s lookup
        (else the lookup holds the reason, once)."""
        picker = lookups.LOOKUPS[constraint]
        if sdk.region_offers(self.request, region, picker.service):
            return True
        self.lookups[constraint, region] = _(
            "%(region)s offers no %(service)s service.") % {
            "region": self.shown(region), "service": picker.service}
        return False

    def _lookup(self, constraint: str, region: str) -> None:
        if (constraint, region) in self.lookups:
            return
        picker = lookups.LOOKUPS.get(constraint)
        self.lookups[constraint, region] = ""
        if picker is not None and self._offered(constraint, region):
            self._call(self._keep(self.lookups, (constraint, region)),
                       region, picker.list)

    # The rows, once every call has ended.

    def checks(self) -> list[Check]:
        """Every row: values, servers' networks, schemas not read,
        quotas."""
        items = sorted(dict.fromkeys(
            item for item in self.items
            if not isinstance(item[-1], (dict, list))),
            key=lambda item: (item[0].path, item[1]))
        rows = [self._value_row(*item) for item in items]
        rows += self._network_rows()
        rows += [Check(self.shown(region), str(_("(every stack here)")),
                       _("Schema of %(type)s") % {"type": type_name},
                       constants.CHECK_SKIPPED,
                       _("Could not check in %(region)s: %(error)s")
                       % {"region": self.shown(region),
                          "error": result.error.message})
                 for (region, type_name), result in self.schemas.items()
                 if not result.ok]
        flavors = {region: result.value for (constraint, region), result
                   in self.lookups.items() if constraint == "nova.flavor"
                   and isinstance(result, RegionResult) and result.ok}
        for region, wanted in self._demand(flavors).items():
            rows += quota_demand.quota_checks(dataclasses.replace(
                wanted, region=self.shown(region)), {
                index: self.headroom.get((region, index))
                for index in range(len(quota_demand.READERS))})
        return rows

    def _value_row(self, placement: Placement, where: str,
                   constraint: str, value: Any) -> Check:
        region = placement.region or ""
        shown = self.shown(region)

        def row(status: str, reason: str = "") -> Check:
            return Check(shown, stack_label(placement.name),
                         f"{where} ({constraint})", status, reason)

        if isinstance(value, Unknown):
            return row(constants.CHECK_NOT_HERE, _(
                "Known only at create: %(why)s.") % {"why": value.reason})
        found = self.lookups.get((constraint, region), "")
        if not isinstance(value, str):
            return row(constants.CHECK_FAILED, _(
                "A %(kind)s is named by a string, not by %(value)s.")
                % {"kind": lookups.kind_of(constraint), "value": value})
        if constraint not in lookups.LOOKUPS:
            return row(constants.CHECK_NOT_HERE, _(
                "Heat checks %(constraint)s values when it creates the "
                "stack.") % {"constraint": constraint})
        if isinstance(found, str) and found:  # the region lacks the service
            return row(constants.CHECK_FAILED, found)
        finding = self.finds.get((constraint, region, value))
        if finding is not None and finding.ok and (
                finding.value or not isinstance(found, RegionResult)
                or not found.ok):
            match = lookups.find(constraint, shown, value, finding.value) \
                if finding.value else lookups.missing(constraint, shown,
                                                      value)
        else:
            answer = finding if finding is not None and not finding.ok \
                else found
            if not isinstance(answer, RegionResult):
                return row(constants.CHECK_SKIPPED, _(
                    "Could not check in %(region)s: no answer.")
                    % {"region": shown})
            if not answer.ok:
                return row(constants.CHECK_SKIPPED, _(
                    "Could not check in %(region)s: %(error)s") % {
                    "region": shown, "error": answer.error.message})
            match = lookups.find(constraint, shown, value, answer.value)
        return row(constants.CHECK_PASSED if match.item else
                   constants.CHECK_FAILED, match.problem)

    def _network_rows(self) -> list[Check]:
        rows = []
        for resource in self._bare([
                resource for resource in self.landing.resources
                if resource.type in quota_demand.SERVERS]):
            result = self.microversions.get(resource.region)
            region = self.shown(resource.region)
            row = Check(region, stack_label(resource.placement.name),
                        f"{resource.name}: networks", constants.CHECK_PASSED)
            if isinstance(resource.count, Unknown):
                rows.append(Check(row.region, row.stack, row.name,
                                  constants.CHECK_NOT_HERE, _(
                                      "Known only at create: %(why)s.")
                                  % {"why": resource.count.reason}))
            elif result is None or not result.ok:
                rows.append(Check(row.region, row.stack, row.name,
                                  constants.CHECK_SKIPPED, _(
                                      "Could not check in %(region)s: "
                                      "%(error)s") % {
                                      "region": region,
                                      "error": result.error.message
                                      if result else _("no answer")}))
            elif result.value and result.value >= NICS_REQUIRED:
                rows.append(Check(row.region, row.stack, row.name,
                                  constants.CHECK_FAILED, _(
                                      "A server needs networks in "
                                      "%(region)s: its Nova speaks API "
                                      "%(version)s, and from 2.37 on Heat's "
                                      "create fails with \"nics are "
                                      "required after microversion 2.36\".")
                                  % {"region": region,
                                     "version": "%d.%d" % result.value}))
            else:
                rows.append(row)
        return rows
