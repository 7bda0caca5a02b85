"""The parameters step of a stack set: one form for several regions.

Each parameter has a field for every region (``param__<name>``) and one
per region (``param__<name>__<n>``, the n-th region): a region's own value
wins over the common one. Pickers list each region's own choices; the
common field lists the names found in every region (ids differ between
regions). Booleans have one value for all regions. Each field says where
its value lands (:mod:`~mr_dashboard.panels.shared.reach`): a member's own
value in its region and in every region its template sends it on to, the
common value in all of those of every member. A ``hidden`` value typed in
either is kept, sealed, in the draft
(:meth:`~mr_dashboard.panels.shared.draft.Draft.keep`). The checks run for
every region at once, each region with its own values, and the checklist
names the region of each failure.
"""

from django import forms as django_forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext

from horizon import forms

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api import parallel
from mr_dashboard.api.iaas import pickers
from mr_dashboard.api.stack_sets import operations
from mr_dashboard.api.stack_sets.tags import TagError
from mr_dashboard.checks import checklist
from mr_dashboard.panels.shared import credential_picking
from mr_dashboard.hot import children
from mr_dashboard.hot import params
from mr_dashboard.hot.parse import TemplateError
from mr_dashboard.panels.shared import reach
from mr_dashboard.panels.shared.draft import kept_help
from mr_dashboard.panels.shared.stack_form import CreateFields
from mr_dashboard.panels.shared.stack_form import GO
from mr_dashboard.panels.shared.stack_form import StackForm
from mr_dashboard.panels.shared.stack_form import late_field
from mr_dashboard.panels.shared.stack_form import late_picker
from mr_dashboard.panels.shared.stack_form import name_field
from mr_dashboard.panels.shared import param_fields


def region_field(param: params.Parameter, index: int) -> str:
    """The name of ``param``'s field for the ``index``-th region."""
    return f"{param.field_name}__{index}"


def region_label(param: params.Parameter, region: str) -> str:
    """The label of ``param``'s field for ``region``."""
    return gettext("%(label)s in %(region)s") % {
        "label": param.label, "region": region}


def split_values(values: dict[str, dict]) -> tuple[dict, dict]:
    """Members' values by region -> the values every region shares, and
    each region's others (a form's initial values)."""
    regions = list(values)
    names = {name for one in values.values() for name in one}
    common = {name: values[regions[0]][name] for name in names
              if all(name in values[region] and values[region][name]
                     == values[regions[0]][name] for region in regions)}
    return common, {region: {name: value for name, value in one.items()
                             if name not in common}
                    for region, one in values.items()}


def _region_checks(request, region: str, launchable, placements,
                   values, count_quotas: bool,
                   paced: bool) -> checklist.Checklist:
    return checklist.run_checks(request, launchable, placements, values,
                                count_quotas, paced=paced)


class SetStackForm(StackForm):
    """A draft's parameters for every region of ``regions``."""

    #: Go on while some regions' Heat does not answer (their parts are
    #: then kept for a retry, not sent): updates of a set.
    tolerate_unanswered = False
    #: Whether the form has a Preview button (Heat's preview per region).
    can_preview = False

    def __init__(self, request, *args, regions: list[str],
                 region_values: dict[str, dict] | None = None,
                 **kwargs) -> None:
        self.regions = list(regions)
        common, self.own_values = split_values(region_values or {}) \
            if region_values else ({}, {})
        #: ``choices_for`` of each (parameter, region).
        self.region_choices: dict[tuple[str, str], params.ChoicesFor] = {}
        #: Where each (parameter, region)'s own value lands.
        self.region_reach: dict[tuple[str, str], reach.Reach] = {}
        kwargs.setdefault("values", common)
        super().__init__(request, *args, **kwargs)
        for param in self.parameters():
            _optional(self.fields[param.field_name])
            if param.type == "boolean":
                continue
            for index, region in enumerate(self.regions):
                field = param_fields.form_field(
                    param, self.region_choices.get((param.name, region)),
                    self.own_values.get(region, {}).get(param.name), True)
                field.label = region_label(param, region)
                field.help_text += reach.help_text(
                    self.region_reach.get((param.name, region)))
                if self.draft.kept(param.name, region):
                    field.help_text += kept_help()
                self.fields[region_field(param, index)] = field
        self.values_by_region: dict[str, dict[str, str]] = {}
        #: Regions whose Heat did not answer the checks, and why.
        self.unanswered: dict[str, str] = {}

    def region_fields(self, param: params.Parameter) -> list:
        """The bound per-region fields of ``param``."""
        return [self[name] for name in (
            region_field(param, index) for index in range(len(self.regions)))
            if name in self.fields]

    def set_groups(self) -> list:
        """The page's groups: each parameter's common bound field and its
        per-region ones."""
        return [(group, [(self[param.field_name], self.region_fields(param))
                         for param in group.parameters])
                for group in self.groups]

    def keep_hidden(self) -> None:
        """A ``hidden`` value typed in the common field or in a region's
        own is kept in the sealed draft, and taken from there while its
        field comes back blank."""
        if not self.is_bound:
            return
        hidden = [param for param in self.parameters() if param.hidden]
        if not hidden:
            return
        self.data = self.data.copy()
        for param in hidden:
            self.draft.keep(self.data, param.field_name, param.name)
            for index, region in enumerate(self.regions):
                self.draft.keep(self.data, region_field(param, index),
                                param.name, region)
        self.data["draft"] = self.draft.dumps()

    def entered_in(self, region: str) -> dict:
        """Values known now for ``region``'s member: its own, else the
        common ones (they place its children)."""
        index = self.regions.index(region)
        return {**self.entered(), **{
            param.name: self.data[region_field(param, index)]
            for param in self.parameters()
            if self.data.get(region_field(param, index))}}

    def picker_choices(self) -> dict[str, params.ChoicesFor]:
        """Each region's own choices (kept in :attr:`region_choices`) and,
        for the common field, the names found in every region; what each
        field says of where its value lands (:attr:`region_reach`,
        :attr:`reach` and :attr:`reach_notes`). Each member's landings are
        found with its region as the root's."""
        try:
            found = {region: reach.reaches(self.request, self.launchable,
                                           region, self.entered_in(region))
                     for region in self.regions}
        except TemplateError:  # past a walk's bounds: said by clean()
            found = {}
        for one in found.values():
            self.constrain(one)
        late: dict = {}
        picked = pickers.list_choices(self.request, [
            (target.constraint, where) for one in found.values()
            for target in one.values() for where in target.regions], late)
        choices_for, late_fields = {}, []
        for param in self.parameters():
            merged, own_notes = {}, []
            for index, region in enumerate(self.regions):
                target = found.get(region, {}).get(param.name)
                if target is None:
                    continue
                self.region_reach[param.name, region] = target
                merged[region] = pickers.in_every_region([
                    picked.get((target.constraint, where))
                    for where in target.regions])
                label = region_label(param, region)
                if merged[region] and merged[region].problem:
                    self.picker_notes.append((label, merged[region].problem,
                                              region_field(param, index)))
                if late_picker(param, target, late):
                    late_fields.append(late_field(
                        param, region_field(param, index), target.constraint,
                        target.regions, gettext("(default)"), label,
                        reach.MEMBER))
                own_notes += [(label, note) for note in reach.notes(
                    target, merged[region], reach.MEMBER)]
                self.region_choices[param.name, region] = _listing(
                    merged[region])
            if merged:
                common = pickers.in_every_region(list(merged.values()))
                self.reach[param.name] = reach.union([
                    self.region_reach[param.name, region]
                    for region in merged], self.regions)
                self.reach_notes += [(param.label, note) for note in
                                     reach.notes(self.reach[param.name],
                                                 common, reach.SET)]
                choices_for[param.name] = _listing(common)
                late_fields += self._late_common(param, late)
            self.reach_notes += own_notes
        self.hand_over_pickers(late_fields, picked, late)
        return choices_for

    def _late_common(self, param: params.Parameter,
                     late: dict) -> list[pickers.LateField]:
        """``param``'s common field, when it was left as text while a
        member's listing was late (its choices: the names every member's
        regions hold; none when the members' constraints differ)."""
        targets = [self.region_reach[param.name, region]
                   for region in self.regions
                   if (param.name, region) in self.region_reach]
        constraints = {target.constraint for target in targets}
        if len(constraints) != 1 or not any(
                late_picker(param, target, late) for target in targets):
            return []
        return [late_field(param, param.field_name, constraints.pop(),
                           tuple(dict.fromkeys(
                               where for target in targets
                               for where in target.regions)),
                           gettext("(each region's own value)"),
                           kind=reach.SET)]

    def values_of(self, region: str) -> dict[str, str]:
        """The values Heat gets in ``region``: its own, else the common."""
        index = self.regions.index(region)
        found = {}
        for param in self.parameters():
            own = self.cleaned_data.get(region_field(param, index))
            value = params.to_heat(param, own) if own not in (
                None, "", []) else params.to_heat(
                param, self.cleaned_data.get(param.field_name))
            if value is not None:
                found[param.name] = value
        return found

    def _missing(self) -> None:
        """A form error for each required parameter some region lacks."""
        for param in self.parameters():
            if self.optional or param.has_default:
                continue
            lacking = [region for region in self.regions
                       if param.name not in self.values_by_region[region]]
            if lacking:
                self.add_error(param.field_name, gettext(
                    "Give a value for all regions, or one for each of: "
                    "%(regions)s.") % {"regions": ", ".join(lacking)})

    def clean(self):
        cleaned = super(StackForm, self).clean()
        if self.errors:
            return cleaned
        self.launchable = credential_picking.with_tls(self.launchable, cleaned)
        self.values_by_region = {region: self.values_of(region)
                                 for region in self.regions}
        self._missing()
        if self.errors:
            return cleaned
        try:
            self.checklist = self.run_checks()
        except TemplateError as exc:
            raise ValidationError(str(exc)) from None
        self.unanswered = {check.region: check.reason
                           for check in self.checklist.failures()
                           if str(check.name) == str(checklist.HEAT_ANSWERS)}
        failed = sorted({check.region for check in self.checklist.failures()})
        if self.tolerate_unanswered and set(failed) <= set(self.unanswered) \
                and len(self.unanswered) < len(self.regions):
            return cleaned
        if self.action == GO and not self.checklist.passed:
            raise ValidationError(ngettext(
                "Refused: the checks did not pass in %(regions)s.",
                "Refused: the checks did not pass in %(regions)s.",
                len(failed) or 1) % {"regions": ", ".join(failed) or "-"})
        return cleaned

    def run_checks(self) -> checklist.Checklist:
        """The checklist of every region, run in all at once: within the
        page's budget on a Check or a Preview (a late region's checks come
        by the page's follow-up), waiting for every region on the
        operation itself."""
        scope = {name: value for name, value in self.values.items()
                 if value != "******"}
        calls = {region: parallel.Call(region, _region_checks, (
            self.launchable, children.placements(
                self.launchable, region,
                {**scope, **self.values_by_region[region]}),
            self.values_by_region[region], self.counts_quotas,
            self.action != GO))
            for region in self.regions}
        parts = []
        for region, result in parallel.run_all(
                self.request, calls,
                deadline=2 * conf.fan_out_deadline()).items():
            parts.append(result.value if result.ok else checklist.Checklist((
                checklist.Check(region, region, checklist.HEAT_ANSWERS,
                                constants.CHECK_FAILED,
                                result.error.message),)))
        return checklist.merged(self.request, parts)


def _optional(field: django_forms.Field) -> None:
    """The common ``field`` made optional: blank, each region gives its
    own value (a picker gets a blank choice first, instead of choosing
    its first name for every region unasked)."""
    field.required = False
    if isinstance(field, django_forms.TypedChoiceField) \
            and "" not in dict(field.choices):
        field.choices = [("", gettext("(each region's own value)"))] + \
            list(field.choices)


def _listing(merged: pickers.Picked | None) -> params.ChoicesFor:
    choices = None if merged is None or merged.choices is None \
        else list(merged.choices)
    return lambda _constraint, choices=choices: choices


class RolloutFields(forms.SelfHandlingForm):
    """StackSets' settings of an operation over several regions."""

    max_at_once = forms.IntegerField(
        label=gettext_lazy("Maximum regions at once"), required=False,
        min_value=1, help_text=gettext_lazy(
            "Blank: every region at once. Otherwise the next regions start "
            "once these have finished."))
    failures_tolerated = forms.IntegerField(
        label=gettext_lazy("Failures tolerated"), initial=0, min_value=0,
        required=False, help_text=gettext_lazy(
            "No region is started once more regions than this have failed."))


class SetLaunchForm(SetStackForm, RolloutFields, CreateFields):
    """Launch a stack set: a member in every chosen region."""

    stack_name = name_field(gettext_lazy("Set name"), 64, gettext_lazy(
        "Each region's member stack gets this name."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        order = ["stack_name", "timeout_mins", "enable_rollback",
                 "max_at_once", "failures_tolerated"]
        self.order_fields(order + [name for name in self.fields
                                   if name not in order])

    def handle(self, request, data):
        if self.action != GO:
            return None
        try:
            return operations.create(
                request, data["stack_name"], self.regions,
                {**self.launchable.heat_fields(),
                 "timeout_mins": data["timeout_mins"],
                 "disable_rollback": not data["enable_rollback"]},
                self.values_by_region, self.launchable.environment,
                data.get("max_at_once"), data.get("failures_tolerated") or 0)
        except TagError as exc:
            self.add_error(None, str(exc))
            return None
