"""The parameters step of a launch: a new stack's name, timeout, rollback
and tags besides the parameters (:class:`~..shared.stack_form.StackForm`).
The ``preview`` button asks the region's Heat what would be created."""

from django.utils.translation import gettext_lazy

from horizon import forms

from mr_dashboard.api import heat
from mr_dashboard.panels.shared.stack_form import CreateFields
from mr_dashboard.panels.shared.stack_form import GO
from mr_dashboard.panels.shared.stack_form import PREVIEW
from mr_dashboard.panels.shared.stack_form import StackForm


class LaunchForm(StackForm, CreateFields):
    tags = forms.CharField(label=gettext_lazy("Tags"), required=False,
                           help_text=gettext_lazy("Separated by commas."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        order = ["stack_name", "timeout_mins", "enable_rollback", "tags"]
        self.order_fields(order + [name for name in self.fields
                                   if name not in order])
        self.preview = None

    def handle(self, request, data):
        fields = self.heat_fields()
        if self.action == PREVIEW:
            self.preview = self.heat_call(
                heat.stack_preview, stack_name=data["stack_name"], **fields)
            return None
        if self.action != GO:
            return None
        tags = ",".join(tag.strip() for tag in data["tags"].split(",")
                        if tag.strip())
        return self.heat_call(
            heat.stack_create, stack_name=data["stack_name"],
            timeout_mins=data["timeout_mins"],
            disable_rollback=not data["enable_rollback"],
            **({"tags": tags} if tags else {}), **fields)
