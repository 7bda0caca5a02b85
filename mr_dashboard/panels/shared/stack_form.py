"""The parameters step of a launch, an update or a stack set, with its
checks.

A :class:`StackForm` shows the parameters of a draft's template as fields
(pickers filled from the target region where it can), and on every submit
resolves where each child stack will run and runs the checklist. The
buttons post ``action``: ``check`` only checks, ``preview`` also asks the
target region's Heat what would happen, ``launch``/``update`` does it, and
is refused while any check fails or has not answered. Heat's own refusals
become form errors.

The checklist comes within the page's budget (``run_checks(paced=True)``):
a late region's checks show as "checking…" and come by the page's
follow-up. A launch posted with the checks the page showed
(:data:`CHECKS_KEY`) takes those, late answers included, when they are of
this same launch (never a partial checklist: refused while any is still
out); otherwise it checks again. Pickers of a late region are text fields
at first, and become pickers when the listings come: the form hands them
over to its follow-up (:attr:`StackForm.pickers_url`,
:func:`~mr_dashboard.api.iaas.pickers.hand_over`).
"""

import dataclasses
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext
from heatclient import exc as heat_exc

from horizon import forms

from mr_dashboard import constants
from mr_dashboard.api.iaas import pickers
from mr_dashboard.api.errors import explain
from mr_dashboard.checks import checklist
from mr_dashboard.panels.shared import credential_picking
from mr_dashboard.hot import children
from mr_dashboard.hot import params
from mr_dashboard.hot.parse import TemplateError
from mr_dashboard.panels.shared import reach
from mr_dashboard.panels.shared.draft import Draft
from mr_dashboard.panels.shared.draft import kept_help
from mr_dashboard.panels.shared import param_fields

CHECK, PREVIEW, GO = "check", "preview", "go"
#: The field (the checklist's, not the form's) naming the checks the page
#: showed, whose late regions' answers a launch takes.
CHECKS_KEY = "checks"


def _constrained(param: params.Parameter,
                 target: reach.Reach | None) -> params.Parameter:
    """``param`` with its target's constraint, when it declares none (a
    value passed on to a child that declares it; never a hidden one's:
    a picker would show its value)."""
    if target is None or param.hidden or params.custom_constraint(
            {"constraints": param.constraints}):
        return param
    return dataclasses.replace(param, constraints=param.constraints + (
        {"custom_constraint": target.constraint},))


def _listing_note(target: reach.Reach,
                  merged: pickers.Picked | None) -> str:
    """Why a picker is a text field, or ""."""
    if not target.regions:
        return gettext("Its region is not known yet: enter the value, or "
                       "the region first and press Check.")
    return merged.problem if merged else ""


def late_field(param: params.Parameter, name: str, constraint: str,
               regions: tuple[str, ...], blank: str | None,
               label: str = "", kind: str = reach.STACK
               ) -> pickers.LateField:
    """The field ``name`` of ``param`` (labelled ``label``, of a ``kind``
    of :mod:`.reach`), left as text while a listing of ``constraint`` in
    ``regions`` was late."""
    return pickers.LateField(name, constraint, regions,
                             multiple=param.type == "comma_delimited_list",
                             blank=blank, label=label or param.label,
                             kind=kind)


def late_picker(param: params.Parameter, target: reach.Reach,
                late: dict) -> bool:
    """Whether ``param``'s field for ``target`` is a text field because a
    listing it needs was late (never a hidden one's, nor one of allowed
    values: they are no pickers,
    :func:`~mr_dashboard.panels.shared.param_fields.form_field`)."""
    return not param.hidden and not any(
        "allowed_values" in constraint for constraint in param.constraints
    ) and any((target.constraint, region) in late
              for region in target.regions)


class StackForm(forms.SelfHandlingForm):
    """A draft's parameters, checked in every region it touches."""

    draft = forms.CharField(widget=forms.HiddenInput)
    #: Parameters left blank keep the stack's values (PATCH updates).
    optional = False
    #: Whether the quotas are checked: what an updated stack holds already
    #: counts in their usage.
    counts_quotas = True

    def __init__(self, request, *args, draft: Draft, values=None,
                 **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        self.draft, self.values = draft, values or {}
        self.launchable = draft.launchable()
        self.groups = credential_picking.with_secret_pickers(
            params.groups_of(self.launchable.template,
                             self.launchable.environment),
            self.launchable.template)
        self.keep_hidden()
        self.fields["draft"].initial = draft.dumps()
        #: Why a picker is a text field: ``(parameter label, message,
        #: field name)``.
        self.picker_notes: list[tuple[str, str, str]] = []
        #: The follow-up of the pickers left as text while their regions
        #: were late, or "".
        self.pickers_url = ""
        #: Where each root parameter's value lands (:mod:`.reach`), and
        #: what the form says of it: ``(parameter label, message)``.
        self.reach: dict[str, reach.Reach] = {}
        self.reach_notes: list[tuple[str, str]] = []
        choices = self.picker_choices()
        for group in self.groups:
            for param in group.parameters:
                self.fields[param.field_name] = param_fields.form_field(
                    param, choices.get(param.name),
                    self.values.get(param.name), self.optional)
                self.fields[param.field_name].help_text += reach.help_text(
                    self.reach.get(param.name))
                if self.draft.kept(param.name):
                    self.fields[param.field_name].help_text += kept_help()
        self.fields.update(
            credential_picking.tls_fields_for(self.launchable.template))
        self.action = self.data.get("action", CHECK)
        self.checklist = None
        self.placements: list[children.Placement] = []

    def keep_hidden(self) -> None:
        """A hidden parameter typed at an earlier step is kept in the
        sealed draft, and taken from there while its field comes back
        blank (the page never holds it, not even encoded)."""
        if not self.is_bound:
            return
        hidden = [param for group in self.groups
                  for param in group.parameters if param.hidden]
        if not hidden:
            return
        self.data = self.data.copy()
        for param in hidden:
            self.draft.keep(self.data, param.field_name, param.name)
        self.data["draft"] = self.draft.dumps()

    def entered(self) -> dict:
        """Parameter values known now: the stack's, then those posted."""
        found = {name: value for name, value in self.values.items()
                 if value != "******"}
        found.update({param.name: self.data[param.field_name]
                      for param in self.parameters()
                      if self.data.get(param.field_name)})
        return found

    def picker_choices(self) -> dict[str, params.ChoicesFor]:
        """A ``choices_for`` per parameter, listing the values of the
        regions its value lands in (:mod:`.reach`): those every region
        holds first; all lists are asked for at once. Sets
        :attr:`picker_notes`, :attr:`reach` and :attr:`reach_notes`."""
        try:
            self.reach = reach.reaches(self.request, self.launchable,
                                       self.draft.region, self.entered())
        except TemplateError:  # past a walk's bounds: said by clean()
            self.reach = {}
        for param in self.parameters():
            own = params.custom_constraint({"constraints": param.constraints})
            if own and param.name not in self.reach:  # a secret picker
                self.reach[param.name] = reach.Reach(own,
                                                     (self.draft.region,))
        self.constrain(self.reach)
        late: dict = {}
        picked = pickers.list_choices(self.request, [
            (target.constraint, region) for target in self.reach.values()
            for region in target.regions], late)
        choices_for, late_fields = {}, []
        for param in self.parameters():
            target = self.reach.get(param.name)
            if target is None:
                continue
            merged = pickers.in_every_region([
                picked.get((target.constraint, region))
                for region in target.regions])
            problem = _listing_note(target, merged)
            if problem:
                self.picker_notes.append((param.label, problem,
                                          param.field_name))
            if late_picker(param, target, late):
                late_fields.append(late_field(
                    param, param.field_name, target.constraint,
                    target.regions, None if not (
                        self.optional or param.has_default)
                    else gettext("(default)")))
            self.reach_notes += [(param.label, note)
                                 for note in reach.notes(target, merged)]
            choices = None if merged is None or merged.choices is None \
                else list(merged.choices)
            choices_for[param.name] = lambda _, choices=choices: choices
        self.hand_over_pickers(late_fields, picked, late)
        return choices_for

    def hand_over_pickers(self, late_fields: list[pickers.LateField],
                          picked: dict, late: dict) -> None:
        """Hand the fields left as text while their listings were late
        over to the form's follow-up (:attr:`pickers_url`)."""
        if late_fields:
            self.pickers_url = "%s?%s" % (
                reverse(constants.STACK_LAUNCH_PICKERS_URL),
                urlencode({"key": pickers.hand_over(
                    self.request, late_fields, picked, late)}))

    def constrain(self, found: dict[str, reach.Reach]) -> None:
        """Give each parameter the constraint of where its value lands,
        when it declares none (its field is then a picker)."""
        self.groups = [dataclasses.replace(group, parameters=tuple(
            _constrained(param, found.get(param.name))
            for param in group.parameters)) for group in self.groups]

    def parameters(self) -> list[params.Parameter]:
        return [param for group in self.groups for param in group.parameters]

    def heat_values(self) -> dict[str, str]:
        """The entered parameters, as Heat takes them (blanks left out)."""
        found = {}
        for param in self.parameters():
            value = params.to_heat(param,
                                   self.cleaned_data.get(param.field_name))
            if value is not None:
                found[param.name] = value
        return found

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        self.launchable = credential_picking.with_tls(self.launchable, cleaned)
        scope = {name: value for name, value in self.values.items()
                 if value != "******"}
        scope.update({param.name: cleaned[param.field_name]
                      for param in self.parameters()
                      if cleaned.get(param.field_name) not in (None, "")})
        try:
            self.placements = children.placements(self.launchable,
                                                  self.draft.region, scope)
            self.checklist = self.kept_checks() or checklist.run_checks(
                self.request, self.launchable, self.placements,
                self.heat_values(), count_quotas=self.counts_quotas,
                paced=True)
        except TemplateError as exc:
            raise ValidationError(str(exc)) from None
        if self.action == GO and self.checklist.pending:
            raise ValidationError(gettext(
                "Refused: the checks in %(regions)s have not answered yet. "
                "Wait for them (they show as checking…), then launch.")
                % {"regions": ", ".join(self.checklist.pending)})
        if self.action == GO and not self.checklist.passed:
            count = len(self.checklist.failures()) or 1
            raise ValidationError(ngettext(
                "Refused: %(count)d check did not pass.",
                "Refused: %(count)d checks did not pass.", count)
                % {"count": count})
        return cleaned

    def kept_checks(self) -> checklist.Checklist | None:
        """On a launch, the checks of this same launch the page showed
        (``CHECKS_KEY``) once their late regions have answered or not:
        a region that is slow every time is not asked again; None when
        there are none to take."""
        key = self.data.get(CHECKS_KEY, "")
        if self.action != GO or not key:
            return None
        return checklist.kept_checks(
            self.request, key, launchable=self.launchable,
            placements=self.placements, root_values=self.heat_values(),
            count_quotas=self.counts_quotas)

    def pending_url(self) -> str:
        """The follow-up's URL of the checks still running, or ""."""
        if not (self.checklist and self.checklist.pending):
            return ""
        return "%s?%s" % (reverse(constants.STACK_LAUNCH_CHECKS_URL),
                          urlencode({"key": self.checklist.key}))

    def heat_fields(self) -> dict:
        return {**self.launchable.heat_fields(),
                "parameters": self.heat_values()}

    def heat_call(self, call, *args, **kwargs):
        """``call(...)``; a refusal by Heat becomes a form error (None)."""
        try:
            return call(self.request, self.draft.region, *args, **kwargs)
        except heat_exc.HTTPException as exc:
            self.add_error(None, explain(exc, (self.request.user.token.id,)))
            return None


def name_field(label, max_length: int = 255, help_text="") -> forms.Field:
    """A stack's name, as Heat takes it."""
    return forms.RegexField(
        max_length=max_length, label=label, help_text=help_text,
        regex=r"^[a-zA-Z][a-zA-Z0-9_.-]*$",
        error_messages={"invalid": gettext_lazy(
            "A name starts with a letter and holds only letters, digits, "
            "underscores, periods and hyphens.")})


class CreateFields(forms.SelfHandlingForm):
    """What creating a stack asks besides its parameters."""

    stack_name = name_field(gettext_lazy("Stack name"))
    timeout_mins = forms.IntegerField(
        label=gettext_lazy("Creation timeout (minutes)"), initial=60,
        min_value=1)
    enable_rollback = forms.BooleanField(
        label=gettext_lazy("Roll back on failure"), required=False)
