"""Where a stack's resources and stacks have a page of their own.

A stack of the tree links to its own detail in its own region. A resource
links to the Horizon page of its type when Horizon has one; Horizon shows
one region at a time, so a resource of another region goes through
Horizon's region switch first.
"""

from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import NoReverseMatch
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.tree_nodes import StackNode

# Horizon's region switch (openstack_auth), then ?next=<page>.
SWITCH_REGION_URL = "switch_services_region"

#: Horizon's detail page of each resource type, taking the physical id.
#: The VPN pages come with neutron-vpnaas-dashboard when it is installed.
RESOURCE_PAGES = {
    "OS::Nova::Server": "horizon:project:instances:detail",
    "OS::Nova::KeyPair": "horizon:project:key_pairs:detail",
    "OS::Cinder::Volume": "horizon:project:volumes:detail",
    "OS::Glance::WebImage": "horizon:project:images:images:detail",
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


def stack_page(region: str, stack_id: str) -> str:
    """The detail page of a stack, in its own region."""
    return reverse(constants.STACK_DETAIL_URL, args=(region, stack_id))


def stack_url(node: StackNode) -> str | None:
    """The detail page of a stack of the tree; None for a stack not created
    yet or in a cloud the plugin cannot reach."""
    if not node.id or node.cloud is not None:
        return None
    return stack_page(node.region, node.id)


def resource_url(request: HttpRequest, resource: heat.Resource) -> str | None:
    """Horizon's page of ``resource``, through the region switch when
    Horizon shows another region; None when Horizon has no such page."""
    page = RESOURCE_PAGES.get(resource.type)
    if not page or not resource.physical_id:
        return None
    try:
        url = reverse(page, args=(resource.physical_id,))
    except NoReverseMatch:
        return None  # that dashboard is not installed
    if resource.region == getattr(request.user, "services_region", None):
        return url
    return (reverse(SWITCH_REGION_URL, args=(resource.region,)) + "?"
            + urlencode({"next": url}))
