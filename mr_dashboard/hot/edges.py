"""Which resources of a stack tree feed which: the picture's edges.

Two steps, both without cloud calls:

1. :func:`shape` reads one stack's template into a :class:`Shape`: each
   resource's type, its ``depends_on``, and the references
   (``get_resource``, ``get_attr``, ``get_param``, CFN's ``Ref`` and
   ``Fn::GetAtt``) in each of its inputs (the parameters it passes to a
   stack of its own, else its properties, as :mod:`.feeds` reads them), and in
   each output. It is small, so it is what gets cached
   (:mod:`mr_dashboard.api.tree.templates`), never the template.
2. :func:`tree_edges` follows those references across the tree
   (:class:`Place` per stack): a ``get_param`` to the value the parent
   passes for it, a ``get_attr`` of a child stack's output into that
   child's output, until a resource that makes the value is met. Each
   consumer resource gets an :class:`Edge` from each producer: ``local``
   (same stack), ``depends_on``, ``feed`` (another stack: a parent's
   resource feeding a child's parameter, or one stack's output feeding
   another's parameter, in whatever region), and ``site``: an
   ``OS::Neutron::IPsecSiteConnection`` drawn between the VPN service it
   belongs to and the peer VPN service whose address its ``peer_address``
   is (the VPN service's own address attribute, or its router's).

A reference that leads nowhere known (a parameter the user gave, a stack
whose template could not be read) gives no edge; a template nested deeper
than :data:`MAX_DEPTH` is read down to that depth.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from mr_dashboard.hot import feeds
from mr_dashboard.hot import parse
from mr_dashboard.hot.context import STACK_TYPES

#: Deepest value read for references (the template loader's own limit).
MAX_DEPTH = parse.MAX_DEPTH
_ATTR = ("get_attr", "Fn::GetAtt")
_RESOURCE = ("get_resource",)
_PARAM = ("get_param",)
_REF = "Ref"
SITE_CONNECTION = "OS::Neutron::IPsecSiteConnection"
VPN_SERVICE = "OS::Neutron::VPNService"
#: The property of a VPN service naming its router.
_ROUTER = "router"


@dataclass(frozen=True)
class Use:
    """One reference in a value: ``kind`` is ``resource`` (its id),
    ``attr`` (an attribute, ``path`` its name and keys) or ``param``."""

    kind: str
    name: str
    path: tuple[str, ...] = ()


@dataclass(frozen=True)
class Shape:
    """What the picture needs of one template."""

    types: dict[str, str] = field(default_factory=dict)
    depends: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # resource -> input (parameter passed, or property) -> references
    inputs: dict[str, dict[str, tuple[Use, ...]]] = field(
        default_factory=dict)
    outputs: dict[str, tuple[Use, ...]] = field(default_factory=dict)


def uses(value: Any, resources: set[str], depth: int = 0) -> Iterator[Use]:
    """Every reference in ``value`` (``resources``: the template's own, to
    tell CFN's ``Ref`` of a resource from that of a parameter)."""
    if depth > MAX_DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            yield from uses(item, resources, depth + 1)
        return
    if not isinstance(value, dict):
        return
    for key, item in value.items():
        if key in _ATTR and isinstance(item, list) and item \
                and isinstance(item[0], str):
            yield Use("attr", item[0], tuple(str(part) for part in item[1:]
                                             if isinstance(part, (str, int))))
        elif key in _RESOURCE and isinstance(item, str):
            yield Use("resource", item)
        elif key == _REF and isinstance(item, str):
            yield Use("resource" if item in resources else "param", item)
        elif key in _PARAM and isinstance(item, (str, list)) and item:
            name = item if isinstance(item, str) else item[0]
            if isinstance(name, str):
                yield Use("param", name)
        else:
            yield from uses(item, resources, depth + 1)


def _depends(body: dict) -> tuple[str, ...]:
    found = body.get("depends_on", body.get("DependsOn")) or ()
    found = [found] if isinstance(found, str) else found
    return tuple(name for name in found if isinstance(name, str)) \
        if isinstance(found, list) else ()


def shape(template: dict | None) -> Shape:
    """The :class:`Shape` of a template (an empty one for anything
    else)."""
    if not isinstance(template, dict):
        return Shape()
    resources = parse.resources_of(template)
    names = set(resources)
    outputs = template.get("outputs", template.get("Outputs"))
    outputs = outputs if isinstance(outputs, dict) else {}
    return Shape(
        types={name: str(body.get("type", body.get("Type", "")))
               for name, body in resources.items()},
        depends={name: _depends(body) for name, body in resources.items()},
        inputs={name: {str(key): tuple(uses(value, names))
                       for key, value in feeds._inputs(body).items()}
                for name, body in resources.items()},
        outputs={str(name): tuple(uses(body.get("value", body.get("Value")),
                                       names))
                 for name, body in outputs.items() if isinstance(body, dict)})


@dataclass(frozen=True)
class Place:
    """A stack of the tree as the edges see it: its template's shape (None
    when unknown), its parent's key and resource, its children's keys by
    resource, and the resources Heat has (None: all its template's; a
    resource whose condition is false has none, nor any edge)."""

    shape: Shape | None
    parent: str | None = None
    parent_resource: str = ""
    children: dict[str, str] = field(default_factory=dict)
    listed: frozenset[str] | None = None


#: A resource of the tree: its stack's key and its name.
Node = tuple[str, str]


@dataclass(frozen=True)
class Edge:
    """``source`` feeds ``target`` (``labels``: the inputs it feeds, or
    the site connections joining two VPN services)."""

    source: Node
    target: Node
    kind: str
    labels: tuple[str, ...] = ()


def _is_stack(kind: str) -> bool:
    return kind in STACK_TYPES or parse.is_template_name(kind)


class _Resolver:
    """Follows references across the tree's places; each reference once
    (a cycle of references ends where it began)."""

    def __init__(self, places: dict[str, Place]):
        self.places = places
        self.memo: dict[tuple[str, Use], set[Node]] = {}

    def producers(self, key: str, use: Use) -> set[Node]:
        """The resources making the value ``use`` reads in stack ``key``."""
        if (key, use) not in self.memo:
            self.memo[(key, use)] = set()  # while followed: a cycle ends
            self.memo[(key, use)] = self._follow(key, use)
        return self.memo[(key, use)]

    def _follow(self, key: str, use: Use) -> set[Node]:
        place = self.places.get(key)
        if place is None or place.shape is None:
            return set()
        if use.kind == "param":
            parent = self.places.get(place.parent or "")
            if parent is None or parent.shape is None:
                return set()
            passed = parent.shape.inputs.get(place.parent_resource, {})
            return self.all(place.parent, passed.get(use.name, ()))
        kind = place.shape.types.get(use.name)
        if kind is None:
            return set()
        child = self.places.get(place.children.get(use.name, ""))
        if use.kind == "attr" and child is not None and _is_stack(kind) \
                and child.shape is not None:
            # OS::Heat::Stack and nested stacks: [res, outputs, name];
            # provider templates: [res, name].
            path = use.path[1:] if kind in STACK_TYPES else use.path
            if path and (kind not in STACK_TYPES
                         or use.path[0] == "outputs"):
                found = self.all(place.children[use.name],
                                 child.shape.outputs.get(path[0], ()))
                if found:
                    return found
        return {(key, use.name)}

    def all(self, key: str, found: tuple[Use, ...]) -> set[Node]:
        """The producers of every reference of ``found``."""
        producers: set[Node] = set()
        for use in found:
            producers |= self.producers(key, use)
        return producers


def _vpn_of(resolver: _Resolver, key: str, body: dict[str, tuple[Use, ...]],
            name: str) -> set[Node]:
    """The VPN services making input ``name`` of a site connection."""
    return {node for node in resolver.all(key, body.get(name, ()))
            if _type(resolver, node) == VPN_SERVICE}


def _type(resolver: _Resolver, node: Node) -> str:
    place = resolver.places.get(node[0])
    return place.shape.types.get(node[1], "") if place and place.shape else ""


def _services_by_router(resolver: _Resolver) -> dict[Node, set[Node]]:
    """Every VPN service of the tree, by the resources making its
    router."""
    found: dict[Node, set[Node]] = {}
    for key, place in resolver.places.items():
        for name, kind in (place.shape.types.items() if place.shape else ()):
            if kind == VPN_SERVICE:
                router = place.shape.inputs.get(name, {}).get(_ROUTER, ())
                for made in resolver.all(key, router):
                    found.setdefault(made, set()).add((key, name))
    return found


def _peers(resolver: _Resolver, key: str, body: dict[str, tuple[Use, ...]],
           services: dict[Node, set[Node]]) -> set[Node]:
    """The VPN services whose address is the connection's
    ``peer_address``: that address is the service's own, or its
    router's (``services``: :func:`_services_by_router`)."""
    made = resolver.all(key, body.get("peer_address", ()))
    peers = {node for node in made if _type(resolver, node) == VPN_SERVICE}
    for node in made:
        peers |= services.get(node, set())
    return peers


def tree_edges(places: dict[str, Place]) -> list[Edge]:
    """Every edge between the resources of the tree's places (by stack
    key), each pair and kind once, in a stable order."""
    resolver = _Resolver(places)
    services: dict[Node, set[Node]] | None = None
    found: dict[tuple[Node, Node, str], set[str]] = {}

    def add(source: Node, target: Node, kind: str, label: str) -> None:
        if source != target:
            found.setdefault((source, target, kind), set()).add(label)

    for key, place in places.items():
        if place.shape is None:
            continue
        for name, inputs in place.shape.inputs.items():
            if place.listed is not None and name not in place.listed:
                continue
            target = (key, name)
            child = place.children.get(name)
            for label, references in inputs.items():
                for use in references:
                    if use.kind != "param" and use.name == name:
                        continue
                    # A child's parameters are drawn to the resources of
                    # the child that read them, when its template is known.
                    if child is not None and places.get(child) \
                            and places[child].shape is not None:
                        continue
                    for source in resolver.producers(key, use):
                        add(source, target,
                            "local" if source[0] == key else "feed", label)
            for before in place.shape.depends.get(name, ()):
                add((key, before), target, "depends_on", "")
            if place.shape.types.get(name) == SITE_CONNECTION:
                if services is None:
                    services = _services_by_router(resolver)
                for own in _vpn_of(resolver, key, inputs, "vpnservice_id"):
                    for peer in _peers(resolver, key, inputs, services):
                        pair = tuple(sorted((own, peer)))
                        add(pair[0], pair[1], "site", name)
    return [Edge(source, target, kind, tuple(sorted(labels - {""})))
            for (source, target, kind), labels in sorted(found.items())]
