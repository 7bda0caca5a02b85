"""The tabs of one stack's detail, each about the stack in its own region
(and cloud: every call goes through the page's ``place``, a
:class:`~mr_dashboard.api.place.StackPlace`).

The tree and the picture are filled in and kept live by the page's script
from the tree view; the other tabs load when first shown. Resources and
events come from a walk of the tree: the resources of the stack's local
nested stacks, and the events of every stack of the tree.
"""

import yaml
from django.utils.translation import gettext_lazy as _

from horizon import exceptions
from horizon import messages
from horizon import tabs
from horizon.utils import functions as utils
from horizon.utils.memoized import memoized_method

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.place import StackPlace
from mr_dashboard.api.tree.walk import stack_tree
from mr_dashboard.api.tree.events import EventFilter
from mr_dashboard.api.tree.events import EventsPage
from mr_dashboard.api.tree.events import tree_events
from mr_dashboard.panels.stacks.detail import event_filters
from mr_dashboard.panels.stacks.detail.drift import DriftTab
from mr_dashboard.panels.stacks.detail import tables
from mr_dashboard.panels.stacks.detail.outputs_tab import OutputsTab
from mr_dashboard.panels.stacks.detail.outputs_tab import output_text
from mr_dashboard.panels.stacks.detail.snapshots_tab import SnapshotsTab
from mr_dashboard.panels.stacks.detail.timeline import TimelineTab
from mr_dashboard.panels.stacks.detail.status_labels import status_label


class _StackTab(tabs.Tab):
    """A tab about the stack the page shows (``tab_group.kwargs``)."""

    @property
    def stack(self) -> heat.Stack:
        return self.tab_group.kwargs["detail"].stack

    @property
    def place(self) -> StackPlace:
        """Where the stack lives: the request reaching its cloud."""
        return self.tab_group.kwargs["place"]


class TreeTab(_StackTab):
    name = _("Stack tree")
    slug = "tree"
    template_name = "project/mr_stacks/detail/_tree.html"
    policy_rules = constants.RESOURCES_INDEX_POLICY

    def get_context_data(self, request, **kwargs) -> dict:
        return {"stack": self.stack}


class TopologyTab(TreeTab):
    name = _("Topology")
    slug = "topology"
    template_name = "project/mr_stacks/detail/_topology.html"


class OverviewTab(_StackTab):
    name = _("Overview")
    slug = "overview"
    template_name = "project/mr_stacks/detail/_overview.html"
    preload = False
    policy_rules = constants.STACK_SHOW_POLICY

    def get_context_data(self, request, **kwargs) -> dict:
        detail = self.tab_group.kwargs["detail"]
        try:
            # Outputs may make Heat ask other regions: read them only here.
            detail = heat.stack_show(self.place.request, self.stack.region,
                                     self.stack.identity)
        except Exception:
            exceptions.handle(request,
                              _("Unable to read the outputs of this stack."))
        return {
            "detail": detail,
            "status_label": status_label(detail.stack.status),
            "parameters": sorted(detail.parameters.items(),
                                 key=lambda item: (":" in item[0], item[0])),
            "outputs": [(out, output_text(out.value))
                        for out in detail.outputs],
        }


class _LiveTableTab(_StackTab, tabs.TableTab):
    """A table the page's script reloads while the tree is in progress."""

    template_name = "project/mr_stacks/detail/_live_table.html"
    preload = False


class ResourcesTab(_LiveTableTab):
    name = _("Resources")
    slug = "resources"
    table_classes = (tables.ResourcesTable,)
    policy_rules = constants.RESOURCES_INDEX_POLICY

    def get_resources_data(self) -> list[tables.ResourceRow]:
        tree = stack_tree(self.request, self.stack.region, self.stack.id,
                          self.stack.name, remote_depth=0,
                          gateway=self.place.gateway)
        if tree.root.error:
            messages.error(self.request, _(
                "Unable to list the resources of this stack: %s")
                % tree.root.error.message)
        return tables.resource_rows(tree)

    def get_context_data(self, request, **kwargs) -> dict:
        return {**super().get_context_data(request, **kwargs), "live": True}


class EventsTab(_LiveTableTab):
    name = _("Events")
    slug = "events"
    table_classes = (tables.EventsTable,)
    policy_rules = constants.EVENTS_INDEX_POLICY
    template_name = "project/mr_stacks/detail/_events.html"

    @property
    def marker(self) -> str | None:
        return self.request.GET.get(
            tables.EventsTable._meta.pagination_param)

    def live(self, where: EventFilter) -> bool:
        """Whether this is the first page, unfiltered: the one the page's
        script reloads as the tree changes."""
        return not self.marker and where == EventFilter()

    @memoized_method
    def listing(self) -> event_filters.EventsListing:
        """The page of events the request asks for, read once. Every page,
        older or filtered too, walks the tree within the page's budget: a
        late branch's events are not on it yet (the tab says so, and the
        page's script asks for the same page again)."""
        where = event_filters.event_filter(self.request)
        tree = stack_tree(self.request, self.stack.region, self.stack.id,
                          self.stack.name, gateway=self.place.gateway,
                          paced=True)
        late = tuple(tree.late_nodes)
        # An older page cannot be placed without every branch's events
        # (its marker may be a late branch's): none asked until whole.
        page = EventsPage() if late and self.marker else tree_events(
            self.request, tree, utils.get_page_size(self.request),
            self.marker, where)
        nodes = {node.key: node for node in tree.root.walk()}
        return event_filters.EventsListing(
            events=tuple(page.events), next_marker=page.next_marker,
            prev_marker=page.prev_marker, where=where,
            choices=event_filters.filter_choices(tree),
            missing=tuple((node, node.error) for node in nodes.values()
                          if node.error) + tuple(
                (nodes[key], error) for key, error in page.errors.items()),
            gateways={node.id: node.gateway for node in tree.root.walk()
                      if node.gateway},
            late=late)

    def get_events_data(self) -> list[heat.Event]:
        listing = self.listing()
        self._tables["events"].listing = listing
        return list(listing.events)

    def has_more_data(self, table) -> bool:
        # No other page while a branch is late: the markers of a page
        # without its events would skip some of them.
        listing = self.listing()
        return bool(listing.next_marker) and not listing.late

    def has_prev_data(self, table) -> bool:
        listing = self.listing()
        return bool(listing.prev_marker) and not listing.late

    def get_context_data(self, request, **kwargs) -> dict:
        context = super().get_context_data(request, **kwargs)
        listing = self.listing()
        context["live"] = self.live(listing.where)
        # The page this is, for the script asking for it again while late.
        context["query"] = event_filters.page_query(
            listing.where, tables.EventsTable._meta.pagination_param,
            self.marker)
        context["missing"] = list(listing.missing)
        context["late"] = list(listing.late)
        context["choices"] = listing.choices
        context["where"] = listing.where
        return context


class _Blocks(yaml.SafeDumper):
    """YAML with multi-line text as a literal block: a file, a script or a
    user_data reads as written (where YAML allows a block)."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value,
                                   style="|" if "\n" in value else None)


_Blocks.add_representer(str, _text)


class _SourceTab(_StackTab):
    """A tab showing one of the stack's documents as YAML."""

    template_name = "project/mr_stacks/detail/_source.html"
    preload = False
    failure = ""

    def read(self) -> dict:
        """The document, read through Heat in the stack's cloud."""
        raise NotImplementedError

    def get_context_data(self, request, **kwargs) -> dict:
        try:
            document = self.read()
        except Exception:
            exceptions.handle(request, self.failure)
            return {"source": ""}
        return {"source": yaml.dump(document, Dumper=_Blocks,
                                    default_flow_style=False,
                                    sort_keys=False)}


class TemplateTab(_SourceTab):
    name = _("Template")
    slug = "template"
    policy_rules = constants.STACK_TEMPLATE_POLICY
    failure = _("Unable to read the template of this stack.")

    def read(self) -> dict:
        return heat.stack_template(self.place.request, self.stack.region,
                                   self.stack.identity)


class EnvironmentTab(_SourceTab):
    name = _("Environment")
    slug = "environment"
    policy_rules = constants.STACK_ENVIRONMENT_POLICY
    failure = _("Unable to read the environment of this stack.")

    def read(self) -> dict:
        return heat.stack_environment(self.place.request, self.stack.region,
                                      self.stack.identity)


class FilesTab(_SourceTab):
    name = _("Files")
    slug = "files"
    policy_rules = ((constants.ORCHESTRATION, "stacks:files"),)
    failure = _("Unable to read the files of this stack.")

    def read(self) -> dict:
        return heat.stack_files(self.place.request, self.stack.region,
                                self.stack.identity)


class StackDetailTabs(tabs.DetailTabsGroup):
    slug = "stack_details"
    tabs = (TreeTab, TopologyTab, OverviewTab, ResourcesTab, EventsTab,
            TimelineTab, OutputsTab, DriftTab, SnapshotsTab, TemplateTab,
            EnvironmentTab, FilesTab)
    sticky = True
