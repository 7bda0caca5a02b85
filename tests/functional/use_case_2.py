"""The blueprint's use case 2 (the demo's app_db.yaml, db_server.yaml and
app_server.yaml) as the regions' own APIs see it: the database server and
its port in RegionTwo, the application server in RegionOne, read with the
demo user's openstacksdk connection, outside the dashboard."""
import base64
from dataclasses import dataclass

from tests.cloud import heat_client
from tests.functional import resource_stacks
from tests.functional import tree_stacks
from tests.waiting import wait_until

ONE, TWO = resource_stacks.ONE, resource_stacks.TWO
FILES = ("app_db.yaml", "db_server.yaml", "app_server.yaml")


@dataclass(frozen=True)
class Servers:
    db_server_id: str  # in RegionTwo
    db_port_ip: str  # the fixed IP Neutron gives the database's port
    db_server_ips: frozenset  # the addresses Nova reports for it
    app_server_id: str  # in RegionOne
    app_db_address: str  # the app server's metadata ``db_address``
    app_user_data: str | None  # None where the policy hides it


def _physical(cloud, region: str, stack_id: str, resource: str) -> str:
    return heat_client(cloud, region).resources.get(stack_id, resource).physical_resource_id


def servers(cloud, stack_id: str) -> Servers:
    """Both servers of the RegionOne root stack ``stack_id``."""
    one, two = (resource_stacks.connection(cloud, r) for r in (ONE, TWO))
    db_stack = _physical(cloud, ONE, stack_id, "database")
    app_stack = _physical(cloud, ONE, stack_id, "application")
    db_server = two.compute.get_server(_physical(cloud, TWO, db_stack, "server"))
    db_port = two.network.get_port(_physical(cloud, TWO, db_stack, "port"))
    app_server = one.compute.get_server(_physical(cloud, ONE, app_stack, "server"))
    user_data = app_server.user_data
    return Servers(
        db_server.id, db_port.fixed_ips[0]["ip_address"],
        frozenset(a["addr"] for nets in db_server.addresses.values() for a in nets),
        app_server.id, app_server.metadata.get("db_address"),
        base64.b64decode(user_data).decode() if user_data else None)


def assert_address_crossed(found: Servers) -> None:
    """The RegionOne app server was given the RegionTwo database's address."""
    assert found.db_port_ip in found.db_server_ips, found
    assert found.app_db_address == found.db_port_ip, found
    if found.app_user_data is not None:
        assert f"DB_HOST={found.db_port_ip}" in found.app_user_data, found


def created(cloud, stack_id: str) -> Servers:
    """Wait for the root stack's CREATE_COMPLETE, then check that the
    address crossed; returns both servers."""
    assert tree_stacks.wait(cloud, ONE, stack_id, timeout=600) == "CREATE_COMPLETE", \
        heat_client(cloud, ONE).stacks.get(stack_id).stack_status_reason
    found = servers(cloud, stack_id)
    assert_address_crossed(found)
    return found


def wait_servers_gone(cloud, found: Servers, timeout: float = 300) -> None:
    """Wait until neither server exists any more in its region."""
    one, two = (resource_stacks.connection(cloud, r) for r in (ONE, TWO))
    wait_until(lambda: (two.compute.find_server(found.db_server_id)
                        or one.compute.find_server(found.app_server_id)), timeout, 1,
               what=f"servers of {found} gone", done=lambda server: not server)
