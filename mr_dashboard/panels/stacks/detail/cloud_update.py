"""Change the parameters of a stack of another cloud, in that cloud.

The stack belongs to its parent (the OS::Heat::Stack resource that created
it): the parent's next update sets its template and parameters back. The
form says so first and asks the user to confirm it, then sends Heat's
PATCH update (the changed parameters only, the template kept) to that
cloud, with the TLS options of the parent's context. The parameters offered
are those of the stack's own template that are not hidden.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from heatclient import exc as heat_exc

from horizon import exceptions
from horizon import forms
from horizon import messages
from horizon.utils.memoized import memoized_method

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api import other_cloud
from mr_dashboard.exceptions import MalformedAnswer
from mr_dashboard.panels.stacks.detail import places
from mr_dashboard.panels.shared.policy import PolicyRequired

FIELD_PREFIX = "param__"


class CloudParametersForm(forms.SelfHandlingForm):
    """The stack's parameters; ``initial``: ``place``, ``stack_id`` and
    ``parameters`` (name to current value)."""

    understood = forms.BooleanField(
        label=_("I understand: the parent owns this stack, and its next "
                "update sets these parameters back."))

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        for name, value in self.initial["parameters"].items():
            self.fields[FIELD_PREFIX + name] = forms.CharField(
                label=name, initial=value, required=False, strip=False)
        self.order_fields([FIELD_PREFIX + name
                           for name in self.initial["parameters"]])

    def changed_parameters(self, data: dict) -> dict[str, str]:
        """The parameters whose value was changed."""
        return {name: data[FIELD_PREFIX + name]
                for name, value in self.initial["parameters"].items()
                if data[FIELD_PREFIX + name] != str(value)}

    def handle(self, request, data) -> bool:
        changed = self.changed_parameters(data)
        if not changed:
            messages.info(request, gettext("No parameter was changed."))
            return True
        place = self.initial["place"]
        try:
            heat.stack_update(place.request, place.region,
                              self.initial["stack_id"], existing=True,
                              parameters=changed)
        except places.UNREACHED + (heat_exc.HTTPException,) as exc:
            messages.error(request, gettext(
                "The stack in %(region)s was not updated: %(why)s") % {
                "region": other_cloud.region_label(place.region),
                "why": places.error_of(exc, request).message})
            return False
        messages.success(request, gettext(
            "Started updating %(names)s of the stack in %(region)s.") % {
            "names": ", ".join(sorted(changed)),
            "region": other_cloud.region_label(place.region)})
        return True


class CloudUpdateView(PolicyRequired, places.StackPage, forms.ModalFormView):
    """The form above, for the stack of another cloud the URL names."""

    form_class = CloudParametersForm
    template_name = "project/mr_stacks/detail/cloud_update.html"
    modal_id = "mr-cloud-update"
    form_id = "mr-cloud-update-form"
    page_title = _("Change Parameters in Another Cloud")
    submit_label = _("Update in the other cloud")

    policy_rules = constants.STACK_PATCH_POLICY

    def refused_url(self) -> str:
        return self.get_success_url()

    def get_success_url(self) -> str:
        return places.page_here(constants.STACK_DETAIL_URL, self.kwargs)

    @memoized_method
    def get_initial(self) -> dict:
        try:
            place, stack_id = self.stack_place()
            detail = heat.stack_show(place.request, place.region, stack_id,
                                     resolve_outputs=False)
            template = heat.stack_template(place.request, place.region,
                                           detail.stack.identity)
            declared = (template.get("parameters") or {}
                        if isinstance(template, dict) else None)
            if not isinstance(declared, dict):
                raise MalformedAnswer(gettext("a template without its "
                                              "parameters"))
        except places.NotBound as exc:
            raise exceptions.Http302(places.refuse(
                self.request, self.kwargs, exc)) from None
        except places.UNREACHED as exc:
            messages.error(self.request, places.error_of(
                exc, self.request).message)
            raise exceptions.Http302(self.get_success_url()) from None
        return {"place": place, "stack_id": detail.stack.identity,
                "stack": detail.stack,
                "parameters": {
                    name: detail.parameters.get(name, "")
                    for name, spec in declared.items()
                    if not (isinstance(spec, dict) and spec.get("hidden"))}}

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(
            stack=self.get_initial()["stack"],
            region=other_cloud.region_label(self.kwargs["cloud_region"]),
            resource=self.kwargs["resource"],
            submit_url=places.page_here(constants.CLOUD_STACK_UPDATE_URL,
                                        self.kwargs),
            cancel_url=self.get_success_url())
        return context
