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
"""

from dataclasses import dataclass

from mr_dashboard.api import other_cloud
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.other_cloud.gateway import Gateway
from mr_dashboard.api.other_cloud.gateway import open_gateway


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


def own_place(request: ApiRequest, region: str) -> StackPlace:
    """A region of the user's own cloud."""
    return StackPlace(request, region)


def cloud_place(request: ApiRequest, region: str, stack_id: str,
                resource: str, cloud_region: str) -> StackPlace:
    """``cloud_region`` of the cloud that the OS::Heat::Stack ``resource``
    of stack ``stack_id`` (in ``region``) reaches, with the TLS options of
    its context. Raises Heat's errors (the holding stack),
    :class:`~mr_dashboard.api.other_cloud.gateway.NoGateway` and
    :class:`~mr_dashboard.api.other_cloud.CloudUnavailable`."""
    gateway = open_gateway(request, region, stack_id, resource)
    return StackPlace(other_cloud.cloud_request(request, gateway.access),
                      cloud_region, gateway)
