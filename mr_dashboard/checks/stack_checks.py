"""The checks of one stack in its region, as Heat answers them.

A stack's region answers, accepts the template's version and offers every
resource type the stack uses there, and its Heat validates the stack's
template (:func:`check_region`: every stack of one region, one call); a
``credential_secret_id`` must name a secret the user can see
(:func:`check_secret`); a stack in another cloud is checked in that
cloud, through the plugin's request into it (:func:`check_cloud`). The
rows of one stack are collected by :class:`StackRows`.
"""

import dataclasses

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from heatclient import exc as heat_exc
from keystoneauth1 import exceptions as ksa_exc

from mr_dashboard import constants
from mr_dashboard.api import barbican
from mr_dashboard.api import heat
from mr_dashboard.api import other_cloud
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.errors import explain
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.checks.offers import region_offer
from mr_dashboard.checks.previews import preview_objection
from mr_dashboard.checks.rows import Check
from mr_dashboard.checks.rows import stack_label
from mr_dashboard.hot import context
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


class StackRows:
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


def check_region(request, region: str, placements: list[Placement],
                 launchable: Launchable, root_values: dict
                 ) -> list[StackRows]:
    """Checks of the stacks that run in ``region`` (one fan-out job)."""
    offer = region_offer(request, region)
    done = []
    for placement in placements:
        stack = StackRows(placement, region)
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


def check_secret(request, placement: Placement) -> StackRows:
    stack = StackRows(placement, placement.parent_region or "")
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


def cloud_access(placements: list[Placement], placement: Placement
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


def check_cloud(request, region: str, placement: Placement,
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
        stack = StackRows(placement, label)
        stack.skip(OTHER_CLOUD, reason=_("Could not check in the other "
                                         "cloud: %(why)s") % {"why": exc})
        return stack.checks, Unknown(str(exc)), None
    [stack] = check_region(there, region, [placement], launchable,
                           root_values)
    preview = fields if fields is None or isinstance(fields, Unknown) \
        else RegionResult(label, value=preview_objection(there, region,
                                                         fields))
    return [dataclasses.replace(check, region=label)
            for check in stack.checks], preview, there
