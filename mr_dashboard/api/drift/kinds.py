"""The kinds of resource drift detection compares, by Heat type: how each
one's object is read and compared (one module per service: nova, neutron,
vpn, cinder), whether Heat's converge makes it again when it is gone, and,
for the Neutron kinds read from their object alone, how several of them
are listed at once. Any other type is not checked."""

from collections.abc import Callable
from dataclasses import dataclass

from openstack import connection

from mr_dashboard.api.drift import cinder
from mr_dashboard.api.drift import neutron
from mr_dashboard.api.drift import nova
from mr_dashboard.api.drift import vpn
from mr_dashboard.api.drift.report import PropertyDiff

#: ``read(connection, physical id, properties) -> answers``; raises the
#: sdk's NotFoundException when the object is gone.
Read = Callable[[connection.Connection, str, dict], dict]
#: ``compare(properties, answers) -> differences``.
Compare = Callable[[dict, dict], tuple[PropertyDiff, ...]]


@dataclass(frozen=True)
class Kind:
    """How one Heat type is checked: the catalog service its objects live
    in, their read and comparison, the template's properties these read
    (``reads``: only their ``get_attr`` are asked of Heat, so a secret
    given to another property, a pre-shared key or a password, is never
    read), whether Heat's converge makes a deleted one again, and
    ``listable`` when several objects are read in one listing."""

    service: str
    read: Read
    compare: Compare
    reads: frozenset[str]
    remade: bool = True
    listable: neutron.Listable | None = None


def _listed(listable: neutron.Listable, compare: Compare,
            *reads: str) -> Kind:
    return Kind("network", listable.read, compare, frozenset(reads),
                listable=listable)


KINDS: dict[str, Kind] = {
    "OS::Nova::Server": Kind("compute", nova.read, nova.compare, frozenset((
        "name", "flavor", "image", "metadata", "networks", "key_name",
        "security_groups"))),
    "OS::Neutron::Net": _listed(
        neutron.NET, neutron.compare_net, "name", "admin_state_up",
        "port_security_enabled", "dns_domain", "tags"),
    "OS::Neutron::Subnet": _listed(
        neutron.SUBNET, neutron.compare_subnet, "name", "cidr", "ip_version",
        "gateway_ip", "allocation_pools", "host_routes", "dns_nameservers",
        "enable_dhcp", "tags"),
    "OS::Neutron::Port": _listed(neutron.PORT, neutron.compare_port, "name",
                                 "fixed_ips", "security_groups"),
    "OS::Neutron::Router": _listed(neutron.ROUTER, neutron.compare_router,
                                   "name", "admin_state_up",
                                   "external_gateway_info"),
    "OS::Neutron::RouterInterface": Kind(
        "network", neutron.read_router_interface, neutron.existence,
        frozenset(), remade=False),
    "OS::Neutron::SecurityGroup": _listed(
        neutron.GROUP, neutron.compare_group, "name", "description",
        "stateful", "rules"),
    "OS::Neutron::SecurityGroupRule": _listed(neutron.GROUP_RULE,
                                              neutron.existence),
    "OS::Neutron::FloatingIP": _listed(
        neutron.FLOATING_IP, neutron.compare_floating_ip, "port_id",
        "fixed_ip_address"),
    "OS::Cinder::Volume": Kind(cinder.SERVICE_TYPE, cinder.read,
                               cinder.compare, frozenset((
                                   "size", "name", "description",
                                   "metadata", "read_only"))),
    **{name: Kind("network", vpn.reader(name), vpn.comparer(name),
                  frozenset(rule.name for rule in rules))
       for name, (_, rules) in vpn.KINDS.items()},
}


def compared(body: dict, kind: Kind) -> dict:
    """The resource definition ``body`` with only the properties
    ``kind``'s comparison reads."""
    properties = body.get("properties", body.get("Properties"))
    if not isinstance(properties, dict):
        return {}
    return {"properties": {name: value for name, value in properties.items()
                           if name in kind.reads}}
