"""Take and restore a stack's snapshots: two modal forms of the detail page.

Both act on the stack in its own region and cloud (a stack of another cloud
is reached through its gateway, and only when it is bound to its parent:
:mod:`places`) and check their Heat policy rule first with the plugin's one
check, :func:`mr_dashboard.permission.allows` (Heat's policy even when
Horizon's ``POLICY_CHECK_FUNCTION`` is None; a refusal is a message on the
stack's page, never an error page). The restore form reads the snapshot
again (only a complete one can be restored) and names the stack's children
in other regions or clouds, with what Heat does to them
(docs/snapshots.md): Heat snapshotted each of them in its own region when
it took this snapshot, but a restore only *updates* each child to the
template and parameters it had then.
"""

from django import forms as django_forms
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from horizon import exceptions
from horizon import forms
from horizon import messages
from horizon.utils.memoized import memoized_method

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.heat import status as heat_status
from mr_dashboard.api.place import StackPlace
from mr_dashboard.api.place import is_heat_id
from mr_dashboard.api.tree.walk import stack_tree
from mr_dashboard.panels.stacks.detail import places
from mr_dashboard.panels.shared.stack_urls import page_of
from mr_dashboard.panels.stacks.detail.status_labels import status_label
from mr_dashboard.panels.shared.policy import PolicyRequired

#: Heat's column for a snapshot's name holds 255 characters.
NAME_MAX = 255


class _SnapshotForm(forms.SelfHandlingForm):
    """A form about the stack of ``initial``, in its ``place``."""

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.stack: heat.Stack = self.initial["stack"]
        self.place: StackPlace = self.initial["place"]

    def act(self, request, call, failure: str, success: str) -> bool:
        """Run ``call``; Horizon's message of its outcome."""
        try:
            call()
        except Exception:
            exceptions.handle(request, failure)
            return False
        messages.success(request, success)
        return True


class TakeSnapshotForm(_SnapshotForm):
    name = forms.CharField(
        label=_("Snapshot Name"), max_length=NAME_MAX, strip=True,
        error_messages={
            "required": _("Give the snapshot a name."),
            "max_length": _("A snapshot name has at most %(limit_value)d "
                            "characters (this one has %(show_value)d)."),
        })

    def handle(self, request, data) -> bool:
        return self.act(
            request, lambda: heat.snapshot_create(
                self.place.request, self.stack.region, self.stack.identity,
                data["name"]),
            _("Unable to take a snapshot of stack %s.") % self.stack.name,
            _("Taking snapshot %(snapshot)s of stack %(stack)s.")
            % {"snapshot": data["name"], "stack": self.stack.name})


class RestoreSnapshotForm(_SnapshotForm):
    snapshot_id = forms.CharField(widget=django_forms.HiddenInput())

    def clean(self) -> dict:
        data = super().clean()
        if not is_heat_id(data.get("snapshot_id", "")):
            raise django_forms.ValidationError(_("This is not a snapshot."))
        try:
            snapshot = heat.snapshot_show(
                self.place.request, self.stack.region, self.stack.identity,
                data.get("snapshot_id", ""))
        except Exception:
            exceptions.handle(self.request, ignore=True)
            raise django_forms.ValidationError(
                _("This snapshot could not be read: it may have been "
                  "deleted."))
        if snapshot.full_status != heat_status.CREATE_COMPLETE:
            raise django_forms.ValidationError(
                _("Only a complete snapshot can be restored: %(name)s is "
                  "%(status)s (%(reason)s).")
                % {"name": snapshot.name or snapshot.id,
                   "status": status_label(snapshot.full_status),
                   "reason": snapshot.status_reason or "-"})
        return data

    def handle(self, request, data) -> bool:
        return self.act(
            request, lambda: heat.snapshot_restore(
                self.place.request, self.stack.region, self.stack.identity,
                data["snapshot_id"]),
            _("Unable to restore stack %s.") % self.stack.name,
            _("Restoring stack %s from its snapshot.") % self.stack.name)


class _SnapshotFormView(PolicyRequired, places.StackPage,
                        forms.ModalFormView):
    """A modal form about the stack the URL names, refused with a message
    on the stack's page when the policy does not allow it."""

    def refused_url(self) -> str:
        return self.detail_url()

    @memoized_method
    def stack_place(self) -> tuple[StackPlace, str]:
        """Where the stack lives, and its id there (a stack of another
        cloud that is not its parent's: back to the parent)."""
        try:
            return super().stack_place()
        except places.NotBound as exc:
            raise exceptions.Http302(places.refuse(
                self.request, self.kwargs, exc)) from None
        except places.UNREACHED as exc:
            messages.error(self.request,
                           places.error_of(exc, self.request).message)
            raise exceptions.Http302(reverse(constants.STACKS_INDEX_URL))

    def page(self, url_name: str, *extra: str) -> str:
        """The stack's page ``url_name`` in its own cloud or another."""
        place, stack_id = self.stack_place()
        return page_of(url_name, place.region, stack_id, place.gateway,
                       extra)

    def detail_url(self, tab: str = "snapshots") -> str:
        return (self.page(constants.STACK_DETAIL_URL)
                + f"?tab=stack_details__{tab}")

    @memoized_method
    def get_stack(self) -> heat.Stack:
        place, stack_id = self.stack_place()
        try:
            return heat.stack_get(place.request, place.region, stack_id)
        except Exception:
            exceptions.handle(self.request, _("Unable to read the stack."),
                              redirect=self.detail_url())

    def get_initial(self) -> dict:
        return {"stack": self.get_stack(), "place": self.stack_place()[0]}

    def get_success_url(self) -> str:
        return self.detail_url()

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["stack"] = self.get_stack()
        context["cancel_url"] = self.get_success_url()
        context["remote_children"] = remote_children(
            self.request, self.get_stack(), self.stack_place()[0])
        return context


class TakeSnapshotView(_SnapshotFormView):
    form_class = TakeSnapshotForm
    template_name = "project/mr_stacks/detail/snapshot_create.html"
    modal_id = "mr-snapshot-create"
    form_id = "mr-snapshot-create-form"
    page_title = _("Take Snapshot")
    submit_label = _("Take Snapshot")
    policy_rules = constants.SNAPSHOT_CREATE_POLICY

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["submit_url"] = self.page(constants.SNAPSHOT_CREATE_URL)
        return context


class RestoreSnapshotView(_SnapshotFormView):
    form_class = RestoreSnapshotForm
    template_name = "project/mr_stacks/detail/snapshot_restore.html"
    modal_id = "mr-snapshot-restore"
    form_id = "mr-snapshot-restore-form"
    page_title = _("Restore Snapshot")
    submit_label = _("Restore")
    policy_rules = constants.SNAPSHOT_RESTORE_POLICY

    def get_success_url(self) -> str:
        # The tree tab: the stack going through RESTORE_IN_PROGRESS.
        return self.detail_url("tree")

    def dispatch(self, request, *args, **kwargs):
        if not is_heat_id(kwargs["snapshot_id"]):
            messages.error(request, _("%(id)s is not a snapshot id.")
                           % {"id": kwargs["snapshot_id"]})
            return redirect(self.detail_url())
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict:
        return {**super().get_initial(),
                "snapshot_id": self.kwargs["snapshot_id"]}

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        stack, place = self.get_stack(), self.stack_place()[0]
        context["submit_url"] = self.page(constants.SNAPSHOT_RESTORE_URL,
                                          self.kwargs["snapshot_id"])
        try:
            context["snapshot"] = heat.snapshot_show(
                place.request, stack.region, stack.identity,
                self.kwargs["snapshot_id"])
        except Exception:
            exceptions.handle(self.request,
                              _("Unable to read the snapshot."),
                              redirect=self.detail_url())
        return context


def remote_children(request, stack: heat.Stack, place: StackPlace) -> list:
    """The stack's OS::Heat::Stack children (each with its region and
    cloud), found by a walk that stops at them."""
    tree = stack_tree(request, stack.region, stack.id, stack.name,
                      remote_depth=0, gateway=place.gateway)
    return [node for node in tree.root.walk()
            if node.kind == constants.NODE_REMOTE]
