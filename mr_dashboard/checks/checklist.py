"""The checks a launch passes before anything is created, per region.

For every stack a launch creates (the root and each ``OS::Heat::Stack``,
found by :mod:`mr_dashboard.hot.children`): its region is resolved, is in
the catalog with Heat, answers, accepts the template's version and offers
every resource type the stack uses there, and its Heat validates the
stack's template; a ``credential_secret_id`` must name a secret the user
can see. All regions are asked at once (one call per region, each region
checking its own stacks); a failure names the region, the stack and the
reason.
A stack in another cloud (credentials) is checked in that cloud, through
the plugin's request into it (:func:`mr_dashboard.api.other_cloud.
cloud_request`): its Heat's offer, validate and preview there, and what
that cloud's region holds, on the same request.

Then what each region holds (:mod:`~mr_dashboard.checks.holdings`): every
value naming a cloud object, checked where it lands, and the quotas. Its
calls run on the same scheduler as the Heat checks, at the same time, and
so do Heat's previews of every stack in its region
(:mod:`~mr_dashboard.checks.previews`): Heat's own verdict on the values.
"""

import dataclasses
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from heatclient import exc as heat_exc
from keystoneauth1 import exceptions as ksa_exc

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api import barbican
from mr_dashboard.api import other_cloud
from mr_dashboard.api import parallel
from mr_dashboard.api import heat
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.errors import explain
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.api.regions import heat_region_names
from mr_dashboard.checks.holdings import Holdings
from mr_dashboard.checks.offers import region_offer
from mr_dashboard.checks.previews import Previews
from mr_dashboard.checks.previews import preview_objection
from mr_dashboard.checks.rows import Check
from mr_dashboard.checks.rows import stack_label
from mr_dashboard.hot import context
from mr_dashboard.hot import values
from mr_dashboard.hot.children import Placement
from mr_dashboard.hot.resolve import Launchable
from mr_dashboard.hot.values import Unknown

REGION_RESOLVED = gettext_lazy("Region resolved")
REGION_HAS_HEAT = gettext_lazy("Region offers Heat")
HEAT_ANSWERS = gettext_lazy("Heat answers")
VERSION = gettext_lazy("Template version supported")
TYPES = gettext_lazy("Resource types available")
VALIDATES = gettext_lazy("Template validates there")
SECRET = gettext_lazy("Credential secret readable")
OTHER_CLOUD = gettext_lazy("Checks in the other cloud")


@dataclass(frozen=True)
class Checklist:
    """Every check of a launch, in the order of the stacks."""

    checks: tuple[Check, ...]

    @property
    def passed(self) -> bool:
        """True when nothing failed or was skipped."""
        return all(check.status in (constants.CHECK_PASSED,
                                    constants.CHECK_NOT_HERE)
                   for check in self.checks)

    def failures(self) -> list[Check]:
        return [check for check in self.checks
                if check.status == constants.CHECK_FAILED]

    def by_region(self) -> list[tuple[str, list[Check]]]:
        """The checks grouped by region, regions in first-seen order."""
        groups: dict[str, list[Check]] = {}
        for check in self.checks:
            groups.setdefault(check.region, []).append(check)
        return list(groups.items())


class _Stack:
    """Collects the checks of one placement."""

    def __init__(self, placement: Placement, region: str) -> None:
        self.placement, self.region, self.checks = placement, region, []

    def add(self, name, ok: bool, reason: str = "") -> bool:
        self.checks.append(Check(
            self.region, stack_label(self.placement.name), str(name),
            constants.CHECK_PASSED if ok else constants.CHECK_FAILED,
            "" if ok else reason))
        return ok

    def skip(self, *names, status=constants.CHECK_SKIPPED, reason="") -> None:
        for name in names:
            self.checks.append(Check(
                self.region, stack_label(self.placement.name), str(name),
                status, reason))


def _validate(request, region: str, placement: Placement,
              launchable: Launchable, root_values: dict) -> str:
    """Heat's objection to the stack's template in ``region``, or ""."""
    if not placement.path:
        fields = {**launchable.heat_fields(), "parameters": root_values}
    else:
        fields = {"template": placement.template,
                  "files": launchable.files,
                  "parameters": placement.parameters,
                  "environment": {key: launchable.environment[key] for key in
                                  ("parameter_defaults",
                                   "resource_registry")}}
    try:
        heat.template_validate(request, region, **fields)
    except heat_exc.HTTPException as exc:
        return explain(exc, (request.user.token.id,))
    return ""


def _check_region(request, region: str, placements: list[Placement],
                  launchable: Launchable, root_values: dict) -> list[_Stack]:
    """Checks of the stacks that run in ``region`` (one fan-out job)."""
    offer = region_offer(request, region)
    done = []
    for placement in placements:
        stack = _Stack(placement, region)
        stack.add(HEAT_ANSWERS, True)
        version_ok = stack.add(VERSION, offer.accepts(placement.version), _(
            "%(version)s is not accepted in %(region)s.")
            % {"version": placement.version or _("No version"),
               "region": region})
        missing = sorted(placement.resource_types - offer.resource_types)
        types_ok = stack.add(TYPES, not missing, _(
            "Not available in %(region)s: %(types)s.")
            % {"region": region, "types": ", ".join(missing)})
        if version_ok and types_ok:
            objection = _validate(request, region, placement, launchable,
                                  root_values)
            stack.add(VALIDATES, not objection, objection)
        else:
            stack.skip(VALIDATES, reason=_("Fix the checks above first."))
        done.append(stack)
    return done


def _check_secret(request, placement: Placement) -> _Stack:
    stack = _Stack(placement, placement.parent_region or "")
    try:
        barbican.secret_show(request, placement.parent_region,
                             placement.credential_secret_id)
        stack.add(SECRET, True)
    except (ksa_exc.ClientException, LookupError) as exc:
        stack.add(SECRET, False, _("Secret %(id)s cannot be read in "
                                   "%(region)s: %(why)s.")
                  % {"id": placement.credential_secret_id,
                     "region": placement.parent_region,
                     "why": explain(exc, (request.user.token.id,))})
    return stack


def _access(placements: list[Placement], placement: Placement
            ) -> other_cloud.Access:
    """How the other cloud of ``placement`` is reached: the context of
    the OS::Heat::Stack in its parent's template, as Heat reads it (a
    resource deeper in a provider template: the secret, Horizon's TLS)."""
    parent = next((one for one in placements
                   if one.path == placement.path[:-1]), None)
    spec = context.remote_specs(parent.template, parent.parameters,
                                parent.region or "").get(
                                    placement.path[-1]) if parent else None
    if spec is not None and spec.secret:
        return other_cloud.Access.of(spec)
    return other_cloud.Access(placement.credential_secret_id or "")


def _check_cloud(request, region: str, placement: Placement,
                 access: other_cloud.Access, launchable: Launchable,
                 root_values: dict, fields: dict | Unknown | None
                 ) -> tuple[list[Check], RegionResult | Unknown | None,
                            ApiRequest | None]:
    """The Heat checks and the preview (none without ``fields``) of a
    stack of another cloud, in that cloud (one scheduler call: log in
    there, then check), and the request into that cloud (None when it
    cannot be reached)."""
    label = other_cloud.region_label(region)
    try:
        there = other_cloud.cloud_request(request, access)
    except other_cloud.CloudUnavailable as exc:
        stack = _Stack(placement, label)
        stack.skip(OTHER_CLOUD, reason=_("Could not check in the other "
                                         "cloud: %(why)s") % {"why": exc})
        return stack.checks, Unknown(str(exc)), None
    [stack] = _check_region(there, region, [placement], launchable,
                            root_values)
    preview = fields if fields is None or isinstance(fields, Unknown) \
        else RegionResult(label, value=preview_objection(there, region,
                                                         fields))
    return [dataclasses.replace(check, region=label)
            for check in stack.checks], preview, there


def run_checks(request: HttpRequest, launchable: Launchable,
               placements: list[Placement], root_values: dict[str, str],
               count_quotas: bool = True) -> Checklist:
    """Run every check of a launch; ``root_values`` are the parameters
    entered for the root, as Heat takes them. An update passes
    ``count_quotas=False``: what its stack holds already counts in the
    quotas' usage, and Heat's create preview does not apply (the values
    entered are only the changed ones; the update's own Preview asks
    Heat's update preview)."""
    creating = count_quotas
    known = set(heat_region_names(request))
    jobs: dict[str, list[int]] = {}
    clouds: list[int] = []
    stacks: list[_Stack] = []
    for index, placement in enumerate(placements):
        stack = _Stack(placement, placement.region or _("(unknown)"))
        if placement.credential_secret_id and not placement.problem:
            stack = _check_secret(request, placement)
            if stack.checks[-1].status == constants.CHECK_PASSED:
                clouds.append(index)
        elif not stack.add(REGION_RESOLVED, not placement.problem,
                           placement.problem):
            stack.skip(REGION_HAS_HEAT, HEAT_ANSWERS, VERSION, TYPES,
                       VALIDATES)
        elif not stack.add(REGION_HAS_HEAT, placement.region in known, _(
                "No region named %(region)s offers Heat in your catalog.")
                % {"region": placement.region}):
            stack.skip(HEAT_ANSWERS, VERSION, TYPES, VALIDATES)
        else:
            jobs.setdefault(placement.region, []).append(index)
        stacks.append(stack)
    scheduler = parallel.CallScheduler(
        request, conf.max_parallel(), conf.fan_out_deadline(), queued=True)
    # The previews first: Heat's preview is the longest call of each region.
    landing = values.landing(launchable, placements)
    previews = Previews(request, launchable, root_values, landing)
    if creating:
        previews.start(scheduler, [placements[index] for indices in
                                   jobs.values() for index in indices])
    results: dict = {}
    scheduler.call_all(results.update, {region: parallel.Call(
        region, _check_region, ([placements[i] for i in jobs[region]],
                                launchable, root_values)) for region in jobs})
    holdings = Holdings(request, landing, {
        placements[index].path for indices in jobs.values()
        for index in indices}, count_quotas)
    holdings.start(scheduler)
    elsewhere: dict[int, RegionResult] = {}
    held_there: list[Holdings] = []

    def checked_there(index: int) -> parallel.Continuation:
        def then(result: RegionResult) -> None:
            elsewhere[index] = result
            if result.ok and result.value[2] is not None:
                # What that cloud's region holds, on the request into it.
                held_there.append(Holdings(
                    result.value[2], landing, {placements[index].path},
                    count_quotas, other_cloud.region_label))
                held_there[-1].start(scheduler)
        return then

    for index in clouds:
        scheduler.call(checked_there(index), parallel.Call(
            placements[index].region, _check_cloud, (
                placements[index], _access(placements, placements[index]),
                launchable, root_values,
                previews.fields(placements[index]) if creating else None)))
    scheduler.run()
    for index in clouds:
        result = elsewhere.get(index)
        if result is None or not result.ok:
            stacks[index].skip(OTHER_CLOUD, reason=_(
                "Could not check in the other cloud: %(why)s") % {
                "why": result.error.message if result else _("no answer")})
            continue
        rows, previews.results[placements[index].path], _there = \
            result.value
        stacks[index].checks += rows
        if creating:
            stacks[index].checks.append(previews.row(
                placements[index], any(
                    check.status != constants.CHECK_PASSED
                    for check in stacks[index].checks), rows[-1].region))
    for region, result in results.items():
        for position, index in enumerate(jobs[region]):
            if result.ok:
                stacks[index].checks += result.value[position].checks
            else:
                stacks[index].add(HEAT_ANSWERS, False, result.error.message)
                stacks[index].skip(VERSION, TYPES, VALIDATES)
            if creating:
                stacks[index].checks.append(previews.row(
                    placements[index], any(
                        check.status != constants.CHECK_PASSED
                        for check in stacks[index].checks)))
    return Checklist(tuple(check for stack in stacks
                           for check in stack.checks) + tuple(
                               holdings.checks()) + tuple(
                                   check for there in held_there
                                   for check in there.checks()))
