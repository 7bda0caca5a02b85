"""Drift detection across a walked tree: every stack, region and cloud.

:func:`detect_drift` takes a tree as
:func:`~mr_dashboard.api.tree.walk.stack_tree` walked it and, every call
in parallel on one :class:`~mr_dashboard.api.parallel.CallScheduler`
(``TREE_PARALLEL_CALLS`` at a time, each within the plugin's deadline):

1. reads each stack's template from its region's Heat (only the stacks
   holding a resource of a kind compared) and its parameters beside it;
   the members of a group share one template (:func:`template_key`), read
   once, and each member's parameters are read only when its properties
   may use them (:func:`~mr_dashboard.api.drift.expected.reads_parameters`);
   then the attributes their properties read of other resources
   (``get_attr``: one resource show each), and resolves its resources'
   properties (:mod:`~mr_dashboard.api.drift.expected`);
2. reads each resource's object in its own region and cloud through
   openstacksdk (:func:`~mr_dashboard.api.iaas.sdk.region_connection`;
   another cloud's request carries its outbound guard), at most
   :data:`MAX_READS` objects in one detection, and compares them
   (:mod:`~mr_dashboard.api.drift.kinds`). A kind that can be listed
   (``Kind.listable``) and has :data:`LISTED_FROM` objects or more in one
   region and cloud waits until all of them are resolved: they are then
   read in one listing by id (per :data:`LISTED_AT_MOST`), not one call
   each; any other object is read as soon as its stack is resolved.

A region or cloud that does not answer leaves its stacks' resources "not
known" with the reason; the rest is still reported.
"""

import collections
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.utils.translation import gettext as _
from openstack import exceptions

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api import other_cloud
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.drift import report
from mr_dashboard.api.drift.capped import capped
from mr_dashboard.api.drift.expected import attribute_references
from mr_dashboard.api.drift.expected import external
from mr_dashboard.api.drift.expected import reads_parameters
from mr_dashboard.api.drift.expected import stack_properties
from mr_dashboard.api.drift.kinds import KINDS
from mr_dashboard.api.drift.kinds import Kind
from mr_dashboard.api.drift.kinds import compared
from mr_dashboard.api.drift.repair import updated_by
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.iaas import sdk
from mr_dashboard.api.parallel import Call
from mr_dashboard.api.parallel import CallScheduler
from mr_dashboard.api.parallel import Continuation
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree
from mr_dashboard.hot.context import REMOTE_STACK
from mr_dashboard.hot import parse
from mr_dashboard.hot.parse import TemplateError

LOG = logging.getLogger(__name__)

#: Most objects one detection reads (one call each, a server's three or
#: four): a 45-stack tree of a few resources each stays well within; the
#: resources beyond are not checked, and the report says so.
MAX_READS = 500
#: Objects of one listable kind in one region from which they are read in
#: one listing by id rather than one call each.
LISTED_FROM = 3
#: Most ids one listing asks for (its URL stays short: 50 ids are about
#: 2 KB of query).
LISTED_AT_MOST = 50
#: The types whose nested stacks Heat writes itself (a group's, a
#: chain's...): their templates differ from one to the other.
_HEAT_MADE = ("OS::Heat::", "AWS::")

#: What a live read answers when the region's catalog lacks the service.
_NO_SERVICE = "no service"

#: Where reads are gathered: the access of the stack's other cloud (None:
#: the user's own) and its region.
Place = tuple[other_cloud.Access | None, str]


def detect_drift(request: ApiRequest, tree: StackTree) -> report.DriftReport:
    """What changed outside Heat in every stack of ``tree``: a
    :class:`~mr_dashboard.api.drift.report.DriftReport`."""
    started = time.monotonic()
    detection = _Detection(request, tree)
    stacks = [detection.start(node) for node in tree.nodes()]
    detection.scheduler.run()
    for stack in stacks:
        stack.resources.sort(key=lambda res: res.name)
    return report.DriftReport(stacks=stacks, reads=detection.reads,
                              capped=detection.capped,
                              elapsed=time.monotonic() - started,
                              calls=detection.scheduler.calls)


def template_key(node: StackNode) -> tuple[str, ...]:
    """What identifies the node's template in a tree: the stacks that
    one resource type of one parent makes from a template file (a group's
    members, complete) share one; any other stack has its own."""
    if (node.kind == constants.NODE_NESTED and node.parent is not None
            and node.resource_type
            and not node.resource_type.startswith(_HEAT_MADE)
            and node.status.endswith("_COMPLETE")):
        return (node.parent.key, node.resource_type)
    return (node.key,)


def live_answers(request: ApiRequest, region: str, kind: Kind,
                 physical_id: str, properties: dict) -> dict | str | None:
    """``kind``'s answers about the object, None once it is gone,
    :data:`_NO_SERVICE` when the region has no such service."""
    if not sdk.region_offers(request, region, kind.service):
        return _NO_SERVICE
    try:
        return kind.read(sdk.region_connection(capped(request), region),
                         physical_id, properties)
    except exceptions.NotFoundException:
        return None


def listed_answers(request: ApiRequest, region: str, kind: Kind,
                   reads: list[tuple[str, dict]]
                   ) -> dict[str, dict | None] | str:
    """``kind``'s answers about each object of ``reads`` (physical id,
    properties), by id, from one listing (None: gone);
    :data:`_NO_SERVICE` when the region has no such service."""
    if not sdk.region_offers(request, region, kind.service):
        return _NO_SERVICE
    conn = sdk.region_connection(capped(request), region)
    found = kind.listable.objects(conn, [ident for ident, _ in reads])
    return {ident: kind.listable.answers(conn, found[ident], properties)
            if ident in found else None for ident, properties in reads}


def stack_outputs(request: ApiRequest, region: str,
                  identifier: str) -> dict[str, dict]:
    """The ``outputs`` attribute of the OS::Heat::Stack resource that made
    the stack ``identifier`` of ``region``, as the stack itself gives it:
    its outputs resolved, by key (an output Heat could not resolve left
    out)."""
    detail = heat.stack_show(request, region, identifier, True)
    return {"outputs": {out.key: out.value for out in detail.outputs
                        if not out.error}}


def _attributes_call(node: StackNode, name: str, names: list[str],
                     request: ApiRequest) -> Call:
    """The call reading the attributes ``names`` of the resource ``name``
    of ``node``. The ``outputs`` of an OS::Heat::Stack whose stack the
    tree holds, in the same cloud, are asked of that stack in its own
    region: one call there, where the resource's show has the parent's
    Heat resolve every attribute of the resource, each asking the child's
    Heat again."""
    child = node.children_by_resource().get(name)
    if (names == ["outputs"] and child is not None
            and child.resource_type == REMOTE_STACK and child.id
            and child.error is None and child.gateway is node.gateway):
        return Call(child.region, stack_outputs, (child.identifier,),
                    request)
    return Call(node.region, heat.resource_attributes,
                (node.identifier, name, names), request)


def _resource(res: heat.Resource, status: str, reason: str = "",
              diffs: tuple = ()) -> report.ResourceDrift:
    return report.ResourceDrift(res.name, res.type, res.physical_id, status,
                                diffs, reason)


@dataclass(frozen=True)
class _Read:
    """One object to read (in ``region`` through ``request``), and where
    its finding goes."""

    stack: report.StackDrift
    res: heat.Resource
    kind: Kind
    properties: dict
    region: str
    request: ApiRequest


class _Detection:
    """One detection: its calls in flight and what it found so far."""

    def __init__(self, request: ApiRequest, tree: StackTree) -> None:
        self.request = request
        # How many stacks of the tree share each template.
        self.sharing = collections.Counter(map(template_key, tree.nodes()))
        self.scheduler = CallScheduler(request, conf.tree_parallel_calls(),
                                       conf.fan_out_deadline())
        self.reads = 0
        self.capped = False
        # Calls shared by several stacks (another cloud's request, a
        # group's template): the continuations waiting while one runs,
        # its result once it has ended.
        self.shared: dict[tuple, list[Continuation] | RegionResult] = {}
        # Per place and listable type: its resources, those whose
        # properties are not resolved yet, and the reads waiting for them.
        self.listable: collections.Counter[tuple[Place, str]] = \
            collections.Counter()
        self.unresolved: collections.Counter[tuple[Place, str]] = \
            collections.Counter()
        self.waiting: dict[tuple[Place, str], list[_Read]] = {}

    def start(self, node: StackNode) -> report.StackDrift:
        """The node's report, filled as its calls end."""
        gateway = node.gateway
        stack = report.StackDrift(
            node.key, node.region, node.cloud, node.id, node.name,
            updated_by=updated_by(node).key,
            through=gateway and report.Through(
                gateway.region, gateway.stack_id, gateway.stack_name,
                gateway.resource))
        if node.error is not None or (node.kind == constants.NODE_REMOTE
                                      and not node.listed):
            stack.error = node.error or RegionError(
                constants.KIND_ERROR, _("The tree did not reach this "
                                        "stack."))
            return stack
        own = [res for res in node.resources
               if not res.nested_id and res.type != REMOTE_STACK]
        known = [res for res in own if res.type in KINDS]
        stack.resources.extend(
            _resource(res, report.NOT_CHECKED, _("Its kind is not compared."))
            for res in own if res.type not in KINDS)
        for res in known:
            if KINDS[res.type].listable is not None:
                self.listable[(_place(node), res.type)] += 1
                self.unresolved[(_place(node), res.type)] += 1
        if known:
            self._with_request(node, partial(self._read_stack, node, stack,
                                             known))
        return stack

    def _shared(self, key: tuple, call: Call, then: Continuation) -> None:
        """``then(result)`` of ``call``, made once for every caller of
        ``key``."""
        found = self.shared.get(key)
        if isinstance(found, RegionResult):
            then(found)
            return
        if found is None:
            self.shared[key] = found = []
            self.scheduler.call(partial(self._shared_ended, key), call)
        found.append(then)

    def _shared_ended(self, key: tuple, result: RegionResult) -> None:
        waiting = self.shared[key]
        self.shared[key] = result
        for then in waiting:
            then(result)

    def _with_request(self, node: StackNode,
                      then: Callable[[ApiRequest | RegionError], None]
                      ) -> None:
        """``then(request or error)`` with the request reaching the
        node's cloud."""
        if node.gateway is None:
            then(self.request)
            return
        access = node.gateway.access
        self._shared(("cloud", access), Call(
            node.region, other_cloud.cloud_request_call, (access,)),
            lambda result: then(_cloud_answer(result)))

    def _read_stack(self, node: StackNode, stack: report.StackDrift,
                    known: list[heat.Resource],
                    request: ApiRequest | RegionError) -> None:
        if isinstance(request, RegionError):
            self._not_known(node, stack, known, request)
            return
        key = template_key(node)
        template = Call(node.region, heat.stack_template, (node.identifier,),
                        request)
        show = Call(node.region, heat.stack_show, (node.identifier, False),
                    request)
        then = partial(self._expected, node, stack, known, request)
        if self.sharing[key] > 1:  # a group's: its template read once
            self._shared(("template",) + key, template, partial(
                self._member_template, known, show, then))
            return
        results: dict[str, RegionResult] = {}

        def store(name: str, result: RegionResult) -> None:
            results[name] = result
            if len(results) == 2:
                then(results["template"], results["show"])
        self.scheduler.call(partial(store, "template"), template)
        self.scheduler.call(partial(store, "show"), show)

    def _member_template(self, known: list[heat.Resource], show: Call,
                         then: Callable[[RegionResult, RegionResult | None],
                                        None],
                         template: RegionResult) -> None:
        """A group member's template, read once for all of them: its own
        parameters are read only if its properties may use them."""
        if not template.ok or not reads_parameters(
                _compared_bodies(template.value, known)):
            then(template, None)
            return
        self.scheduler.call(partial(then, template), show)

    def _not_known(self, node: StackNode, stack: report.StackDrift,
                   known: list[heat.Resource], error: RegionError) -> None:
        stack.error = error
        stack.resources.extend(_resource(res, report.NOT_KNOWN,
                                         error.message) for res in known)
        self._settled(node, known, [])

    def _expected(self, node: StackNode, stack: report.StackDrift,
                  known: list[heat.Resource], request: ApiRequest,
                  template: RegionResult, show: RegionResult | None) -> None:
        failed = next((res for res in (template, show)
                       if res is not None and not res.ok), None)
        if failed is not None:
            self._not_known(node, stack, known, failed.error)
            return
        parameters = show.value.parameters if show is not None else {}
        made = {res.name for res in node.resources if res.physical_id}
        read = {name: sorted(names) for name, names in attribute_references(
            _compared_bodies(template.value, known)).items() if name in made}
        then = partial(self._resolved, node, stack, known, request,
                       template.value, parameters)
        if not read:
            then({})
            return
        self.scheduler.call_all(then, {
            name: _attributes_call(node, name, names, request)
            for name, names in read.items()})

    def _resolved(self, node: StackNode, stack: report.StackDrift,
                  known: list[heat.Resource], request: ApiRequest,
                  template: dict, parameters: dict,
                  attributes: dict[str, RegionResult]) -> None:
        try:
            expected = stack_properties(
                template, parameters, node.resources,
                {name: res.value for name, res in attributes.items()
                 if res.ok})
        except TemplateError as exc:
            stack.resources.extend(_resource(res, report.NOT_CHECKED,
                                             str(exc)) for res in known)
            self._settled(node, known, [])
            return
        unmanaged = external(template)
        reads = []
        for res in known:
            reason = (_("Heat does not manage it: its template gives its "
                        "external_id.") if res.name in unmanaged
                      else self._unread(res, expected))
            if reason:
                stack.resources.append(_resource(res, report.NOT_CHECKED,
                                                 reason))
                continue
            self.reads += 1
            reads.append(_Read(stack, res, KINDS[res.type],
                               expected[res.name], node.region, request))
        self._settled(node, known, reads)

    def _settled(self, node: StackNode, known: list[heat.Resource],
                 reads: list[_Read]) -> None:
        """The stack's resources ``known`` are resolved, ``reads`` are to
        be made: at once, or, for a kind with :data:`LISTED_FROM` objects
        or more in the place, in listings once all are resolved."""
        place = _place(node)
        for read in reads:
            key = (place, read.res.type)
            if self.listable[key] < LISTED_FROM:
                self._read(read)
            else:
                self.waiting.setdefault(key, []).append(read)
        for key in {(place, res.type) for res in known
                    if KINDS[res.type].listable is not None}:
            self.unresolved[key] -= sum(1 for res in known
                                        if res.type == key[1])
            if not self.unresolved[key]:
                waiting = self.waiting.pop(key, [])
                for first in range(0, len(waiting), LISTED_AT_MOST):
                    self._read_listed(waiting[first:first + LISTED_AT_MOST])

    def _read(self, read: _Read) -> None:
        self.scheduler.call(
            lambda result: self._compared(read, result.error, result.value),
            Call(read.region, live_answers, (
                read.kind, read.res.physical_id, read.properties),
                read.request))

    def _read_listed(self, reads: list[_Read]) -> None:
        """``reads`` (one kind, one place) in one listing."""
        def compared(result: RegionResult) -> None:
            for read in reads:
                self._compared(read, result.error, result.value if (
                    not result.ok or result.value == _NO_SERVICE)
                    else result.value[read.res.physical_id])
        first = reads[0]
        self.scheduler.call(compared, Call(
            first.region, listed_answers, (first.kind, [
                (read.res.physical_id, read.properties) for read in reads]),
            first.request))

    def _unread(self, res: heat.Resource, expected: dict) -> str:
        """Why the resource's object is not read, if it is not."""
        if not res.physical_id:
            return _("Heat has no object for it (%(status)s).") % {
                "status": res.status}
        if res.name not in expected:
            return _("Its stack's template does not have it.")
        if self.reads >= MAX_READS:
            self.capped = True
            return _("A detection reads at most %(count)d objects.") % {
                "count": MAX_READS}
        return ""

    def _compared(self, read: _Read, error: RegionError | None,
                  answers: dict | str | None) -> None:
        res, kind, stack = read.res, read.kind, read.stack
        if error is not None:
            stack.resources.append(_resource(res, report.NOT_KNOWN,
                                             error.message))
        elif answers == _NO_SERVICE:
            stack.resources.append(_resource(
                res, report.NOT_CHECKED,
                _("Its region has no %(service)s service.") % {
                    "service": kind.service}))
        elif answers is None:
            stack.resources.append(_resource(
                res, report.DELETED, "" if kind.remade else _(
                    "Heat's converge does not make it again.")))
        else:
            stack.resources.append(self._judged(res, kind, read.properties,
                                                answers))

    @staticmethod
    def _judged(res: heat.Resource, kind: Kind, properties: dict,
                answers: dict) -> report.ResourceDrift:
        try:
            diffs = kind.compare(properties, answers)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            LOG.warning("Drift of %s (%s) not compared: %s", res.name,
                        res.type, type(exc).__name__)
            return _resource(res, report.NOT_CHECKED, _(
                "Its template's values could not be compared."))
        status = (report.MODIFIED if any(diff.compared for diff in diffs)
                  else report.IN_SYNC)
        return _resource(res, status, diffs=diffs)


def _compared_bodies(template: dict, known: list[heat.Resource]
                     ) -> list[dict]:
    """The definitions of ``known`` in ``template``, with only the
    properties their kinds compare (what Heat is asked about)."""
    bodies = parse.resources_of(template)
    return [compared(bodies[res.name], KINDS[res.type]) for res in known
            if res.name in bodies]


def _place(node: StackNode) -> Place:
    return (node.gateway.access if node.gateway else None, node.region)


def _cloud_answer(result: RegionResult) -> ApiRequest | RegionError:
    """The request into another cloud, or why there is none."""
    if not result.ok:
        return result.error
    if isinstance(result.value, other_cloud.CloudUnavailable):
        return result.value.error()
    return result.value
