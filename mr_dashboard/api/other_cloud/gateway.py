"""Where a stack of another cloud comes from, and how it is reached again.

A stack in another cloud is the child of an ``OS::Heat::Stack`` resource
of the user's own cloud whose ``context`` names a credential secret; its
descendants in that cloud are reached the same way. A :class:`Gateway`
names that resource (its stack's region, id and name, and its name) and
the :class:`~mr_dashboard.api.other_cloud.tls.Access` its context gives:
the pages of such a stack are addressed by the gateway, never by the
secret's payload, and :func:`open_gateway` reads the context again from
the holding stack (the one reader, :mod:`mr_dashboard.hot.context`), so
the ``ca_cert`` and ``insecure`` used are always the parent's own.
:func:`open_gateway_child` also names the stack the resource created
(:class:`Child`), which binds a page's stack to its parent
(:mod:`mr_dashboard.api.place`).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from mr_dashboard.api import heat
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.other_cloud.tls import Access
from mr_dashboard.hot import context


def region_label(region: str) -> str:
    """A region of another cloud, as every page and message names it (the
    one wording: checklist rows, stack pages, marks, the picture's lanes,
    the events' filter)."""
    return _("%(region)s of another cloud") % {"region": region}


class NoGateway(LookupError):
    """The resource named creates no stack in another cloud."""


@dataclass(frozen=True)
class Gateway:
    """The OS::Heat::Stack resource ``resource`` of stack ``stack_id`` in
    ``region`` (the user's own cloud), and the access its context names."""

    region: str
    stack_id: str
    stack_name: str
    resource: str
    access: Access

    @property
    def identifier(self) -> str:
        """How Heat finds the holding stack at once."""
        return (f"{self.stack_name}/{self.stack_id}" if self.stack_name
                else self.stack_id)


@dataclass(frozen=True)
class Child:
    """The stack a gateway's resource created over there: its ``id`` ("" until
    it exists) and its ``region`` (None when the context names it only
    once the stack runs, e.g. with ``get_attr``)."""

    region: str | None
    id: str


def _opened(request: ApiRequest, region: str, stack_id: str,
            resource: str) -> tuple[Gateway, context.RemoteSpec]:
    """The gateway and the context's reading it comes from."""
    detail = heat.stack_show(request, region, stack_id,
                             resolve_outputs=False)
    stack = detail.stack
    template = heat.stack_template(request, region, stack.identity)
    spec = context.remote_specs(template, detail.parameters,
                                region).get(resource)
    if spec is None or not spec.secret:
        raise NoGateway(_("%(resource)s of %(stack)s creates no stack in "
                          "another cloud.") % {"resource": resource,
                                               "stack": stack.name})
    return (Gateway(region, stack.id, stack.name, resource, Access.of(spec)),
            spec)


def open_gateway(request: ApiRequest, region: str, stack_id: str,
                 resource: str) -> Gateway:
    """The gateway of ``resource`` of stack ``stack_id``, from that stack's
    parameters and template; :class:`NoGateway` when its context names no
    credential. Heat's errors are the client's own."""
    return _opened(request, region, stack_id, resource)[0]


def open_gateway_child(request: ApiRequest, region: str, stack_id: str,
                       resource: str) -> tuple[Gateway, Child]:
    """:func:`open_gateway`, and the stack its resource created (the
    resource's ``physical_resource_id``: one more call, the holding
    stack's resources)."""
    gateway, spec = _opened(request, region, stack_id, resource)
    ids = [found.physical_id for found in heat.resources_list(
        request, region, gateway.identifier) if found.name == resource]
    return gateway, Child(spec.region, ids[0] if ids else "")
