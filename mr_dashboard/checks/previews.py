"""Heat's own verdict where it can give one without creating anything: a
stack preview of every stack of the launch, in its region.

Heat's ``validate`` reads the template only; a preview builds the stack
as a create would (``stack_name`` aside), so it also checks the parameter
values against their constraints (length, pattern, range, allowed
values, custom constraints), each resource's properties against the
region (images, flavors... with Heat's own finders) and the project's
stack limits. The root is previewed with the values entered; an
``OS::Heat::Stack`` child with the parameters its parent passes it,
resolved by :mod:`mr_dashboard.hot.values`. A child whose parameters are
known only at create is said so, not previewed. Every preview runs on
the checklist's scheduler, in parallel with the other checks.
"""

import uuid
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from heatclient import exc as heat_exc

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api import parallel
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.errors import explain
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.checks.rows import Check
from mr_dashboard.checks.rows import stack_label
from mr_dashboard.hot.children import Placement
from mr_dashboard.hot.resolve import Launchable
from mr_dashboard.hot.values import Landing
from mr_dashboard.hot.values import Unknown

PREVIEW = gettext_lazy("Heat's preview there")


def preview_objection(request: ApiRequest, region: str,
                      fields: dict[str, Any]) -> str:
    """Heat's objection to creating the stack of ``fields`` in
    ``region``, or "". The name is one no stack has (Heat refuses a
    preview under an existing name)."""
    try:
        heat.stack_preview(request, region,
                           stack_name=f"mr-check-{uuid.uuid4().hex[:12]}",
                           **fields)
    except heat_exc.HTTPException as exc:
        return explain(exc, (request.user.token.id,))
    return ""


def child_parameters(landing: Landing, placement: Placement
                     ) -> dict[str, Any] | Unknown:
    """The parameter values a child stack gets, or the first one known
    only at create."""
    found = {}
    for given in landing.parameters:
        if given.placement.path != placement.path or given.path:
            continue
        if isinstance(given.value, Unknown):
            return given.value
        found[given.parameter] = given.value
    return found


class Previews:
    """The previews of one launch, started on the checklist's scheduler."""

    def __init__(self, request: ApiRequest, launchable: Launchable,
                 root_values: dict[str, Any], landing: Landing) -> None:
        self.request, self.launchable = request, launchable
        self.root_values, self.landing = root_values, landing
        self.results: dict[tuple[str, ...], RegionResult | Unknown] = {}

    def fields(self, placement: Placement) -> dict[str, Any] | Unknown:
        """What Heat is given to preview ``placement``'s stack."""
        if not placement.path:
            return {**self.launchable.heat_fields(),
                    "parameters": self.root_values}
        parameters = child_parameters(self.landing, placement)
        if isinstance(parameters, Unknown):
            return parameters
        environment = self.launchable.environment
        return {"template": placement.template,
                "files": self.launchable.files, "parameters": parameters,
                "environment": {key: environment[key] for key in
                                ("parameter_defaults", "resource_registry")}}

    def start(self, scheduler: parallel.CallScheduler,
              placements: list[Placement]) -> None:
        """Start one preview per stack of ``placements``."""
        for placement in placements:
            fields = self.fields(placement)
            if isinstance(fields, Unknown):
                self.results[placement.path] = fields
                continue
            scheduler.call(self._keep(placement.path), parallel.Call(
                placement.region, preview_objection, (fields,)))

    def _keep(self, path: tuple[str, ...]):
        def store(result: RegionResult) -> None:
            self.results[path] = result
        return store

    def row(self, placement: Placement, earlier_failed: bool,
            region: str = "") -> Check:
        """The preview's row of ``placement``'s stack (in ``region``, as
        the row says it: default, the stack's)."""
        region = region or placement.region or ""

        def row(status: str, reason: str = "") -> Check:
            return Check(region, stack_label(placement.name), str(PREVIEW),
                         status, reason)

        result = self.results.get(placement.path)
        if earlier_failed:
            return row(constants.CHECK_SKIPPED,
                       _("Fix the checks above first."))
        if isinstance(result, Unknown):
            return row(constants.CHECK_NOT_HERE, _(
                "Known only at create: %(why)s.") % {"why": result.reason})
        if result is None or not result.ok:
            return row(constants.CHECK_SKIPPED, _(
                "Could not check in %(region)s: %(error)s") % {
                "region": region, "error": result.error.message
                if result else _("no answer")})
        if result.value:
            return row(constants.CHECK_FAILED, _(
                "Heat's preview of %(stack)s in %(region)s refuses it: "
                "%(why)s") % {"stack": stack_label(placement.name),
                              "region": region, "why": result.value})
        return row(constants.CHECK_PASSED)
