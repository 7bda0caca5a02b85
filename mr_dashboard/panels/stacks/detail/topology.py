"""A walked stack tree as the page shows it: the tree list and the picture.

:func:`tree_view` gives one dict per stack (nested under ``children`` for the
tree list, flat under ``stacks`` for the picture), the region lanes, the
parent links, the dependency edges between stacks and, given the shapes of
the stacks' templates (:mod:`mr_dashboard.api.tree.templates`), the edges
between resources (:func:`mr_dashboard.hot.edges.tree_edges`). Both the
tree list and the picture read the same dicts, so the two always agree.
"""

from django.utils.translation import gettext

from mr_dashboard import constants
from mr_dashboard.api import drift
from mr_dashboard.api import heat
from mr_dashboard.api import other_cloud
from mr_dashboard.api.heat.status import state_of
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree
from mr_dashboard.hot import edges
from mr_dashboard.panels.stacks.detail.links import resource_link
from mr_dashboard.panels.stacks.detail.links import stack_url
from mr_dashboard.panels.stacks.detail.status_labels import status_label

# Icon categories by resource type (exact type, or a prefix ending "::"),
# first match wins; provider templates are recognised by their suffix.
_CATEGORIES = (
    ("OS::Nova::Server", "server"),
    ("OS::Neutron::Net", "network"),
    ("OS::Neutron::ProviderNet", "network"),
    ("OS::Neutron::Subnet", "subnet"),
    ("OS::Neutron::Router", "router"),
    ("OS::Neutron::Port", "port"),
    ("OS::Neutron::FloatingIP", "floating_ip"),
    ("OS::Neutron::Security", "security"),
    ("OS::Neutron::VPN", "vpn"),
    ("OS::Neutron::IPsec", "vpn"),
    ("OS::Neutron::IKE", "vpn"),
    ("OS::Neutron::LBaaS::", "balancer"),
    ("OS::Octavia::", "balancer"),
    ("OS::Cinder::", "volume"),
    ("OS::Glance::", "image"),
    ("OS::Barbican::", "secret"),
    ("OS::Nova::KeyPair", "secret"),
    ("OS::Heat::Stack", "remote_stack"),
    ("AWS::CloudFormation::Stack", "nested_stack"),
    ("OS::Heat::ResourceGroup", "group"),
    ("OS::Heat::AutoScalingGroup", "group"),
    ("OS::Heat::ResourceChain", "group"),
    ("OS::Heat::RandomString", "random"),
    ("OS::Heat::Value", "value"),
    ("OS::Heat::Software", "config"),
    ("OS::Heat::Structured", "config"),
    ("OS::Heat::CloudConfig", "config"),
    ("OS::Heat::MultipartMime", "config"),
    ("OS::Heat::Delay", "wait"),
    ("OS::Heat::WaitCondition", "wait"),
    ("OS::Heat::TestResource", "test"),
)
_TEMPLATE_SUFFIXES = (".yaml", ".yml", ".template", ".json")

#: A tree with more resources than this starts with every stack but the
#: root collapsed in the picture (one box each, opened by a click): 200
#: stacks stay readable, and use case 1 (two sites, 25 resources) is drawn
#: whole.
COLLAPSE_ABOVE = 80

#: Font Awesome 6 (solid) glyph of each category, as Horizon ships it.
GLYPHS = {
    "server": "\uf233", "network": "\uf6ff", "subnet": "\uf0e8",
    "router": "\uf4d7", "port": "\uf1e6", "floating_ip": "\uf0ac",
    "security": "\uf3ed", "vpn": "\uf023", "balancer": "\uf24e",
    "volume": "\uf0a0", "image": "\uf03e", "secret": "\uf084",
    "remote_stack": "\uf0c2", "nested_stack": "\uf1b3", "group": "\uf5fd",
    "random": "\uf522", "value": "#", "config": "\uf013", "wait": "\uf254",
    "test": "\uf0c3", "other": "\uf1b2",
}


def category(resource_type: str) -> str:
    """The icon category of a resource type."""
    if resource_type.endswith(_TEMPLATE_SUFFIXES):
        return "nested_stack"
    for prefix, name in _CATEGORIES:
        if resource_type.startswith(prefix):
            return name
    return "other"


def state(status: str, unreachable: bool = False, late: bool = False) -> str:
    """``complete``, ``failed``, ``in_progress``, ``unreachable``, ``late``
    (its region answering slowly) or ``other``: what the colours of the
    page follow."""
    if unreachable:
        return "unreachable"
    if late:
        return "late"
    found = state_of(status)
    return found.lower() if found in constants.STACK_STATE_LABELS else "other"


def _name(node: StackNode) -> str:
    """The stack's name; its parent resource's while it is unknown."""
    if node.name:
        return node.name
    if not node.id:
        return gettext("%(resource)s (not created yet)") % {
            "resource": node.parent_resource}
    return node.parent_resource or node.id


def _resource_view(resource: heat.Resource, holder: StackNode,
                   shown: StackNode, drifts: dict[str, str]) -> dict:
    """A resource of ``holder``, with its link from the page of ``shown``
    (none in another cloud: Horizon cannot show it) and its drift status
    when a detection is kept (``drifts``: by resource name)."""
    link = resource_link(resource, shown) if holder.cloud is None else None
    return {
        "drift": drifts.get(resource.name, ""),
        "name": resource.name, "type": resource.type,
        "status": resource.status, "state": state(resource.status),
        "reason": resource.status_reason,
        "category": category(resource.type),
        "glyph": GLYPHS[category(resource.type)],
        "url": link.url if link else None,
        "modal": bool(link and link.modal)}


def _stack_drift(drifts: dict[str, str] | None) -> str:
    """``drifted``, ``in_sync`` (nothing compared differs) or "" (not
    detected, or not every resource known)."""
    if drifts is None:
        return ""
    if any(status in drift.DRIFTED for status in drifts.values()):
        return "drifted"
    if drift.NOT_KNOWN in drifts.values():
        return ""
    return "in_sync"


def _late(node: StackNode) -> str:
    """What a late stack says: its region answers slowly; "" if not late."""
    if not node.late or node.error is not None:
        return ""
    region = other_cloud.region_label(node.late) if node.cloud else node.late
    return gettext("%(region)s is answering slowly…") % {"region": region}


def _stack_view(node: StackNode, row: int, shown: StackNode,
                drifts: dict[str, str] | None) -> dict:
    return {
        "drift": _stack_drift(drifts),
        "key": node.key, "row": row, "id": node.id, "name": _name(node),
        "kind": node.kind, "region": node.region,
        "cloud": gettext("another cloud") if node.cloud else "",
        "lane": f"{node.cloud or ''}/{node.region}",
        "parent": node.parent.key if node.parent else None,
        "parent_resource": node.parent_resource,
        "resource_type": node.resource_type,
        "status": node.status, "status_label": status_label(node.status),
        "reason": node.reason,
        "state": state(node.status, node.error is not None,
                       bool(node.late)),
        "error": node.error.message if node.error else "",
        "late": _late(node),
        "error_label": str(node.error.label) if node.error else "",
        "url": stack_url(node),
        "fed_by": [],  # stacks whose outputs feed its parameters
        "resources": [_resource_view(res, node, shown, drifts or {})
                      for res in node.resources],
    }


def _lane(key: str) -> dict:
    """A region's lane (``<cloud>/<region>``, no cloud for the user's)."""
    cloud, region = key.split("/", 1)
    return {"key": key, "region": region, "cloud": bool(cloud),
            "label": other_cloud.region_label(region) if cloud else region}


def _places(tree: StackTree,
            shapes: dict[str, edges.Shape | None]) -> dict[str, edges.Place]:
    return {node.key: edges.Place(
        shapes.get(node.key), node.parent.key if node.parent else None,
        node.parent_resource,
        {child.parent_resource: child.key for child in node.children},
        frozenset(res.name for res in node.resources))
        for node in tree.nodes()}


def resource_edges(tree: StackTree,
                   shapes: dict[str, edges.Shape | None]) -> list[dict]:
    """The edges between the resources the tree has, for the picture:
    ``source`` and ``target`` as ``[stack key, resource name]``."""
    nodes = {node.key: node for node in tree.nodes()}
    present = {(node.key, res.name) for node in nodes.values()
               for res in node.resources}
    return [{"source": list(edge.source), "target": list(edge.target),
             "kind": edge.kind, "labels": list(edge.labels),
             "cross_region": (nodes[edge.source[0]].cloud,
                              nodes[edge.source[0]].region)
             != (nodes[edge.target[0]].cloud, nodes[edge.target[0]].region)}
            for edge in edges.tree_edges(_places(tree, shapes))
            if edge.source in present and edge.target in present]


def tree_view(tree: StackTree,
              drifts: dict[str, dict[str, str]] | None = None,
              shapes: dict[str, edges.Shape | None] | None = None) -> dict:
    """The tree list's root (stacks nested under ``children``) and the
    picture's data; ``drifts``: a kept drift detection's statuses, by
    stack key then resource name; ``shapes``: the stacks' templates'
    shapes by key (none: no edges between resources)."""
    views, drifts = {}, drifts or {}
    for row, node in enumerate(tree.root.walk()):
        views[node.key] = _stack_view(node, row, tree.root,
                                      drifts.get(node.key))
        views[node.key]["children"] = []
        if node.parent is not None:
            views[node.parent.key]["children"].append(views[node.key])
    for dep in tree.dependencies:
        source = views[dep.source]
        views[dep.target]["fed_by"].append({
            "name": source["name"], "region": source["region"],
            "parameters": dep.parameters})
    lanes = list(dict.fromkeys(view["lane"] for view in views.values()))
    return {
        "root": views[tree.root.key],
        "in_progress": tree.in_progress,
        "late": tree.late,
        "graph": {
            "lanes": [_lane(lane) for lane in lanes],
            "stacks": [{key: value for key, value in view.items()
                        if key not in ("children", "fed_by")}
                       for view in views.values()],
            "dependencies": [{
                "source": dep.source, "target": dep.target,
                "parameters": dep.parameters,
                "cross_region": dep.cross_region}
                for dep in tree.dependencies],
            "edges": resource_edges(tree, shapes or {}),
            "collapse_above": COLLAPSE_ABOVE,
        },
    }
