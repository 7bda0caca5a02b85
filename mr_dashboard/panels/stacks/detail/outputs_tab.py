"""The Outputs tab of a stack's detail: the outputs of every stack of its
tree, across regions and clouds, and which feed which parameters. The tree
is walked within the page's budget: a late branch's stacks say their
region answers slowly, and the tab (``data-mr-tab-late``) is asked again
by the tree's script until it is whole."""

import json

from django.utils.translation import gettext_lazy as _

from horizon import tabs

from mr_dashboard import constants
from mr_dashboard.api.tree.outputs import tree_outputs
from mr_dashboard.api.tree.walk import stack_tree
from mr_dashboard.panels.stacks.detail.links import stack_url


def output_text(value) -> str:
    """An output's value as text (JSON for anything but a string)."""
    return value if isinstance(value, str) else json.dumps(value, indent=2)


class OutputsTab(tabs.Tab):
    name = _("Outputs")
    slug = "outputs"
    template_name = "project/mr_stacks/detail/_tree_outputs.html"
    preload = False
    policy_rules = constants.OUTPUTS_LIST_POLICY

    def get_context_data(self, request, **kwargs) -> dict:
        kwargs = self.tab_group.kwargs
        stack = kwargs["detail"].stack
        place = kwargs.get("place")
        tree = stack_tree(request, stack.region, stack.id, stack.name,
                          gateway=place.gateway if place else None,
                          paced=True)
        return {"late": tree.late, "stacks": [
            {"node": found.node, "url": stack_url(found.node),
             "error": found.error,
             "outputs": [(out, output_text(out.value),
                          found.feeds.get(out.key, ()))
                         for out in found.outputs]}
            for found in tree_outputs(request, tree)]}
