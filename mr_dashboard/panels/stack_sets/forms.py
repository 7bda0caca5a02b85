"""The set operations that take parameters: update every member (PATCH:
new values per region, blanks keep the member's, with Heat's update
preview per region) and add a region (a new member from the set's
template, read back from its newest member)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy

from horizon import forms

from mr_dashboard import conf
from mr_dashboard.api import heat
from mr_dashboard.api import parallel
from mr_dashboard.api.stack_sets import operations
from mr_dashboard.api.stack_sets.members import StackSet
from mr_dashboard.panels.shared.stack_form import GO, PREVIEW
from mr_dashboard.panels.stack_sets.launch_forms import RolloutFields
from mr_dashboard.panels.stack_sets.launch_forms import SetStackForm
from mr_dashboard.panels.shared.source import SelectTemplateForm


class _MemberForm(SetStackForm):
    """A set form on the template the set's newest member runs, or on a
    ``new_template`` given in the step before (then carried, sealed, in
    the form's draft)."""

    def __init__(self, *args, stack_set: StackSet,
                 new_template: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.stack_set, self.new_template = stack_set, new_template
        if not new_template:
            del self.fields["draft"]  # read again from Heat on every submit

    def template_fields(self) -> dict:
        """What a PATCH sends besides parameters: the new template, its
        files and environment; nothing when the template is the set's."""
        if not self.new_template:
            return {}
        return {"template": self.draft.template, "files": self.draft.files,
                **({"environment": self.draft.environment}
                   if self.draft.environment else {})}


class SetTemplateForm(SelectTemplateForm):
    """The first step of a set's update with a new template: the
    template, its folder and environment files, read in the region of
    the set's newest member."""

    def __init__(self, request, *args, region: str, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        del self.fields["region"]
        self.region = region

    def clean(self):
        self.cleaned_data["region"] = self.region
        return super().clean()


class UpdateSetForm(_MemberForm, RolloutFields):
    """New parameter values for every member (blank: kept)."""

    optional = True
    tolerate_unanswered = True
    counts_quotas = False
    can_preview = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: Heat's update preview of each region (a RegionResult).
        self.previews: dict[str, parallel.RegionResult] | None = None

    def handle(self, request, data):
        if self.action == PREVIEW:
            members = self.stack_set.members
            self.previews = parallel.run_all(request, {
                region: parallel.Call(
                    region, _preview_update, (members[region].stack.identity,
                                              self.values_by_region[region],
                                              self.template_fields()))
                for region in self.regions if region in members},
                deadline=2 * conf.fan_out_deadline())
            return None
        if self.action != GO:
            return None
        return operations.update(
            request, self.stack_set, self.values_by_region,
            template_fields=self.template_fields() or None,
            max_at_once=data.get("max_at_once"),
            failures_tolerated=data.get("failures_tolerated") or 0,
            skipped={region: gettext(
                "Not sent: its Heat did not answer the checks (%s).")
                % reason for region, reason in self.unanswered.items()})


def _preview_update(request, region: str, stack_id: str, values: dict,
                    template_fields: dict) -> list[heat.ResourceChange]:
    return heat.stack_preview_update(request, region, stack_id,
                                     existing=True, parameters=values,
                                     **template_fields)


class AddRegionForm(_MemberForm):
    """A new member in one region, on the set's template."""

    timeout_mins = forms.IntegerField(
        label=gettext_lazy("Creation timeout (minutes)"), initial=60,
        min_value=1)

    def handle(self, request, data):
        if self.action != GO:
            return None
        region = self.regions[0]
        return operations.add_region(
            request, self.stack_set, region,
            {**self.launchable.heat_fields(),
             "timeout_mins": data["timeout_mins"]},
            self.values_by_region[region], self.launchable.environment)
