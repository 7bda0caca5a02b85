"""Drift detection across a walked tree: every stack, region and cloud.

:func:`detect_drift` takes a tree as
:func:`~mr_dashboard.api.tree.walk.stack_tree` walked it and, every call
in parallel on one :class:`~mr_dashboard.api.parallel.CallScheduler`
(``TREE_PARALLEL_CALLS`` at a time, each within the plugin's deadline):

1. reads each stack's template and parameters from its region's Heat
   (only the stacks holding a resource of a kind compared), the attributes
   their properties read of other resources (``get_attr``: one resource
   show each), and resolves its resources' properties
   (:mod:`~mr_dashboard.api.drift.expected`);
2. as soon as a stack's are known, reads each of its resources' objects
   in its own region and cloud through openstacksdk
   (:func:`~mr_dashboard.api.iaas.sdk.region_connection`; another cloud's
   request carries its outbound guard), at most :data:`MAX_READS` objects
   in one detection, and compares them
   (:mod:`~mr_dashboard.api.drift.kinds`).

A region or cloud that does not answer leaves its stacks' resources "not
known" with the reason; the rest is still reported.
"""

import logging
import time
from collections.abc import Callable
from functools import partial

from django.utils.translation import gettext as _
from openstack import exceptions

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api import other_cloud
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.drift import report
from mr_dashboard.api.drift.expected import attribute_references
from mr_dashboard.api.drift.expected import external
from mr_dashboard.api.drift.expected import stack_properties
from mr_dashboard.api.drift.kinds import KINDS
from mr_dashboard.api.drift.kinds import Kind
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.iaas import sdk
from mr_dashboard.api.parallel import Call
from mr_dashboard.api.parallel import CallScheduler
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

#: What a live read answers when the region's catalog lacks the service.
_NO_SERVICE = "no service"


def detect_drift(request: ApiRequest, tree: StackTree) -> report.DriftReport:
    """What changed outside Heat in every stack of ``tree``: a
    :class:`~mr_dashboard.api.drift.report.DriftReport`."""
    started = time.monotonic()
    detection = _Detection(request)
    stacks = [detection.start(node) for node in tree.nodes()]
    detection.scheduler.run()
    for stack in stacks:
        stack.resources.sort(key=lambda res: res.name)
    return report.DriftReport(stacks=stacks, reads=detection.reads,
                              capped=detection.capped,
                              elapsed=time.monotonic() - started)


def live_answers(request: ApiRequest, region: str, kind: Kind,
                 physical_id: str, properties: dict) -> dict | str | None:
    """``kind``'s answers about the object, None once it is gone,
    :data:`_NO_SERVICE` when the region has no such service."""
    if not sdk.region_offers(request, region, kind.service):
        return _NO_SERVICE
    try:
        return kind.read(sdk.region_connection(request, region),
                         physical_id, properties)
    except exceptions.NotFoundException:
        return None


def _resource(res: heat.Resource, status: str, reason: str = "",
              diffs: tuple = ()) -> report.ResourceDrift:
    return report.ResourceDrift(res.name, res.type, res.physical_id, status,
                                diffs, reason)


class _Detection:
    """One detection: its calls in flight and what it found so far."""

    def __init__(self, request: ApiRequest) -> None:
        self.request = request
        self.scheduler = CallScheduler(request, conf.tree_parallel_calls(),
                                       conf.fan_out_deadline())
        self.reads = 0
        self.capped = False
        # Requests into other clouds by access; the stacks waiting for one.
        self.clouds: dict[other_cloud.Access, ApiRequest] = {}
        self.opening: dict[other_cloud.Access, list] = {}

    def start(self, node: StackNode) -> report.StackDrift:
        """The node's report, filled as its calls end."""
        stack = report.StackDrift(node.key, node.region, node.cloud,
                                  node.id, node.name)
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
        if known:
            self._with_request(node, partial(self._read_stack, node, stack,
                                             known))
        return stack

    def _with_request(self, node: StackNode,
                      then: Callable[[ApiRequest | RegionError], None]
                      ) -> None:
        """``then(request or error)`` with the request reaching the
        node's cloud."""
        if node.gateway is None:
            then(self.request)
            return
        access = node.gateway.access
        if access in self.clouds:
            then(self.clouds[access])
            return
        if access not in self.opening:
            self.opening[access] = []
            self.scheduler.call(partial(self._cloud_opened, access), Call(
                node.region, other_cloud.cloud_request_call, (access,)))
        self.opening[access].append(then)

    def _cloud_opened(self, access: other_cloud.Access,
                      result: RegionResult) -> None:
        if not result.ok:
            answer = result.error
        elif isinstance(result.value, other_cloud.CloudUnavailable):
            answer = result.value.error()
        else:
            answer = result.value
        self.clouds[access] = answer
        for then in self.opening.pop(access):
            then(answer)

    def _read_stack(self, node: StackNode, stack: report.StackDrift,
                    known: list[heat.Resource],
                    request: ApiRequest | RegionError) -> None:
        if isinstance(request, RegionError):
            self._not_known(stack, known, request)
            return
        ident = node.identifier
        self.scheduler.call_all(
            partial(self._expected, node, stack, known, request),
            {"template": Call(node.region, heat.stack_template, (ident,),
                              request),
             "show": Call(node.region, heat.stack_show, (ident, False),
                          request)})

    def _not_known(self, stack: report.StackDrift,
                   known: list[heat.Resource], error: RegionError) -> None:
        stack.error = error
        stack.resources.extend(_resource(res, report.NOT_KNOWN,
                                         error.message) for res in known)

    def _expected(self, node: StackNode, stack: report.StackDrift,
                  known: list[heat.Resource], request: ApiRequest,
                  results: dict[str, RegionResult]) -> None:
        failed = next((res for res in results.values() if not res.ok), None)
        if failed is not None:
            self._not_known(stack, known, failed.error)
            return
        template = results["template"].value
        parameters = results["show"].value.parameters
        bodies = parse.resources_of(template)
        made = {res.name for res in node.resources if res.physical_id}
        read = {name: sorted(names) for name, names in attribute_references(
            [bodies[res.name] for res in known if res.name in bodies]
        ).items() if name in made}
        then = partial(self._resolved, node, stack, known, request, template,
                       parameters)
        if not read:
            then({})
            return
        self.scheduler.call_all(then, {
            name: Call(node.region, heat.resource_attributes,
                       (node.identifier, name, names), request)
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
            return
        unmanaged = external(template)
        for res in known:
            reason = (_("Heat does not manage it: its template gives its "
                        "external_id.") if res.name in unmanaged
                      else self._unread(res, expected))
            if reason:
                stack.resources.append(_resource(res, report.NOT_CHECKED,
                                                 reason))
                continue
            self.reads += 1
            kind = KINDS[res.type]
            self.scheduler.call(
                partial(self._compared, stack, res, kind, expected[res.name]),
                Call(node.region, live_answers,
                     (kind, res.physical_id, expected[res.name]), request))

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

    def _compared(self, stack: report.StackDrift, res: heat.Resource,
                  kind: Kind, properties: dict,
                  result: RegionResult) -> None:
        if not result.ok:
            stack.resources.append(_resource(res, report.NOT_KNOWN,
                                             result.error.message))
        elif result.value == _NO_SERVICE:
            stack.resources.append(_resource(
                res, report.NOT_CHECKED,
                _("Its region has no %(service)s service.") % {
                    "service": kind.service}))
        elif result.value is None:
            stack.resources.append(_resource(
                res, report.DELETED, "" if kind.remade else _(
                    "Heat's converge does not make it again.")))
        else:
            stack.resources.append(self._judged(res, kind, properties,
                                                result.value))

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
