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
    in, their read and comparison, whether Heat's converge makes a
    deleted one again, and ``listable`` when several objects are read in
    one listing."""

    service: str
    read: Read
    compare: Compare
    remade: bool = True
    listable: neutron.Listable | None = None


def _listed(listable: neutron.Listable, compare: Compare) -> Kind:
    return Kind("network", listable.read, compare, listable=listable)


KINDS: dict[str, Kind] = {
    "OS::Nova::Server": Kind("compute", nova.read, nova.compare),
    "OS::Neutron::Net": _listed(neutron.NET, neutron.compare_net),
    "OS::Neutron::Subnet": _listed(neutron.SUBNET, neutron.compare_subnet),
    "OS::Neutron::Port": _listed(neutron.PORT, neutron.compare_port),
    "OS::Neutron::Router": _listed(neutron.ROUTER, neutron.compare_router),
    "OS::Neutron::RouterInterface": Kind(
        "network", neutron.read_router_interface, neutron.existence,
        remade=False),
    "OS::Neutron::SecurityGroup": _listed(neutron.GROUP,
                                          neutron.compare_group),
    "OS::Neutron::SecurityGroupRule": _listed(neutron.GROUP_RULE,
                                              neutron.existence),
    "OS::Neutron::FloatingIP": _listed(neutron.FLOATING_IP,
                                       neutron.compare_floating_ip),
    "OS::Cinder::Volume": Kind(cinder.SERVICE_TYPE, cinder.read,
                               cinder.compare),
    **{name: Kind("network", vpn.reader(name), vpn.comparer(name))
       for name in vpn.KINDS},
}
