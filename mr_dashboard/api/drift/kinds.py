"""The kinds of resource drift detection compares, by Heat type: how each
one's object is read and compared (one module per service: nova, neutron,
vpn, cinder), and whether Heat's converge makes it again when it is gone.
Any other type is not checked."""

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
    in, their read and comparison, and whether Heat's converge makes a
    deleted one again."""

    service: str
    read: Read
    compare: Compare
    remade: bool = True


KINDS: dict[str, Kind] = {
    "OS::Nova::Server": Kind("compute", nova.read, nova.compare),
    "OS::Neutron::Net": Kind("network", neutron.read_net,
                             neutron.compare_net),
    "OS::Neutron::Subnet": Kind("network", neutron.read_subnet,
                                neutron.compare_subnet),
    "OS::Neutron::Port": Kind("network", neutron.read_port,
                              neutron.compare_port),
    "OS::Neutron::Router": Kind("network", neutron.read_router,
                                neutron.compare_router),
    "OS::Neutron::RouterInterface": Kind(
        "network", neutron.read_router_interface, neutron.existence,
        remade=False),
    "OS::Neutron::SecurityGroup": Kind("network", neutron.read_group,
                                       neutron.compare_group),
    "OS::Neutron::SecurityGroupRule": Kind(
        "network", neutron.read_group_rule, neutron.existence),
    "OS::Neutron::FloatingIP": Kind("network", neutron.read_floating_ip,
                                    neutron.compare_floating_ip),
    "OS::Cinder::Volume": Kind(cinder.SERVICE_TYPE, cinder.read,
                               cinder.compare),
    **{name: Kind("network", vpn.reader(name), vpn.comparer(name))
       for name in vpn.KINDS},
}
