"""The machinery of the Stacks table's actions: each stack's call goes to
its own region.

:class:`RegionBatchAction` runs the chosen stacks' calls in parallel, at
most the plugin's deadline, and reports per stack what happened: the
stacks done in one message, each failure with its region and reason. A
stack chosen on a page but missing from the new listing (its region did
not answer, or the stack is gone) is reported, not asked for.
"""

from django import shortcuts
from django.utils.translation import gettext

from horizon import messages
from horizon import tables

from mr_dashboard import permission
from mr_dashboard.api import heat
from mr_dashboard.api import parallel
from mr_dashboard.api.errors import RegionError


def run_per_stack(request, stacks: list[heat.Stack],
                  function) -> dict[str, RegionError | None]:
    """``function(request, region, identity)`` for every stack at once;
    the error of each stack (None: done), by stack id."""
    results = parallel.run_all(request, {
        stack.id: parallel.Call(stack.region, function, (stack.identity,))
        for stack in stacks})
    return {stack_id: result.error for stack_id, result in results.items()}


class RegionBatchAction(tables.BatchAction, permission.CheckedOncePerRequest):
    """A batch action whose stacks may live in several regions.

    Subclasses make their Heat call in :meth:`stack_call` and name their
    present and past, as ``ngettext_lazy`` plurals counting ``count``.
    """

    present = past = None

    def stack_call(self, request, region: str, identity: str) -> None:
        """The action on one stack, in its region."""
        raise NotImplementedError

    def action_present(self, count):
        return self.present % {"count": count}

    def action_past(self, count):
        return self.past % {"count": count}

    def permitted(self, request, stack: heat.Stack) -> bool:
        """The action's policy rules (:func:`permission.allows`) and
        :meth:`allowed`, for one stack."""
        if self.policy_rules and not permission.allows(
                request, self.policy_rules,
                self.get_policy_target(request, stack)):
            return False
        return self.allowed(request, stack)

    def handle(self, table, request, obj_ids):
        listed = {table.get_object_id(stack): stack for stack in table.data}
        for obj_id in obj_ids:
            if obj_id not in listed:
                self.missing(request, table, obj_id)
        stacks = [listed[obj_id] for obj_id in obj_ids if obj_id in listed]
        allowed = [stack for stack in stacks if self.permitted(request, stack)]
        outcomes = run_per_stack(request, allowed, self.stack_call)
        done = [stack for stack in allowed if outcomes[stack.id] is None]
        for stack in stacks:
            if stack not in allowed:
                messages.error(request, gettext(
                    "You may not %(action)s %(stack)s.") % {
                    "action": self.action_present(1).lower(),
                    "stack": table.get_object_display(stack)})
            elif outcomes[stack.id] is not None:
                error = outcomes[stack.id]
                messages.error(request, gettext(
                    "Unable to %(action)s %(stack)s: %(label)s, "
                    "%(reason)s") % {
                    "action": self.action_present(1).lower(),
                    "stack": table.get_object_display(stack),
                    "label": error.label, "reason": error.message})
        if done:
            messages.success(request, gettext("%(action)s: %(stacks)s") % {
                "action": self.action_past(len(done)),
                "stacks": ", ".join(table.get_object_display(stack)
                                    for stack in done)})
            self.done(request, table, done)
        self.success_ids = [table.get_object_id(stack) for stack in done]
        return shortcuts.redirect(self.get_success_url(request))

    def missing(self, request, table, obj_id: str) -> None:
        """Tell why a stack chosen on the page is not there any more."""
        region, stack_id = table.parse_object_id(obj_id)
        error = table.state.unavailable.get(region)
        messages.error(request, gettext(
            "Unable to %(action)s %(stack)s (%(region)s): %(reason)s") % {
            "action": self.action_present(1).lower(), "stack": stack_id,
            "region": region,
            "reason": (f"{error.label}, {error.message}" if error else
                       gettext("it is not listed any more"))})

    def done(self, request, table, stacks: list[heat.Stack]) -> None:
        """Say more about the stacks the action reached."""
