"""A project's quotas in one region, and what is left of them: Nova's
limits, Neutron's quota details and Cinder's limits, through openstacksdk
on the user's session.

Every function returns one :class:`Headroom` per kind, by kind name (the
constants below); a limit of -1 means no limit.
"""

from dataclasses import dataclass

from mr_dashboard.api.iaas import sdk
from mr_dashboard.api.contract import ApiRequest

INSTANCES = "instances"
CORES = "cores"
RAM = "ram"  # MiB
PORTS = "ports"
NETWORKS = "networks"
SUBNETS = "subnets"
ROUTERS = "routers"
FLOATING_IPS = "floating_ips"
SECURITY_GROUPS = "security_groups"
VOLUMES = "volumes"
GIGABYTES = "gigabytes"

#: Nova's absolute limits: kind -> (limit field, used field).
_NOVA = {INSTANCES: ("max_total_instances", "total_instances_used"),
         CORES: ("max_total_cores", "total_cores_used"),
         RAM: ("max_total_ram_size", "total_ram_used")}
#: Neutron's quota details: kind -> field.
_NEUTRON = {PORTS: "ports", NETWORKS: "networks", SUBNETS: "subnets",
            ROUTERS: "routers", FLOATING_IPS: "floating_ips",
            SECURITY_GROUPS: "security_groups"}
#: Cinder's absolute limits: kind -> (limit field, used field).
_CINDER = {VOLUMES: ("max_total_volumes", "total_volumes_used"),
           GIGABYTES: ("max_total_volume_gigabytes",
                       "total_gigabytes_used")}

#: Which function reads each kind.
COMPUTE_KINDS = frozenset(_NOVA)
NETWORK_KINDS = frozenset(_NEUTRON)
VOLUME_KINDS = frozenset(_CINDER)


@dataclass(frozen=True)
class Headroom:
    """One quota of the project in one region: its limit and what is
    used (reserved counted as used)."""

    region: str
    kind: str
    limit: int
    used: int

    @property
    def free(self) -> int | None:
        """What is left; None without a limit."""
        return None if self.limit < 0 else max(0, self.limit - self.used)


def _number(value) -> int:
    return int(value) if value is not None else 0


def compute_headroom(request: ApiRequest, region: str) -> dict[str, Headroom]:
    """Instances, cores and RAM (MiB) in ``region``'s Nova."""
    absolute = sdk.region_connection(request, region).compute.get_limits(
    ).absolute
    return {kind: Headroom(region, kind, _number(getattr(absolute, limit)),
                           _number(getattr(absolute, used)))
            for kind, (limit, used) in _NOVA.items()}


def network_headroom(request: ApiRequest, region: str) -> dict[str, Headroom]:
    """Ports, networks, subnets, routers, floating IPs and security groups
    in ``region``'s Neutron."""
    connection = sdk.region_connection(request, region)
    details = connection.network.get_quota(request.user.project_id,
                                           details=True)
    found = {}
    for kind, name in _NEUTRON.items():
        detail = getattr(details, name, None) or {}
        found[kind] = Headroom(region, kind, _number(detail.get("limit", -1)),
                               _number(detail.get("used"))
                               + _number(detail.get("reserved")))
    return found


def volume_headroom(request: ApiRequest, region: str) -> dict[str, Headroom]:
    """Volumes and gigabytes in ``region``'s Cinder."""
    absolute = sdk.region_connection(request, region).block_storage\
        .get_limits().absolute
    return {kind: Headroom(region, kind, _number(getattr(absolute, limit)),
                           _number(getattr(absolute, used)))
            for kind, (limit, used) in _CINDER.items()}
