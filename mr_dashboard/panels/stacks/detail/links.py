"""Where a stack's resources and stacks have a page of their own.

A stack of the tree links to its own detail in its own region; a stack of
another cloud to its page under the gateway it was reached through
(:mod:`~mr_dashboard.panels.shared.stack_urls`). A resource
links to the Horizon page of its type (:data:`RESOURCE_PAGES`, the one
table of them) when that panel is registered here and the resource has a
physical id. The link goes through :class:`~.resources.OpenResourceView`,
under the stack being shown: it leaves a "back to the stack" message for
the page it opens and sends the browser through Horizon's region switch
when the resource lives in another region. A VPN object without the VPN
dashboard links to its details shown in place (a modal). Every link
made of a cloud's ids goes through :func:`~mr_dashboard.safe_reverse.
safe_reverse`: an id no URL can carry makes no link (None), never an
error.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.iaas.network import VPN_OBJECTS
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.panels.shared.stack_urls import stack_page
from mr_dashboard.safe_reverse import safe_reverse

# Horizon's region switch (openstack_auth), then ?next=<page>.
SWITCH_REGION_URL = "switch_services_region"

#: Horizon's detail page of each resource type, taking the physical id.
#: The VPN pages come with neutron-vpnaas-dashboard when it is installed.
RESOURCE_PAGES = {
    "OS::Nova::Server": "horizon:project:instances:detail",
    "OS::Nova::KeyPair": "horizon:project:key_pairs:detail",
    "OS::Cinder::Volume": "horizon:project:volumes:detail",
    "OS::Glance::WebImage": "horizon:project:images:images:detail",
    "OS::Glance::Image": "horizon:project:images:images:detail",
    "OS::Neutron::Net": "horizon:project:networks:detail",
    "OS::Neutron::ProviderNet": "horizon:project:networks:detail",
    "OS::Neutron::Subnet": "horizon:project:networks:subnets:detail",
    "OS::Neutron::Port": "horizon:project:networks:ports:detail",
    "OS::Neutron::Router": "horizon:project:routers:detail",
    "OS::Neutron::SecurityGroup": "horizon:project:security_groups:detail",
    "OS::Neutron::VPNService": "horizon:project:vpn:vpnservicedetails",
    "OS::Neutron::IPsecSiteConnection":
        "horizon:project:vpn:ipsecsiteconnectiondetails",
    "OS::Neutron::IKEPolicy": "horizon:project:vpn:ikepolicydetails",
    "OS::Neutron::IPsecPolicy": "horizon:project:vpn:ipsecpolicydetails",
}


@dataclass(frozen=True)
class Link:
    """Where a resource leads; ``modal`` when it opens in place."""

    url: str
    modal: bool = False


def stack_url(node: StackNode) -> str | None:
    """The detail page of a stack of the tree; None for a stack not created
    yet or in a cloud reached through no gateway."""
    if not node.id or (node.cloud is not None and node.gateway is None):
        return None
    return stack_page(node.region, node.id, node.gateway)


def horizon_page(resource_type: str, physical_id: str) -> str | None:
    """Horizon's page of a resource, in whatever region Horizon shows;
    None when this Horizon has no such panel (or the id fits no URL)."""
    page = RESOURCE_PAGES.get(resource_type)
    if not page or not physical_id:
        return None
    return safe_reverse(page, (physical_id,))


def switched(request: HttpRequest, region: str, url: str) -> str:
    """``url``, through Horizon's region switch unless Horizon already
    shows ``region``."""
    if region == getattr(request.user, "services_region", None):
        return url
    return (reverse(SWITCH_REGION_URL, args=(region,)) + "?"
            + urlencode({"next": url}))


def resource_link(resource: heat.Resource, shown: StackNode) -> Link | None:
    """Where ``resource`` leads from the page of stack ``shown``; None
    when it has no page (or no id yet)."""
    if not resource.physical_id:
        return None
    query = "?" + urlencode({"type": resource.type,
                             "id": resource.physical_id})
    args = (shown.region, shown.id, resource.region)
    if horizon_page(resource.type, resource.physical_id):
        url = safe_reverse(constants.RESOURCE_OPEN_URL, args)
        return Link(url + query) if url else None
    if resource.type in VPN_OBJECTS:
        url = safe_reverse(constants.VPN_DETAIL_URL, args)
        return Link(url + query, modal=True) if url else None
    return None
