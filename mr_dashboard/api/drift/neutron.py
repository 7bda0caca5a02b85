"""Neutron's objects, as Heat's converge reads them back.

Heat reads back, for a Neutron resource, the properties it may update
(``update_allowed``) that Neutron shows under the same name (Heat's
``NeutronResource.parse_live_resource_data``), ``name`` only where the
template sets it (Heat names the object itself otherwise); each kind adds
its own (below). So, per kind:

- ``OS::Neutron::Net``: ``name``, ``admin_state_up`` (default true),
  ``port_security_enabled``, ``dns_domain``, ``tags``.
- ``OS::Neutron::Subnet``: ``name``, ``gateway_ip``, ``allocation_pools``,
  ``host_routes``, ``tags``, ``dns_nameservers`` (default ``[]``),
  ``enable_dhcp`` (default true) converge; ``cidr`` and ``ip_version``
  (default 4) cannot change in Neutron: compared, not converging.
- ``OS::Neutron::Port``: ``name``, ``fixed_ips`` (Heat reads each one's
  subnet and address back; an entry of the template matches an address on
  the keys it gives), ``security_groups`` (by id or name).
- ``OS::Neutron::Router``: ``name``, ``admin_state_up`` (default true) and
  ``external_gateway_info`` (its network and SNAT), which Heat reads back
  even when the template has none: a gateway added outside Heat counts.
- ``OS::Neutron::RouterInterface``: whether the router still has it (Heat
  reads nothing back: a removed interface is not added again).
- ``OS::Neutron::SecurityGroup``: ``name``, ``description``, ``stateful``
  converge; ``rules`` (default ``[]``, plus Heat's two egress rules when
  the template has no egress one, as Heat's rule update makes them) are
  compared rule by rule on direction, ethertype, protocol, ports and
  remote, as Heat's rule update does, but Heat's converge does not read
  them back (Neutron shows them as ``security_group_rules``): marked as
  not converging.
- ``OS::Neutron::SecurityGroupRule``: whether it still exists (Heat makes
  it again when it is gone).
- ``OS::Neutron::FloatingIP``: ``port_id`` and ``fixed_ip_address`` where
  the template sets them (an ``OS::Neutron::FloatingIPAssociation`` may
  set them instead).
"""

import ipaddress
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openstack import connection
from openstack import exceptions

from mr_dashboard.api.drift.report import PropertyDiff
from mr_dashboard.api.drift.rules import Rule
from mr_dashboard.api.drift.rules import diffs
from mr_dashboard.api.drift.rules import is_uuid
from mr_dashboard.api.drift.rules import kept
from mr_dashboard.api.drift.rules import names_of
from mr_dashboard.api.drift.rules import paired
from mr_dashboard.api.drift.rules import same_set
from mr_dashboard.api.drift.rules import unknown_in
from mr_dashboard.api.iaas import sdk

_RULE_KEYS = ("direction", "ethertype", "protocol", "port_range_min",
              "port_range_max", "remote_group_id", "remote_ip_prefix")
_DEFAULT_EGRESS = ({"direction": "egress", "ethertype": "IPv4"},
                   {"direction": "egress", "ethertype": "IPv6"})


@dataclass(frozen=True)
class Listable:
    """A Neutron kind whose answers come from its object alone (and the
    names its template's values need): the sdk's getter of one object,
    its listing (which filters on ``id``, several at once) and
    ``answers(connection, object, properties)``."""

    getter: str
    listing: str
    answers: Callable[[connection.Connection, Any, dict], dict]

    def read(self, conn: connection.Connection, object_id: str,
             properties: dict) -> dict:
        """One object's answers (raises NotFoundException once gone)."""
        return self.answers(conn, getattr(conn.network, self.getter)(
            object_id), properties)

    def objects(self, conn: connection.Connection,
                ids: list[str]) -> dict[str, Any]:
        """The objects of ``ids`` still there, by id: one listing, in one
        page (the ids bound it; as :func:`device_ports` says, a ``limit``
        would cost a second call), within
        :func:`~mr_dashboard.api.iaas.sdk.listed`."""
        return {str(item.id): item for item in sdk.listed(getattr(
            conn.network, self.listing)(id=ids))}


def _named_values(values: Any) -> list[str]:
    """The values of a list that name an object rather than give its
    id."""
    return [value for value in values or ()
            if isinstance(value, str) and not is_uuid(value)]


def _net(conn: connection.Connection, net: Any, properties: dict) -> dict:
    return {"network": kept(net, (
        "id", "name", "is_admin_state_up", "is_port_security_enabled",
        "dns_domain", "tags"))}


NET = Listable("get_network", "networks", _net)


def compare_net(properties: dict, answers: dict) -> tuple[PropertyDiff, ...]:
    net = answers["network"]
    facts = {"name": net["name"], "admin_state_up": net["is_admin_state_up"],
             "port_security_enabled": net["is_port_security_enabled"],
             "dns_domain": net["dns_domain"], "tags": net["tags"]}
    return diffs((Rule("name"), Rule("admin_state_up", default=True),
                  Rule("port_security_enabled"), Rule("dns_domain"),
                  Rule("tags", same=same_set)), properties, facts)


def _subnet(conn: connection.Connection, subnet: Any,
            properties: dict) -> dict:
    return {"subnet": kept(subnet, (
        "id", "name", "cidr", "ip_version", "gateway_ip", "allocation_pools",
        "dns_nameservers", "is_dhcp_enabled", "host_routes", "tags"))}


SUBNET = Listable("get_subnet", "subnets", _subnet)


def _same_dicts(expected: Any, actual: Any) -> bool:
    """Lists of mappings, in any order, numbers and text alike."""
    def key(item: Any) -> str:
        return repr(sorted((str(k), str(v)) for k, v in item.items())) \
            if isinstance(item, dict) else repr(item)
    return sorted(map(key, expected or [])) == sorted(map(key, actual or []))


def compare_subnet(properties: dict,
                   answers: dict) -> tuple[PropertyDiff, ...]:
    subnet = answers["subnet"]
    facts = {name: subnet[name] for name in (
        "name", "cidr", "ip_version", "gateway_ip", "allocation_pools",
        "dns_nameservers", "host_routes", "tags")}
    facts["enable_dhcp"] = subnet["is_dhcp_enabled"]
    return diffs((
        Rule("name"), Rule("cidr", converges=False),
        Rule("ip_version", converges=False, default=4),
        Rule("gateway_ip"), Rule("allocation_pools", same=_same_dicts),
        Rule("host_routes", same=_same_dicts),
        Rule("dns_nameservers", default=[], same=same_set),
        Rule("enable_dhcp", default=True), Rule("tags", same=same_set),
    ), properties, facts)


def _port(conn: connection.Connection, found: Any,
          properties: dict) -> dict:
    port = kept(found, (
        "id", "name", "network_id", "fixed_ips", "security_group_ids"))
    answers = {"port": port}
    subnets = [fixed.get("subnet") or fixed.get("subnet_id")
               for fixed in properties.get("fixed_ips") or ()
               if isinstance(fixed, dict)]
    if _named_values(subnets):
        answers["subnet_names"] = names_of(
            conn.network.get_subnet,
            [fixed["subnet_id"] for fixed in port["fixed_ips"]])
    if _named_values(properties.get("security_groups")):
        answers["group_names"] = names_of(
            conn.network.get_security_group, port["security_group_ids"])
    return answers


PORT = Listable("get_port", "ports", _port)


def _fixed_ips_same(names: dict[str, str]):
    def matches(entry: dict, fixed: dict) -> bool:
        subnet = entry.get("subnet") or entry.get("subnet_id")
        return ((not subnet or subnet in (fixed["subnet"],
                                          names.get(fixed["subnet"])))
                and (not entry.get("ip_address")
                     or entry["ip_address"] == fixed["ip_address"]))

    def same(expected: Any, actual: list[dict]) -> bool:
        return paired(expected, actual, lambda entry, fixed: isinstance(
            entry, dict) and matches(entry, fixed))
    return same


def _ids_ornames_of(names: dict[str, str]):
    def same(expected: Any, actual: list[str]) -> bool:
        known = {value for item in actual for value in (item,
                                                        names.get(item))}
        return len(expected or []) == len(actual) and all(
            item in known for item in expected or [])
    return same


def compare_port(properties: dict,
                 answers: dict) -> tuple[PropertyDiff, ...]:
    port = answers["port"]
    facts = {"name": port["name"],
             "fixed_ips": [{"subnet": fixed.get("subnet_id"),
                            "ip_address": fixed.get("ip_address")}
                           for fixed in port["fixed_ips"] or ()],
             "security_groups": sorted(port["security_group_ids"] or ())}
    return diffs((
        Rule("name"),
        Rule("fixed_ips",
             same=_fixed_ips_same(answers.get("subnet_names", {}))),
        Rule("security_groups",
             same=_ids_ornames_of(answers.get("group_names", {}))),
    ), properties, facts)


def _router(conn: connection.Connection, found: Any,
            properties: dict) -> dict:
    router = kept(found, (
        "id", "name", "is_admin_state_up", "external_gateway_info"))
    answers = {"router": router}
    gateway = properties.get("external_gateway_info")
    network = (router["external_gateway_info"] or {}).get("network_id")
    if isinstance(gateway, dict) and network \
            and _named_values([gateway.get("network")]):
        answers["network_names"] = names_of(
            conn.network.get_network, [network])
    return answers


ROUTER = Listable("get_router", "routers", _router)


def _gateway_same(names: dict[str, str]):
    def same(expected: Any, actual: dict | None) -> bool:
        if not expected:
            return not actual
        if not isinstance(expected, dict) or not actual:
            return False
        network = expected.get("network")
        snat = expected.get("enable_snat")
        return (network in (actual["network"],
                            names.get(actual["network"]))
                and (snat is None or snat == actual["enable_snat"]))
    return same


def compare_router(properties: dict,
                   answers: dict) -> tuple[PropertyDiff, ...]:
    router = answers["router"]
    gateway = router["external_gateway_info"] or None
    facts = {"name": router["name"],
             "admin_state_up": router["is_admin_state_up"],
             "external_gateway_info": gateway and {
                 "network": gateway.get("network_id"),
                 "enable_snat": gateway.get("enable_snat")}}
    return diffs((
        Rule("name"), Rule("admin_state_up", default=True),
        Rule("external_gateway_info", default=None,
             same=_gateway_same(answers.get("network_names", {}))),
    ), properties, facts)


def device_ports(conn: connection.Connection, device_id: str) -> Iterable:
    """The ports of a server or router, in one page: a device has few,
    and the sdk asks for one page more after any listing given a
    ``limit`` (within :func:`~mr_dashboard.api.iaas.sdk.listed`)."""
    return sdk.listed(conn.network.ports(device_id=device_id))


def read_router_interface(conn: connection.Connection, physical_id: str,
                          properties: dict) -> dict:
    """The router's port on the subnet or port Heat's id names (Heat's
    id is ``<router id>:subnet_id=<id>`` or ``:port_id=<id>``); raises
    NotFoundException when the interface is gone."""
    router_id, link = physical_id.split(":", 1) if ":" in physical_id \
        else (physical_id, "")
    key, value = link.split("=", 1) if "=" in link else (link, "")
    for port in device_ports(conn, router_id):
        subnets = {fixed.get("subnet_id") for fixed in port.fixed_ips or ()}
        if (key == "port_id" and port.id == value) or (
                key == "subnet_id" and value in subnets):
            return {"port": kept(port, ("id", "fixed_ips"))}
    raise exceptions.NotFoundException(
        f"router {router_id} has no interface {link}")


def _group(conn: connection.Connection, found: Any,
           properties: dict) -> dict:
    group = kept(found, (
        "id", "name", "description", "stateful", "security_group_rules"))
    group["security_group_rules"] = [
        {key: rule.get(key) for key in _RULE_KEYS}
        for rule in group["security_group_rules"] or ()]
    return {"group": group}


GROUP = Listable("get_security_group", "security_groups", _group)


def _prefix(value: Any) -> str | None:
    """A remote prefix, "any address" being none (Neutron stores it so)."""
    if value in (None, ""):
        return None
    try:
        if ipaddress.ip_network(str(value), strict=False).prefixlen == 0:
            return None
    except ValueError:
        pass
    return str(value)


def rule_key(rule: dict, group_id: str) -> tuple:
    """A rule as Heat's rule update compares them."""
    rule = dict(rule)
    rule.setdefault("direction", "ingress")
    rule.setdefault("ethertype", "IPv4")
    mode = rule.pop("remote_mode", None)
    if mode == "remote_group_id":
        rule["remote_ip_prefix"] = None
        rule["remote_group_id"] = rule.get("remote_group_id") or group_id
    elif mode is not None:
        rule["remote_group_id"] = None
    rule["remote_ip_prefix"] = _prefix(rule.get("remote_ip_prefix"))
    return tuple(None if rule.get(key) is None else str(rule[key])
                 for key in _RULE_KEYS)


def _shown(keys: list[tuple]) -> list[dict]:
    return [{key: value for key, value in zip(_RULE_KEYS, found)
             if value is not None} for found in sorted(keys, key=repr)]


def compare_group(properties: dict,
                  answers: dict) -> tuple[PropertyDiff, ...]:
    group = answers["group"]
    found = diffs((Rule("name"), Rule("description"), Rule("stateful")),
                  properties, group)
    rules = properties.get("rules", [])
    unknown = unknown_in(rules)
    if unknown is not None:
        return found + (PropertyDiff(
            "rules", None, _shown([rule_key(rule, group["id"]) for rule
                                   in group["security_group_rules"]]),
            compared=False, converges=False,
            note=_("Not compared: %(why)s.") % {"why": unknown.reason}),)
    if not isinstance(rules, list) or not all(isinstance(rule, dict)
                                              for rule in rules):
        return found
    desired = list(rules)
    if not any(rule.get("direction") == "egress" for rule in desired):
        desired += _DEFAULT_EGRESS
    expected = sorted((rule_key(rule, group["id"]) for rule in desired),
                      key=repr)
    actual = sorted((rule_key(rule, group["id"])
                     for rule in group["security_group_rules"]), key=repr)
    if expected != actual:
        found += (PropertyDiff("rules", _shown(expected), _shown(actual),
                               converges=False),)
    return found


def _group_rule(conn: connection.Connection, rule: Any,
                properties: dict) -> dict:
    return {"rule": kept(rule, ("id",) + _RULE_KEYS)}


GROUP_RULE = Listable("get_security_group_rule", "security_group_rules",
                      _group_rule)


def _floating_ip(conn: connection.Connection, ip: Any,
                 properties: dict) -> dict:
    return {"ip": kept(ip, (
        "id", "port_id", "fixed_ip_address", "floating_ip_address"))}


FLOATING_IP = Listable("get_ip", "ips", _floating_ip)


def compare_floating_ip(properties: dict,
                        answers: dict) -> tuple[PropertyDiff, ...]:
    return diffs((Rule("port_id"), Rule("fixed_ip_address")), properties,
                 answers["ip"])


def existence(properties: dict, answers: dict) -> tuple[PropertyDiff, ...]:
    """Nothing compared: the object exists."""
    return ()
