"""``OS::Nova::Server``: the server's own properties, as Heat's converge
reads them back (Heat's ``Server.parse_live_resource_data``).

- A server that is not ACTIVE: Heat reads nothing back from it (its live
  state is skipped, with a warning), so only ``status`` is told, and it
  does not converge.
- ``name``, ``flavor``, ``image``, ``metadata`` and ``networks`` are read
  back and converge. ``metadata`` left out of the template is compared
  with ``{}`` (its default). ``name`` left out is not compared: Heat gives
  the server a name of its own making, which cannot be known here.
- ``key_name`` and ``security_groups`` cannot be updated: compared where
  the template sets them, marked as not converging.

``flavor`` matches the flavor's id or name (Nova shows the name since
API 2.47); ``image`` its id, or its name when the template gives one.
``networks``: each entry of the template matches one interface of the
server (its ``port``, else its ``network`` by id or name and its
``fixed_ip``, else its ``subnet``), and the server has no other.
"""

import json
from typing import Any

from openstack import connection

from mr_dashboard.api.drift import neutron
from mr_dashboard.api.drift.report import PropertyDiff
from mr_dashboard.api.drift.rules import Rule
from mr_dashboard.api.drift.rules import diffs
from mr_dashboard.api.drift.rules import is_uuid
from mr_dashboard.api.drift.rules import kept
from mr_dashboard.api.drift.rules import names_of
from mr_dashboard.api.drift.rules import paired
from mr_dashboard.api.drift.rules import same_set

ACTIVE = "ACTIVE"
_SERVER_FIELDS = ("id", "name", "status", "flavor", "image", "metadata",
                  "key_name", "security_groups")
_PORT_FIELDS = ("id", "network_id", "fixed_ips", "security_group_ids")


def read(conn: connection.Connection, server_id: str,
         properties: dict) -> dict:
    """Nova's and Neutron's answers about the server (and the names the
    template's values need)."""
    server = conn.compute.get_server(server_id)
    ports = [kept(port, _PORT_FIELDS)
             for port in neutron.device_ports(conn, server_id)]
    found = kept(server, _SERVER_FIELDS)
    found["flavor"] = {key: (found["flavor"] or {}).get(key)
                       for key in ("id", "original_name")}
    found["image"] = {"id": (found["image"] or {}).get("id")}
    answers: dict[str, Any] = {"server": found, "ports": ports}
    image = properties.get("image")
    if isinstance(image, str) and not is_uuid(image):
        answers["image_names"] = names_of(
            conn.image.get_image, [found["image"]["id"]])
    flavor = properties.get("flavor")
    if isinstance(flavor, str) and is_uuid(flavor):
        answers["flavor_names"] = names_of(conn.compute.get_flavor, [flavor])
    if any(isinstance(net, dict) and isinstance(net.get("network"), str)
           and not is_uuid(net["network"])
           for net in properties.get("networks") or ()):
        answers["network_names"] = names_of(
            conn.network.get_network, [port["network_id"] for port in ports])
    groups = [group for group in properties.get("security_groups") or ()
              if isinstance(group, str) and is_uuid(group)]
    if groups:
        answers["group_names"] = names_of(
            conn.network.get_security_group, groups)
    return answers


def _flavor_same(names: dict[str, str]):
    def same(expected: Any, actual: str) -> bool:
        return actual in (expected, names.get(expected))
    return same


def _image_same(names: dict[str, str]):
    def same(expected: Any, actual: str) -> bool:
        return expected in (actual, names.get(actual))
    return same


def _metadata_same(expected: Any, actual: Any) -> bool:
    """Nova keeps text; Heat sends any other value as JSON."""
    if not isinstance(expected, dict):
        return False
    return {str(key): value if isinstance(value, str) else json.dumps(value)
            for key, value in expected.items()} == (actual or {})


def _entry_matches(entry: dict, port: dict, names: dict[str, str]) -> bool:
    if entry.get("port"):
        return entry["port"] == port["id"]
    addresses = {fixed.get("ip_address") for fixed in port["fixed_ips"]}
    subnets = {fixed.get("subnet_id") for fixed in port["fixed_ips"]}
    network = entry.get("network") or entry.get("uuid")
    if network and network not in (port["network_id"],
                                   names.get(port["network_id"])):
        return False
    if entry.get("fixed_ip") and entry["fixed_ip"] not in addresses:
        return False
    if entry.get("subnet") and entry["subnet"] not in subnets:
        return False
    return bool(network or entry.get("subnet"))


def _networks_same(names: dict[str, str]):
    def same(expected: Any, actual: list[dict]) -> bool:
        return paired(expected, actual, lambda entry, port: isinstance(
            entry, dict) and _entry_matches(entry, port, names))
    return same


def _groups_same(names: dict[str, str]):
    def same(expected: Any, actual: list[str]) -> bool:
        return same_set([names.get(group, group) for group in expected or ()],
                        set(actual))
    return same


def compare(properties: dict, answers: dict) -> tuple[PropertyDiff, ...]:
    """The server's differences (see the module doc)."""
    server = answers["server"]
    status = diffs((Rule("status", converges=False, default=ACTIVE),),
                   {}, {"status": server.get("status")})
    if status:
        return status
    if any(isinstance(net, dict) and "allocate_network" in net
           for net in properties.get("networks") or ()):
        properties = {key: value for key, value in properties.items()
                      if key != "networks"}
    flavor = server.get("flavor") or {}
    facts = {
        "name": server.get("name"),
        "flavor": flavor.get("original_name") or flavor.get("id"),
        "image": (server.get("image") or {}).get("id"),
        "metadata": server.get("metadata") or {},
        "key_name": server.get("key_name"),
        "security_groups": sorted({group.get("name") for group
                                   in server.get("security_groups") or ()}),
        "networks": [{"port": port["id"], "network": port["network_id"],
                      "fixed_ips": port["fixed_ips"]}
                     for port in answers["ports"]],
    }
    ports = [{"id": net["port"], "network_id": net["network"],
              "fixed_ips": net["fixed_ips"]} for net in facts["networks"]]
    rules = (
        Rule("name"),
        Rule("flavor", same=_flavor_same(answers.get("flavor_names", {}))),
        Rule("image", same=_image_same(answers.get("image_names", {}))),
        Rule("metadata", default={}, same=_metadata_same),
        Rule("networks", same=lambda expected, _: _networks_same(
            answers.get("network_names", {}))(expected, ports)),
        Rule("key_name", converges=False),
        Rule("security_groups", converges=False,
             same=_groups_same(answers.get("group_names", {}))),
    )
    return diffs(rules, properties, facts)
