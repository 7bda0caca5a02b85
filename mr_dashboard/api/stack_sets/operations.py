"""The operations on a stack set: create, update, add or remove a region,
delete; each one a list of per-region steps (:mod:`.steps`) rolled out
(:mod:`.rollout`), the failed ones kept for a retry (:mod:`.pending`).

Every operation writes the set's next revision on each member it keeps
(tags only, where nothing else changes), so the set's regions and
revision are read again from Heat alone (:mod:`.members`).
"""

from typing import Any

from django.utils.translation import gettext

from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.stack_sets import pending
from mr_dashboard.api.stack_sets import rollout
from mr_dashboard.api.stack_sets import steps
from mr_dashboard.api.stack_sets import tags as set_tags
from mr_dashboard.api.stack_sets.members import StackSet


def run(request: ApiRequest, name: str, planned: list[dict],
        max_at_once: int | None = None, failures_tolerated: int = 0,
        skipped: dict[str, str] | None = None) -> dict[str, rollout.Outcome]:
    """Roll ``planned`` steps out (one per region); keep the failed. The
    regions of ``skipped`` (region: why) are not sent anything: their
    steps fail at once and are kept (a region known to be down, whose
    frozen API would carry the request out later, unseen)."""
    by_region = {data["region"]: data for data in planned}
    skipped = {region: why for region, why in (skipped or {}).items()
               if region in by_region}
    outcomes = rollout.roll_out(
        request, [region for region in by_region if region not in skipped],
        lambda req, region: steps.run_step(req, region, by_region[region]),
        max_at_once, failures_tolerated)
    outcomes.update({region: rollout.Outcome(region, rollout.FAILED, why)
                     for region, why in skipped.items()})
    outcomes = {region: outcomes[region] for region in by_region}
    pending.keep(request, name, list(by_region),
                 [by_region[region] for region, outcome in outcomes.items()
                  if not outcome.ok])
    return outcomes


def retry(request: ApiRequest, name: str,
          regions: list[str] | None = None) -> dict[str, rollout.Outcome]:
    """Run again the kept steps of the set ``name`` (of ``regions``)."""
    kept = [data for region, data in pending.kept(request, name).items()
            if regions is None or region in regions]
    return run(request, name, kept, failures_tolerated=len(kept))


def create(request: ApiRequest, name: str, regions: list[str],
           fields: dict[str, Any], values: dict[str, dict[str, str]],
           environment: dict | None = None, max_at_once: int | None = None,
           failures_tolerated: int = 0) -> dict[str, rollout.Outcome]:
    """Create the set ``name``: a member in every region of ``regions``
    with Heat's ``fields`` (template, files, timeout...) and that region's
    parameter ``values``."""
    set_tags.check_name(name)
    for region in regions:
        set_tags.check_region(region)
    set_id = set_tags.new_set_id()
    template = fields["template"]
    digest = set_tags.template_digest(template, fields.get("files"))
    planned = [
        steps.step(steps.CREATE, region, name,
                   fields={**fields, "parameters": values[region]},
                   tags=set_tags.SetTags(
                       name, set_id, 1, digest, set_tags.parameters_digest(
                           template, values[region], environment),
                       tuple(regions)))
        for region in regions]
    return run(request, name, planned, max_at_once, failures_tolerated)


def _retag(stack_set: StackSet, regions: tuple[str, ...],
           **changed: Any) -> set_tags.SetTags:
    newest = stack_set.newest()[0].tags
    return set_tags.SetTags(name=stack_set.name, set_id=stack_set.set_id,
                            rev=stack_set.rev + 1,
                            template_digest=changed.get(
                                "template_digest", newest.template_digest),
                            parameters_digest="", regions=regions)


def _reached(stack_set: StackSet) -> list[str]:
    """Regions holding a member, or that could not be listed."""
    return [region for region in stack_set.regions
            if region in stack_set.members or region in stack_set.unknown]


def _member_id(stack_set: StackSet, region: str) -> str | None:
    member = stack_set.members.get(region)
    return member.stack.identity if member else None


def update(request: ApiRequest, stack_set: StackSet,
           values: dict[str, dict[str, str]],
           template_fields: dict[str, Any] | None = None,
           max_at_once: int | None = None, failures_tolerated: int = 0,
           skipped: dict[str, str] | None = None
           ) -> dict[str, rollout.Outcome]:
    """New parameter ``values`` per region (the others kept), and a new
    template if ``template_fields`` (template, files) are given: a PATCH
    of the member of every region of ``values``, but those of ``skipped``
    and of the regions that could not be listed, kept for a retry. A
    region of the set without values is left out, and says so."""
    changed = {}
    if template_fields:
        changed["template_digest"] = set_tags.template_digest(
            template_fields["template"], template_fields.get("files"))
    tags = _retag(stack_set, stack_set.regions, **changed)
    planned = [steps.step(steps.UPDATE, region, stack_set.name,
                          _member_id(stack_set, region),
                          {**(template_fields or {}),
                           "parameters": values[region]}, tags)
               for region in _reached(stack_set) if region in values]
    unknown = {region: gettext("Not sent: the region did not answer "
                               "(%s).") % error.message
               for region, error in stack_set.unknown.items()}
    outcomes = run(request, stack_set.name, planned, max_at_once,
                   failures_tolerated, {**unknown, **(skipped or {})})
    left_out = gettext("Left out: its member's values could not be read; "
                       "it stays behind until the set is updated again.")
    return {region: outcomes.get(region) or rollout.Outcome(
        region, rollout.NOT_STARTED, left_out)
        for region in stack_set.regions
        if region in outcomes or region in stack_set.members}


def add_region(request: ApiRequest, stack_set: StackSet, region: str,
               fields: dict[str, Any], values: dict[str, str],
               environment: dict | None = None
               ) -> dict[str, rollout.Outcome]:
    """A new member in ``region`` (Heat's ``fields``, its ``values``);
    the other members learn the region (their tags only)."""
    set_tags.check_region(region)
    regions = tuple(dict.fromkeys(stack_set.regions + (region,)))
    tags = _retag(stack_set, regions)
    new = steps.step(steps.CREATE, region, stack_set.name,
                     fields={**fields, "parameters": values},
                     tags=set_tags.SetTags(
                         tags.name, tags.set_id, tags.rev,
                         set_tags.template_digest(fields["template"],
                                                  fields.get("files")),
                         set_tags.parameters_digest(
                             fields["template"], values, environment),
                         regions))
    planned = [steps.step(steps.UPDATE, other, stack_set.name,
                          _member_id(stack_set, other), {}, tags)
               for other in _reached(stack_set) if other != region]
    return run(request, stack_set.name, [new, *planned],
               failures_tolerated=len(planned) + 1)


def remove_region(request: ApiRequest, stack_set: StackSet, region: str,
                  delete: bool) -> dict[str, rollout.Outcome]:
    """The member of ``region`` deleted (or, without ``delete``, left out
    of the set: its set tags removed); the others forget the region."""
    regions = tuple(other for other in stack_set.regions if other != region)
    tags = _retag(stack_set, regions)
    gone = steps.step(steps.DELETE if delete else steps.LEAVE, region,
                      stack_set.name, _member_id(stack_set, region))
    planned = [steps.step(steps.UPDATE, other, stack_set.name,
                          _member_id(stack_set, other), {}, tags)
               for other in _reached(stack_set) if other != region]
    return run(request, stack_set.name, [gone, *planned],
               failures_tolerated=len(planned) + 1)


def delete(request: ApiRequest,
           stack_set: StackSet) -> dict[str, rollout.Outcome]:
    """Every member deleted, in every region at once."""
    planned = [steps.step(steps.DELETE, region, stack_set.name,
                          _member_id(stack_set, region))
               for region in _reached(stack_set)]
    return run(request, stack_set.name, planned,
               failures_tolerated=len(planned))
