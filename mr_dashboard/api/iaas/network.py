"""Neutron in one region, through openstacksdk: what a template's
parameters name (networks, subnets, routers, security groups, ports, QoS
policies, availability zones: all of them, or those a value names) and
the VPN objects a stack holds (VPNaaS)."""

from dataclasses import dataclass
from typing import Any

from mr_dashboard.api.iaas import sdk
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.iaas.sdk import Named

SERVICE_TYPE = "network"

#: What is read of each VPN object, by Heat resource type: its sdk getter
#: and the fields shown (never a pre-shared key).
VPN_OBJECTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "OS::Neutron::VPNService": ("get_vpn_service", (
        "router_id", "subnet_id", "external_v4_ip", "external_v6_ip",
        "is_admin_state_up")),
    "OS::Neutron::IKEPolicy": ("get_vpn_ike_policy", (
        "auth_algorithm", "encryption_algorithm", "ike_version", "pfs",
        "phase1_negotiation_mode", "lifetime")),
    "OS::Neutron::IPsecPolicy": ("get_vpn_ipsec_policy", (
        "transform_protocol", "auth_algorithm", "encryption_algorithm",
        "encapsulation_mode", "pfs", "lifetime")),
    "OS::Neutron::IPsecSiteConnection": ("get_vpn_ipsec_site_connection", (
        "peer_address", "peer_id", "peer_cidrs", "local_id",
        "vpnservice_id", "ikepolicy_id", "ipsecpolicy_id", "route_mode",
        "mtu", "initiator", "auth_mode", "dpd", "is_admin_state_up")),
}


@dataclass(frozen=True)
class VpnObject:
    """A VPN object of one region: its name, status and shown fields."""

    region: str
    type: str
    id: str
    name: str
    status: str
    description: str
    fields: tuple[tuple[str, Any], ...]


def _network(request: ApiRequest, region: str):
    return sdk.region_connection(request, region).network


def network_list(request: ApiRequest, region: str) -> list[Named]:
    """The networks the project sees in ``region`` (its own, shared and
    external ones), every page."""
    return sdk.named(region, _network(request, region).networks(
        **sdk.page_size()))


def subnet_list(request: ApiRequest, region: str) -> list[Named]:
    """The subnets the project sees in ``region``, every page."""
    return sdk.named(region, _network(request, region).subnets(
        **sdk.page_size()))


def router_list(request: ApiRequest, region: str) -> list[Named]:
    """The routers the project sees in ``region``, every page."""
    return sdk.named(region, _network(request, region).routers(
        **sdk.page_size()))


def security_group_list(request: ApiRequest, region: str) -> list[Named]:
    """The security groups the project sees in ``region``, every page."""
    return sdk.named(region, _network(request, region).security_groups(
        **sdk.page_size()))


def port_list(request: ApiRequest, region: str) -> list[Named]:
    """The ports the project sees in ``region``, every page; a port
    without a name is shown by its id."""
    return [Named(region, item.id, item.name or item.id)
            for item in sdk.listed(_network(request, region).ports(
                **sdk.page_size()))]


def qos_policy_list(request: ApiRequest, region: str) -> list[Named]:
    """The QoS policies the project sees in ``region``, every page."""
    return sdk.named(region, _network(request, region).qos_policies(
        **sdk.page_size()))


def zone_list(request: ApiRequest, region: str) -> list[Named]:
    """The availability zones of ``region``'s Neutron that are available
    (from its agents; a zone's id is its name)."""
    return sdk.zones(region, _network(request, region).availability_zones(),
                     lambda zone: zone.state == "available")


def _finder(getter: str, lister: str):
    """A finder of what a value names, by id else by name (one filtered
    call, not every page): ``find(request, region, value)``."""
    def find(request: ApiRequest, region: str, value: str) -> list[Named]:
        proxy = _network(request, region)
        return sdk.find_named(region, getattr(proxy, getter),
                              getattr(proxy, lister), value)
    return find


network_find = _finder("get_network", "networks")
subnet_find = _finder("get_subnet", "subnets")
router_find = _finder("get_router", "routers")
security_group_find = _finder("get_security_group", "security_groups")
port_find = _finder("get_port", "ports")
qos_policy_find = _finder("get_qos_policy", "qos_policies")


def vpn_object_get(request: ApiRequest, region: str, resource_type: str,
                   object_id: str) -> VpnObject:
    """The VPN object of Heat type ``resource_type`` (a key of
    :data:`VPN_OBJECTS`) called ``object_id`` in ``region``."""
    getter, shown = VPN_OBJECTS[resource_type]
    found = getattr(_network(request, region), getter)(object_id)
    return VpnObject(
        region=region, type=resource_type, id=found.id,
        name=found.name or "", status=getattr(found, "status", None) or "",
        description=found.description or "",
        fields=tuple((name, getattr(found, name, None)) for name in shown))
