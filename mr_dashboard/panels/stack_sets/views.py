"""Views of the Stack Sets panel.

The index reads every region's stacks once, within the page's budget, and
groups the members of each set by their tags; the region dropdown narrows
it to the sets with a member there. A region answering slowly is said so,
and the page's follow-up (the index with ``?late=<key>``,
:mod:`~mr_dashboard.panels.shared.late_section`) renders the sets again
once it answered. A set's page does the same, each region's call also
reading its member's template and parameters back to tell changes made
outside the set; it lists the parts of operations kept for a retry, and
leads to the operations, whose forms list the members within the budget
too (a late one offered again when it answered: ``?with=<key>``).
"""

from dataclasses import dataclass
from dataclasses import replace
from functools import partial
from typing import Any
from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View

from horizon import exceptions
from horizon import messages
from horizon import views
from horizon.utils.memoized import memoized_method

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard import permission
from mr_dashboard import untrusted
from mr_dashboard.api import drift
from mr_dashboard.api import late_regions
from mr_dashboard.api import heat
from mr_dashboard.api import parallel
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.regions import heat_region_names
from mr_dashboard.api.stack_sets import member_drift
from mr_dashboard.api.stack_sets import members
from mr_dashboard.api.stack_sets import operations
from mr_dashboard.api.stack_sets import outside
from mr_dashboard.api.stack_sets import pending
from mr_dashboard.api.stack_sets import steps
from mr_dashboard.panels.shared import current
from mr_dashboard.panels.shared import drift_results
from mr_dashboard.panels.shared.late_section import LATE
from mr_dashboard.panels.shared.late_section import LateSection
from mr_dashboard.panels.shared.launch_steps import ParametersStepView
from mr_dashboard.panels.shared.launch_steps import TemplateStepView
from mr_dashboard.panels.shared.policy import PolicyRequired
from mr_dashboard.panels.shared.stack_urls import stack_page
from mr_dashboard.panels.stack_sets import common
from mr_dashboard.panels.stack_sets import forms
from mr_dashboard.selection import selected_region

INDEX_URL = constants.STACK_SETS_INDEX_URL
#: The query parameter of a set form shown again from the answers its
#: first showing's late regions gave (the key of that page).
WITH = "with"
#: Heat's rules a kept step needs besides the patch of the set's tags.
RETRY_POLICY = {steps.CREATE: constants.STACK_CREATE_POLICY,
                steps.DELETE: constants.STACK_DELETE_POLICY}


@dataclass(frozen=True)
class Row:
    """One region of a set, as a page shows it."""

    region: str
    member: members.Member | None
    drift: tuple[str, ...]
    url: str = ""
    #: Why the member could not be compared with its tags.
    not_compared: str = ""
    #: The region did not answer: whether it holds a member is not known.
    unknown: bool = False
    #: The member's kept drift detection (what changed outside Heat).
    detected: drift_results.Kept | None = None

    @property
    def changed_outside_heat(self) -> int | None:
        """How many of the member's resources drifted; None when its drift
        was not detected."""
        if self.detected is None:
            return None
        counts = self.detected.report.counts
        return counts[drift.MODIFIED] + counts[drift.DELETED]

    @property
    def display(self) -> str:
        """The row's ``data-display``, which Horizon's confirmation dialog
        writes as HTML: escaped for that dialog (:mod:`untrusted`)."""
        if self.member is None:
            return ""
        return untrusted.script_html(
            f"{self.member.stack.name} ({self.region})")


def rows(stack_set: members.StackSet, regions: list[str] | None = None,
         outside: dict[str, parallel.RegionResult] | None = None,
         request=None) -> list[Row]:
    """The set's regions (or those of ``regions``), each with its member
    and why it drifted (and, given ``outside``, the changes made outside
    the set; given the ``request``, each member's kept drift detection)."""
    found = []
    for region in stack_set.regions:
        if regions and region not in regions:
            continue
        member = stack_set.members.get(region)
        checked = (outside or {}).get(region)
        found.append(Row(
            region, member, tuple(stack_set.drift(region)) + tuple(
                checked.value if checked and checked.ok else ()),
            (stack_page(member.stack.region, member.stack.id) or "")
            if member else "",
            checked.error.message if checked and not checked.ok else "",
            region in stack_set.unknown,
            drift_results.kept(request, member_page(member))
            if member and request else None))
    return found


def member_page(member: members.Member) -> dict:
    """The URL parts of a member's own stack page (its kept drift)."""
    return {"region": member.region, "stack_id": member.stack.id}


class IndexView(LateSection, views.HorizonTemplateView):
    template_name = "project/mr_stack_sets/index.html"
    section_template = "project/mr_stack_sets/_sets.html"
    page_title = _("Stack Sets")
    pace = "sets"

    def listing(self) -> late_regions.Listed:
        return late_regions.fan_out(self.request, members.listed,
                                    heat_region_names(self.request),
                                    self.pace)

    def section_context(self, listed: late_regions.Listed) -> dict:
        chosen = selected_region(self.request)
        sets, unknown = members.sets_of(listed.results)
        shown = [one for one in sets
                 if not chosen or chosen in one.regions]
        return {
            "sets": [(one, rows(one, [chosen] if chosen else None))
                     for one in shown],
            "unknown": unknown, "allowed": common.allowed(self.request),
            "launch_url": reverse(constants.STACK_SET_LAUNCH_URL)}


class _SetMixin:
    """A view of the set named in the URL."""

    def listed(self, request, region: str) -> list[heat.Stack]:
        """A region's stacks that may be members of the set."""
        return members.listed(request, region, self.kwargs["name"])

    def set_listing(self) -> dict[str, parallel.RegionResult]:
        """Each region's stacks that may be members of the set, waiting
        for every region."""
        return parallel.fan_out(self.request, self.listed)

    @memoized_method
    def stack_set(self) -> members.StackSet:
        name = self.kwargs["name"]
        try:
            listing = self.set_listing()
            found = members.set_named(listing, name)
        except Exception:  # noqa: BLE001 - handle() sorts and re-raises
            exceptions.handle(self.request, _("Unable to read the set."),
                              redirect=reverse(INDEX_URL))
        if found is None:
            late = [region for region, result in listing.items()
                    if not result.ok
                    and result.error.kind == constants.KIND_LATE]
            messages.error(self.request, _(
                "No region that answered in time holds a member of the set "
                "%(name)s; answering slowly: %(regions)s. Try again in a "
                "moment.") % {"name": name, "regions": ", ".join(late)}
                if late else _("No region holds a member of the set %s.")
                % name)
            raise exceptions.Http302(reverse(INDEX_URL))
        return found


@dataclass(frozen=True)
class _Held:
    """A region's stacks that may be members of a set, and what was read
    of each in the same call, by stack id (an update form's parameter
    values; a set page's changes made outside the set)."""

    stacks: list[heat.Stack]
    by_stack: dict[str, Any]


def _held(request, region: str, name: str, read=None) -> _Held:
    """The region's stacks of the set ``name``, and ``read(request,
    region, name, stacks)`` of them (nothing without ``read``)."""
    stacks = members.listed(request, region, name)
    return _Held(stacks, read(request, region, name, stacks) if read else {})


def _values_of(request, region: str, name: str, stacks) -> dict[str, dict]:
    """Each stack's parameter values, as the update form shows them."""
    return {stack.id: _values(request, region, stack.identity)
            for stack in stacks}


def _holding_a_member(request, listed: late_regions.Listed, name: str,
                      pace: str, stacks_of=lambda results: results
                      ) -> late_regions.Listed:
    """``listed``; or, when no region that answered holds a member of the
    set ``name`` while some are late, every region's answer, waited for
    until their deadline (the set can only be in a late region: a set's
    form cannot be made without it). ``stacks_of`` gives each region's
    stacks of its results."""
    if not listed.late_key or members.set_named(
            stacks_of(listed.results), name) is not None:
        return listed
    return late_regions.collect(request, listed.late_key, pace,
                                wait=conf.fan_out_deadline()) or listed


def _stacks_of(results: dict[str, parallel.RegionResult]
               ) -> dict[str, parallel.RegionResult]:
    """Each region's stacks alone, of its :class:`_Held`."""
    return {region: replace(result, value=result.value.stacks)
            if result.ok else result for region, result in results.items()}


class DetailView(LateSection, views.HorizonTemplateView):
    """The set's page, within the page's budget: each region lists its
    members and reads back what changed outside the set in one call; a
    late region's member comes by the page's follow-up."""

    template_name = "project/mr_stack_sets/detail.html"
    section_template = "project/mr_stack_sets/_set.html"
    pace = "set"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        name = self.kwargs["name"]
        if context["stack_set"] is None and not context["late_url"]:
            messages.error(self.request, _(
                "No region holds a member of the set %s.") % name)
            raise exceptions.Http302(reverse(INDEX_URL))
        context["page_title"] = _("Stack Set: %s") % name
        return context

    def listing(self) -> late_regions.Listed:
        return late_regions.fan_out(
            self.request, partial(_held, name=self.kwargs["name"],
                                  read=outside.changes_of),
            heat_region_names(self.request), self.pace)

    def section_context(self, listed: late_regions.Listed) -> dict:
        sets, unknown = members.sets_of(_stacks_of(listed.results),
                                        self.kwargs["name"])
        stack_set = members.newest_of(sets)
        if stack_set is None:
            return {"stack_set": None, "unknown": unknown}
        changed = {region: listed.results[region].value.by_stack[
            member.stack.id] for region, member in stack_set.members.items()}
        chosen = selected_region(self.request)
        return {
            "stack_set": stack_set, "unknown": unknown,
            "rows": rows(stack_set, [chosen] if chosen else None, changed,
                         self.request),
            "allowed": common.allowed(self.request),
            "drift_allowed": {
                "detect": permission.allows(self.request,
                                            drift_results.DETECT_POLICY),
                "repair": permission.allows(self.request,
                                            drift_results.REPAIR_POLICY)},
            "kept": pending.kept(self.request, stack_set.name),
            "addable": [region for region in heat_region_names(self.request)
                        if region not in stack_set.regions]}


class _OperationView(common.Allowed, _SetMixin, View):
    """A POST that runs one operation on the set, told per region."""

    http_method_names = ["post"]
    what = ""

    def post(self, request, *args, **kwargs):
        outcomes = self.run(request, self.stack_set())
        common.tell(request, self.what, outcomes)
        return redirect(self.next_url())

    def next_url(self) -> str:
        return common.detail_url(self.kwargs["name"])


class RemoveView(_OperationView):
    policy_rules = constants.STACK_PATCH_POLICY
    what = _("Removing the region")

    def dispatch(self, request, *args, **kwargs):
        if request.POST.get("how") == "delete":
            self.policy_rules += constants.STACK_DELETE_POLICY
        return super().dispatch(request, *args, **kwargs)

    def run(self, request, stack_set):
        region = self.kwargs["region"]
        if region not in stack_set.regions:
            messages.error(request, _("%s is not a region of the set.")
                           % region)
            return {}
        return operations.remove_region(
            request, stack_set, region,
            delete=request.POST.get("how") == "delete")


class DeleteView(_OperationView):
    policy_rules = constants.STACK_DELETE_POLICY
    what = _("Deleting the set")

    def run(self, request, stack_set):
        return operations.delete(request, stack_set)

    def next_url(self) -> str:
        return reverse(INDEX_URL)


class _DriftView(PolicyRequired, _SetMixin, View):
    """A POST about every member's drift (what changed outside Heat),
    each member's whole tree in its own region; back to the set's page."""

    http_method_names = ["post"]

    def refused_url(self) -> str:
        return common.detail_url(self.kwargs["name"])

    def post(self, request, *args, **kwargs):
        for member in self.stack_set().members.values():
            self.act(request, member)
        return redirect(self.refused_url())

    def act(self, request, member: members.Member) -> None:
        raise NotImplementedError


class DetectDriftView(_DriftView):
    """Detect every member's drift, all members at once, and keep each on
    its member's own page."""

    policy_rules = drift_results.DETECT_POLICY

    def post(self, request, *args, **kwargs):
        found = member_drift.detect_members(
            request, list(self.stack_set().members.values()))
        for region, report in found.items():
            self.tell(request, region, report)
        return redirect(self.refused_url())

    def tell(self, request, region: str,
             report: drift.DriftReport | RegionError) -> None:
        """Keep the member's detection; say what it found."""
        if isinstance(report, RegionError):
            messages.error(request, _(
                "Unable to read the member in %(region)s: %(why)s") % {
                "region": region, "why": report.message})
            return
        drift_results.keep(request, member_page(
            self.stack_set().members[region]), report)
        counts = report.counts
        changed = counts[drift.MODIFIED] + counts[drift.DELETED]
        said = {"region": region, "count": changed}
        if changed:
            messages.warning(request, ngettext(
                "%(region)s: %(count)d resource changed outside Heat.",
                "%(region)s: %(count)d resources changed outside Heat.",
                changed) % said)
        elif counts[drift.NOT_KNOWN]:
            messages.error(request, _(
                "%(region)s: some resources are not known (no answer).")
                % said)
        else:
            messages.success(request, _("%(region)s: no drift.") % said)


class RepairDriftView(_DriftView):
    """Bring the drifted members back to their templates with Heat's
    converge, each in its own region."""

    policy_rules = drift_results.REPAIR_POLICY

    def act(self, request, member: members.Member) -> None:
        found = drift_results.kept(request, member_page(member))
        if found is None or not found.report.drifted:
            return
        drift_results.repair(request, member_page(member))


class RetryView(common.Allowed, View):
    """Run again the kept parts of the set's operations, if Heat's policy
    allows every kind of step among them (a kept step may create or
    delete a member, and was perhaps kept by another user)."""

    http_method_names = ["post"]

    @property
    def policy_rules(self) -> tuple:
        regions = self.request.POST.getlist("region") or None
        kinds = {step["kind"] for region, step in pending.kept(
            self.request, self.kwargs["name"]).items()
            if regions is None or region in regions}
        return constants.STACK_PATCH_POLICY + tuple(
            rule for kind in sorted(kinds)
            for rule in RETRY_POLICY.get(kind, ()))

    def post(self, request, *args, **kwargs):
        name = self.kwargs["name"]
        regions = request.POST.getlist("region") or None
        common.tell(request, _("Retrying"),
                    operations.retry(request, name, regions))
        return redirect(common.detail_url(name))


class _MemberFormView(LateSection, common.Allowed, _SetMixin,
                      ParametersStepView):
    """A set form on the template of the set's newest member (update, add
    a region).

    Shown, it lists the set's members within the page's budget: a region
    answering slowly is left out and said so, and the page's follow-up
    (:class:`LateSection`, the notes' part) says when it answered, with a
    link showing the form again from the answers kept (``?with=<key>``,
    nothing asked again); when no region that answered holds a member,
    the late ones are waited for (:func:`_holding_a_member`). A submit
    waits for every region."""

    template_name = "project/mr_stack_sets/form.html"
    section_template = "project/mr_stack_sets/_form_late.html"
    pace = "set-form"
    #: What is read of each member with its listing (``_held``'s read).
    reads = None

    def waited(self) -> tuple[str, ...]:
        """The regions the form cannot be shown without."""
        return ()

    @memoized_method
    def listing(self) -> late_regions.Listed:
        call = partial(_held, name=self.kwargs["name"], read=self.reads)
        regions = heat_region_names(self.request)
        if self.request.method != "GET":
            return late_regions.Listed(
                parallel.fan_out(self.request, call, regions))
        kept = self.request.GET.get(WITH)
        found = kept and late_regions.collect(self.request, kept, self.pace,
                                              wait=0)
        return _holding_a_member(
            self.request, found or late_regions.fan_out(
                self.request, call, regions, self.pace,
                waited=self.waited()),
            self.kwargs["name"], self.pace, _stacks_of)

    def set_listing(self) -> dict[str, parallel.RegionResult]:
        return _stacks_of(self.listing().results)

    def section_context(self, listed: late_regions.Listed) -> dict:
        key = self.request.GET.get(LATE)
        name = self.kwargs["name"]
        stack_set = members.set_named(_stacks_of(listed.results), name)
        held = stack_set.members if stack_set else {}
        arrived = [listed.results[region] for region in listed.arrived]
        return {
            "late": listed.late,
            "answered": [result.region for result in arrived
                         if result.ok and result.region in held],
            "without": [result.region for result in arrived
                        if result.ok and result.region not in held],
            "failed": [result for result in arrived if not result.ok],
            "again_url": "%s?%s" % (escape_uri_path(self.request.path),
                                    urlencode({WITH: key})) if key else ""}

    @memoized_method
    def newest(self) -> current.CurrentStack:
        member = self.stack_set().newest()[0]
        try:
            return current.load(self.request, member.region,
                                member.stack.identity)
        except Exception:  # noqa: BLE001 - handle() sorts and re-raises
            exceptions.handle(self.request, _("Unable to read the set's "
                                              "template."),
                              redirect=common.detail_url(self.kwargs["name"]))

    def new_template(self) -> bool:
        """Whether a new template came from a step before (then handed
        over, or carried back sealed in the form)."""
        return False

    def get_draft(self):
        if self.new_template():
            return super().get_draft()
        return self.newest().draft()

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "stack_set": self.stack_set(),
                "regions": self.regions(),
                "region_values": self.region_values()}

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(
            stack_set=self.stack_set(), page_title=self.title(),
            cancel_url=common.detail_url(self.kwargs["name"]))
        return context

    def submit_args(self) -> tuple[str, ...]:
        return tuple(self.kwargs[key] for key in ("name", "region")
                     if key in self.kwargs)

    def get_success_url_from_handled(self, handled) -> str:
        common.tell(self.request, self.what, handled)
        return common.detail_url(self.kwargs["name"])


def _values(request, region: str, stack_id: str) -> dict:
    return current.shown_values(heat.stack_show(
        request, region, stack_id, resolve_outputs=False).parameters)


class UpdateView(_MemberFormView):
    form_class = forms.UpdateSetForm
    reads = staticmethod(_values_of)
    policy_rules = constants.STACK_PATCH_POLICY
    submit_url = constants.STACK_SET_UPDATE_URL
    submit_label = _("Update every member")
    what = _("Updating the set")

    def title(self) -> str:
        return _("Update Stack Set: %s") % self.kwargs["name"]

    def new_template(self) -> bool:
        return self.handed() or bool(self.request.POST.get("draft"))

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(),
                "new_template": self.new_template()}

    def regions(self) -> list[str]:
        """The members whose values could be read (a member left out is
        told, and stays behind until updated); on a submit, the regions
        the form was shown with, whose values come back with it."""
        if self.request.method == "POST":
            posted = self.request.POST.getlist("set_regions")
            return [region for region in posted
                    if region in self.stack_set().regions]
        return list(self.region_values())

    def region_values(self) -> dict[str, dict]:
        stack_set, held = self.stack_set(), self.listing().results
        return {region: held[region].value.by_stack[member.stack.id]
                for region, member in stack_set.members.items()
                if region in stack_set.regions}

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "left_out": [
            result for result in self.listing().results.values()
            if not result.ok and result.error.kind != constants.KIND_LATE]}


class UpdateTemplateView(common.Allowed, _SetMixin, TemplateStepView):
    """The first step of an update with a new template; the second is
    :class:`UpdateView` on that template."""

    form_class = forms.SetTemplateForm
    policy_rules = constants.STACK_PATCH_POLICY
    submit_url = constants.STACK_SET_UPDATE_TEMPLATE_URL
    next_view = UpdateView

    def set_listing(self) -> dict[str, parallel.RegionResult]:
        """Shown, the members listed within the page's budget: the
        template is read in the region of the newest member that answered
        (the late regions waited for when none that answered holds one:
        :func:`_holding_a_member`; the next step lists them again); a
        submit waits for every region."""
        if self.request.method != "GET":
            return super().set_listing()
        return _holding_a_member(self.request, late_regions.fan_out(
            self.request, self.listed, heat_region_names(self.request),
            "set-template"), self.kwargs["name"], "set-template").results

    def region_kwargs(self) -> dict:
        return {"region": self.stack_set().newest()[0].region}

    def submit_args(self) -> tuple[str, ...]:
        return (self.kwargs["name"],)

    def cancel_url(self) -> str:
        return common.detail_url(self.kwargs["name"])

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "page_title": _(
            "Update Stack Set with a New Template: %s") % self.kwargs["name"]}


class AddRegionView(_MemberFormView):
    form_class = forms.AddRegionForm
    policy_rules = constants.STACK_CREATE_POLICY \
        + constants.STACK_PATCH_POLICY
    submit_url = constants.STACK_SET_ADD_URL
    submit_label = _("Add the region")
    what = _("Adding the region")

    def dispatch(self, request, *args, **kwargs):
        region = kwargs["region"]
        refused = (
            _("%s is not a region of this cloud.")
            if region not in heat_region_names(request) else
            _("%s already holds a member of the set.")
            if region in self.stack_set().members else None)
        if refused:
            messages.error(request, refused % region)
            raise exceptions.Http302(common.detail_url(kwargs["name"]))
        return super().dispatch(request, *args, **kwargs)

    def title(self) -> str:
        return _("Add %(region)s to the stack set %(name)s") % self.kwargs

    def waited(self) -> tuple[str, ...]:
        """The region to add: whether it holds a member already decides
        whether it may be added."""
        return (self.kwargs["region"],)

    def regions(self) -> list[str]:
        return [self.kwargs["region"]]

    def region_values(self) -> dict[str, dict]:
        return {self.kwargs["region"]: self.newest().values()}
