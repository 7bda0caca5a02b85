"""Where a stack lives, for every call about it: one abstraction for a
stack of the user's own cloud and a stack of another cloud.

A :class:`StackPlace` is the request that reaches the stack's cloud (the
user's own request, or a
:class:`~mr_dashboard.api.other_cloud.remote.CloudRequest` into the other
cloud), the stack's region there and, for another cloud, the
:class:`~mr_dashboard.api.other_cloud.gateway.Gateway` it was reached
through. Every function of :mod:`mr_dashboard.api.heat` takes
``place.request`` and ``place.region`` unchanged, so a stack's pages and
actions work the same in both clouds.

A stack of another cloud is bound to its parent: :func:`cloud_place`
answers only for the stack the gateway's resource created (its
``physical_resource_id``) or one of that stack's descendants over there
(the tree walk from it: local nested stacks and OS::Heat::Stack children
in that cloud's regions, to any depth, within the walk's deadline). The
ids must look like Heat's (UUIDs) and the region must be one of that
cloud's catalog; all of it is checked before any call about the stack, and
anything else is :class:`NotBound`. A proof is kept in Django's cache for
:data:`BOUND_SECONDS`, per project, parent, resource, region and id.
"""

import hashlib
import json
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import gettext as _

from mr_dashboard import constants
from mr_dashboard.api import other_cloud
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.other_cloud.gateway import Child
from mr_dashboard.api.other_cloud.gateway import Gateway
from mr_dashboard.api.other_cloud.gateway import open_gateway
from mr_dashboard.api.other_cloud.gateway import open_gateway_child
from mr_dashboard.api.regions import heat_region_names
from mr_dashboard.api.tree.walk import stack_tree

#: How long a stack, once shown to be bound to its parent, stays so.
BOUND_SECONDS = 60
PREFIX = "mr_dashboard:bound:"
#: How much of a malformed id or region a message repeats.
SHOWN_CHARACTERS = 64
#: Heat's ids (stacks, snapshots): UUIDs, spelled as Heat spells them.
HEAT_ID = re.compile(r"[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}")


class NotBound(other_cloud.NoGateway):
    """The URL names no stack its parent's resource reaches: a malformed
    id or region, or a stack neither created by the resource nor one of
    that stack's descendants."""


@dataclass(frozen=True)
class StackPlace:
    """``region`` of the cloud ``request`` reaches; ``gateway`` is None in
    the user's own cloud."""

    request: ApiRequest
    region: str
    gateway: Gateway | None = None

    @property
    def cloud(self) -> str | None:
        """The credential secret reaching the stack's cloud; None for the
        user's own cloud."""
        return self.gateway.access.secret if self.gateway else None


def is_heat_id(value: str) -> bool:
    """Whether ``value`` is spelled as Heat spells an id."""
    return HEAT_ID.fullmatch(value or "") is not None


def own_place(request: ApiRequest, region: str) -> StackPlace:
    """A region of the user's own cloud."""
    return StackPlace(request, region)


def cloud_place(request: ApiRequest, region: str, stack_id: str,
                resource: str, cloud_region: str,
                cloud_stack_id: str) -> StackPlace:
    """``cloud_region`` of the cloud that the OS::Heat::Stack ``resource``
    of stack ``stack_id`` (in ``region``) reaches, with the TLS options of
    its context, once ``cloud_stack_id`` is shown to be bound to it (see
    the module). Raises Heat's errors (the holding stack),
    :class:`NotBound`,
    :class:`~mr_dashboard.api.other_cloud.gateway.NoGateway` and
    :class:`~mr_dashboard.api.other_cloud.CloudUnavailable`."""
    for value in (stack_id, cloud_stack_id):
        if not is_heat_id(value):
            raise NotBound(_("%(id)s is not a stack id.")
                           % {"id": value[:SHOWN_CHARACTERS]})
    key = _proof_key(request, region, stack_id, resource, cloud_region,
                     cloud_stack_id)
    kept = cache.get(key)
    proven = False
    if kept is not None:
        gateway, child = open_gateway(request, region, stack_id,
                                      resource), None
        # Kept for the credential the context names now, not another.
        proven = kept == _digest(gateway.access.secret)
    if not proven:
        gateway, child = open_gateway_child(request, region, stack_id,
                                            resource)
    place = StackPlace(other_cloud.cloud_request(request, gateway.access),
                       cloud_region, gateway)
    if cloud_region not in heat_region_names(place.request):
        raise NotBound(
            _("The other cloud has no region %(region)s with Heat.")
            % {"region": cloud_region[:SHOWN_CHARACTERS]})
    if not proven:
        _prove(request, place, child, cloud_stack_id)
        cache.set(key, _digest(gateway.access.secret),
                  timeout=BOUND_SECONDS)
    return place


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _proof_key(request: ApiRequest, *where: str) -> str:
    return PREFIX + _digest(json.dumps([request.user.project_id or "",
                                        *where]))


def _prove(request: ApiRequest, place: StackPlace, child: Child,
           stack_id: str) -> None:
    """Return if ``stack_id`` of ``place`` is ``child`` or one of its
    descendants, else raise :class:`NotBound`. The child costs no call;
    a descendant, the walk of the child's tree (docs/security.md)."""
    if child.id and stack_id == child.id and child.region in (
            None, place.region):
        return
    if child.id:
        tree = stack_tree(request, child.region or place.region, child.id,
                          gateway=place.gateway)
        if any((node.region, node.id) == (place.region, stack_id)
               for node in tree.root.walk()
               if node.listed or node.kind == constants.NODE_NESTED):
            return
    gateway = place.gateway
    raise NotBound(_(
        "Stack %(id)s of %(region)s was not created by "
        "%(resource)s of %(stack)s, nor by one of the stacks it created: it "
        "is not shown here.") % {"id": stack_id,
                                 "region": other_cloud.region_label(
                                     place.region),
                                 "resource": gateway.resource,
                                 "stack": gateway.stack_name})
