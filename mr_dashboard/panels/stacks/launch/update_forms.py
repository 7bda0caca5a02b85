"""Updating a stack: a new template (PUT) or new parameter values only
(PATCH), each with a preview of what changes per resource.

A remote child (``OS::Heat::Stack``) always gets its template and
parameters sent again on an update, and is replaced — its stack deleted in
one region and created again — when its ``region_name`` changes: the
preview says so in plain words for each such child.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from horizon import forms

from mr_dashboard.api import heat
from mr_dashboard.hot.children import Placement
from mr_dashboard.hot.context import REMOTE_STACK
from mr_dashboard.panels.shared.stack_form import GO, PREVIEW, StackForm


def update_warnings(changes: list[heat.ResourceChange],
                    before: list[Placement],
                    after: list[Placement]) -> list[str]:
    """Plain warnings about the remote children an update touches."""
    old = {p.path[0]: p.region for p in before if len(p.path) == 1}
    new = {p.path[0]: p.region for p in after if len(p.path) == 1}
    warnings = []
    for change in changes:
        if change.type != REMOTE_STACK:
            continue
        names = {"name": change.name, "old": old.get(change.name) or "?",
                 "new": new.get(change.name) or "?"}
        if change.change == "replaced":
            text = _("%(name)s will be replaced: its stack in %(old)s is "
                     "deleted and a new one is created in %(new)s.")
        elif change.change == "deleted":
            text = _("%(name)s will be deleted, with its stack in %(old)s.")
        elif change.change == "added":
            text = _("%(name)s will create a new stack in %(new)s.")
        else:
            text = _("%(name)s: its template and parameters are sent again "
                     "to %(new)s, where its stack is updated in place.")
        warnings.append(text % names)
    return warnings


class UpdateForm(StackForm):
    """A new template for an existing stack (PUT)."""

    timeout_mins = forms.IntegerField(
        label=gettext_lazy("Update timeout (minutes)"), initial=60,
        min_value=1)
    enable_rollback = forms.BooleanField(
        label=gettext_lazy("Roll back on failure"), required=False)
    existing = False
    counts_quotas = False

    def __init__(self, *args, stack_id: str, before: list[Placement],
                 **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.stack_id, self.before = stack_id, before
        self.changes = self.child_warnings = None

    def update_fields(self, data) -> dict:
        return {**self.heat_fields(), "timeout_mins": data["timeout_mins"],
                "disable_rollback": not data["enable_rollback"]}

    def handle(self, request, data):
        fields = self.update_fields(data)
        if self.action == PREVIEW:
            self.changes = self.heat_call(
                heat.stack_preview_update, self.stack_id,
                existing=self.existing, **fields)
            if self.changes is not None:
                self.child_warnings = update_warnings(
                    self.changes, self.before, self.placements)
            return None
        if self.action != GO:
            return None
        done = self.heat_call(heat.stack_update, self.stack_id,
                              existing=self.existing, **fields)
        return None if self.errors else done or self.stack_id


class PatchForm(UpdateForm):
    """New values for some parameters, the template kept (PATCH)."""

    optional = True
    existing = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("timeout_mins", "enable_rollback", "draft"):
            del self.fields[name]
        for param in self.parameters():
            if param.immutable:
                self.fields[param.field_name].disabled = True

    def update_fields(self, data) -> dict:
        return {"parameters": self.heat_values()}
