"""The tree of stacks one stack owns: its nodes and the edges between them.

Built by :func:`mr_dashboard.api.tree.walk.stack_tree`, with
:func:`grow_nested` for the local nested stacks of a listing and
:func:`dependencies` for the edges. Every node names its region and, for
a stack in another cloud, the credential secret that reaches it and the
gateway it was reached through (the pages of that stack); a branch
that could not be read keeps a
:class:`~mr_dashboard.api.errors.RegionError` instead of its children.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.heat.status import in_progress
from mr_dashboard.api.other_cloud.gateway import Gateway
from mr_dashboard.hot import feeds


@dataclass(eq=False)
class StackNode:
    """One stack of a tree, where it lives and how it hangs from its parent.

    ``kind`` is one of ``constants.NODE_*``; ``cloud`` is None in the
    user's own cloud, else the credential secret id reaching the other
    cloud, and ``gateway`` the OS::Heat::Stack resource of the user's own
    cloud it was reached through (with the context's TLS options).
    ``resources`` are the stack's own, nested stacks' excluded.
    """

    region: str
    id: str
    name: str
    kind: str
    status: str = ""
    reason: str = ""
    cloud: str | None = None
    gateway: Gateway | None = field(default=None, repr=False)
    parent: "StackNode | None" = field(default=None, repr=False)
    parent_resource: str = ""
    resource_type: str = ""
    children: list["StackNode"] = field(default_factory=list, repr=False)
    resources: list[heat.Resource] = field(default_factory=list, repr=False)
    error: RegionError | None = None
    listed: bool = False  # its resources were listed in its own region
    #: The region answering slowly for it (its calls were late): a later
    #: walk fills it in.
    late: str = ""

    @property
    def key(self) -> str:
        """Unique in the tree, stable across walks."""
        if self.id:
            return f"{self.cloud or ''}/{self.region}/{self.id}"
        return f"{self.parent.key}/{self.parent_resource}"

    @property
    def identifier(self) -> str:
        """How Heat finds the stack at once: ``name/id`` when known."""
        return f"{self.name}/{self.id}" if self.name else self.id

    @property
    def in_progress(self) -> bool:
        """True while the stack is in progress, or late (asked again)."""
        return in_progress(self.status) or bool(self.late)

    @property
    def hops(self) -> int:
        """OS::Heat::Stack links between the root and this stack."""
        node, hops = self, 0
        while node is not None:
            hops += node.kind == constants.NODE_REMOTE
            node = node.parent
        return hops

    def walk(self) -> Iterator["StackNode"]:
        """This node, then its descendants, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def children_by_resource(self) -> dict[str, "StackNode"]:
        """This node's children by the name of the resource that made
        each."""
        return {child.parent_resource: child for child in self.children}


@dataclass(frozen=True)
class Dependency:
    """Stack ``source`` feeds ``parameters`` of stack ``target`` (keys)."""

    source: str
    target: str
    parameters: str
    cross_region: bool


@dataclass
class StackTree:
    """A walked tree, with what the walk cost."""

    root: StackNode
    dependencies: list[Dependency] = field(default_factory=list)
    calls: int = 0
    durations: list[float] = field(default_factory=list, repr=False)
    #: Keys of stacks whose template is still being read, late
    #: (:mod:`~mr_dashboard.api.tree.templates`): asked for again.
    reading: set[str] = field(default_factory=set, repr=False)

    def nodes(self) -> list[StackNode]:
        return list(self.root.walk())

    @property
    def in_progress(self) -> bool:
        """True while any stack of the tree is in progress (or late)."""
        return bool(self.late) or any(node.in_progress
                                      for node in self.root.walk())

    @property
    def late_nodes(self) -> list[StackNode]:
        """The stacks a region answered late for (a later walk fills them
        in), in tree order."""
        return [node for node in self.root.walk() if node.late]

    @property
    def late(self) -> bool:
        """True while a branch, or a stack's template, is late."""
        return bool(self.reading) or bool(self.late_nodes)

    @property
    def listed(self) -> list[StackNode]:
        """Stacks whose own region listed them: the root and the remote
        children reached, each standing for its local nested stacks."""
        return [node for node in self.root.walk() if node.listed]

    @property
    def hops(self) -> int:
        """OS::Heat::Stack links on the tree's longest path."""
        return max(node.hops for node in self.root.walk())


def grow_nested(top: StackNode,
                resources: list[heat.Resource]) -> dict[str, StackNode]:
    """Hang the local nested stacks of a ``nested_depth`` listing under
    ``top``; returns every stack of the listing by id."""
    stacks = {top.id: top}
    for res in resources:
        if res.nested_id:
            stacks[res.nested_id] = StackNode(
                region=top.region, cloud=top.cloud, gateway=top.gateway,
                id=res.nested_id,
                name=res.nested_name or "", kind=constants.NODE_NESTED,
                status=res.status, reason=res.status_reason,
                parent_resource=res.name, resource_type=res.type)
    for res in resources:
        holder = stacks.get(res.stack_id, top)
        holder.resources.append(res)
        if res.nested_id:
            stacks[res.nested_id].parent = holder
            holder.children.append(stacks[res.nested_id])
    return stacks


def dependencies(templates: list[tuple[StackNode, dict]]
                 ) -> list[Dependency]:
    """The edges between the children of each stack whose template was
    read: which one's outputs feed which one's parameters."""
    found = []
    for holder, template in templates:
        by_resource = holder.children_by_resource()
        for feed in feeds.feeds(template):
            source = by_resource.get(feed.source)
            target = by_resource.get(feed.target)
            if source and target:
                found.append(Dependency(
                    source.key, target.key, ", ".join(feed.parameters),
                    (source.cloud, source.region)
                    != (target.cloud, target.region)))
    return found
