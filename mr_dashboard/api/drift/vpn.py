"""The VPNaaS objects, as Heat's converge reads them back: the properties
Heat may update and Neutron shows under the same name (Heat's
``NeutronResource.parse_live_resource_data``), with their defaults where
the template leaves them out; the others are compared where Heat's
schema gives them, marked as not converging (Heat cannot update them).

- ``OS::Neutron::IKEPolicy``: ``name``, ``description``,
  ``auth_algorithm`` (default sha1), ``encryption_algorithm`` (aes-128),
  ``pfs`` (group5), ``ike_version`` (v1), ``lifetime`` converge;
  ``phase1_negotiation_mode`` (main) does not.
- ``OS::Neutron::IPsecPolicy``: ``name``, ``description`` converge;
  ``transform_protocol`` (esp), ``encapsulation_mode`` (tunnel),
  ``auth_algorithm`` (sha1), ``encryption_algorithm`` (aes-128), ``pfs``
  (group5), ``lifetime`` do not.
- ``OS::Neutron::VPNService``: ``name``, ``description``,
  ``admin_state_up`` (true) converge; ``subnet``, ``router`` (when the template
  gives ids) do not.
- ``OS::Neutron::IPsecSiteConnection``: ``name``, ``description``,
  ``admin_state_up`` (true) converge; ``peer_address``, ``peer_id``,
  ``peer_cidrs``, ``mtu`` (1500), ``initiator`` (bi-directional) and the
  policies and service (when the template gives ids) do not. The
  pre-shared key is a secret: it is never read nor compared.
"""

from typing import Any

from openstack import connection

from mr_dashboard.api.drift.report import PropertyDiff
from mr_dashboard.api.drift.rules import Rule
from mr_dashboard.api.drift.rules import diffs
from mr_dashboard.api.drift.rules import is_uuid
from mr_dashboard.api.drift.rules import kept
from mr_dashboard.api.drift.rules import same_set


def _lifetime_same(expected: Any, actual: Any) -> bool:
    """The keys the template gives (units, value) as Neutron has them."""
    return isinstance(expected, dict) and isinstance(actual, dict) and all(
        str(actual.get(key)) == str(value) for key, value in expected.items())


def _fixed(converges: bool, *names: str) -> tuple[Rule, ...]:
    return tuple(Rule(name, converges=converges) for name in names)


#: Per kind: the sdk getter, the fields read (``is_admin_state_up`` shown
#: as ``admin_state_up``) and the rules.
KINDS: dict[str, tuple[str, tuple[Rule, ...]]] = {
    "OS::Neutron::IKEPolicy": ("get_vpn_ike_policy", (
        Rule("name"), Rule("description"),
        Rule("auth_algorithm", default="sha1"),
        Rule("encryption_algorithm", default="aes-128"),
        Rule("pfs", default="group5"), Rule("ike_version", default="v1"),
        Rule("lifetime", same=_lifetime_same),
        Rule("phase1_negotiation_mode", converges=False, default="main"))),
    "OS::Neutron::IPsecPolicy": ("get_vpn_ipsec_policy", (
        Rule("name"), Rule("description"),
        Rule("transform_protocol", converges=False, default="esp"),
        Rule("encapsulation_mode", converges=False, default="tunnel"),
        Rule("auth_algorithm", converges=False, default="sha1"),
        Rule("encryption_algorithm", converges=False, default="aes-128"),
        Rule("pfs", converges=False, default="group5"),
        Rule("lifetime", converges=False, same=_lifetime_same))),
    "OS::Neutron::VPNService": ("get_vpn_service", (
        Rule("name"), Rule("description"),
        Rule("admin_state_up", default=True))
        + _fixed(False, "subnet", "router")),
    "OS::Neutron::IPsecSiteConnection": ("get_vpn_ipsec_site_connection", (
        Rule("name"), Rule("description"),
        Rule("admin_state_up", default=True),
        Rule("peer_address", converges=False),
        Rule("peer_id", converges=False),
        Rule("peer_cidrs", converges=False, same=same_set),
        Rule("mtu", converges=False, default=1500),
        Rule("initiator", converges=False, default="bi-directional"))
        + _fixed(False, "ikepolicy_id", "ipsecpolicy_id", "vpnservice_id")),
}
#: Properties compared only when the template gives an id (a
#: ``get_resource`` does): a name would need a lookup of its own.
_BY_ID = ("subnet", "router", "ikepolicy_id", "ipsecpolicy_id",
          "vpnservice_id")
#: Template names read under another name in the sdk.
_SDK_NAMES = {"admin_state_up": "is_admin_state_up", "subnet": "subnet_id",
              "router": "router_id"}


def reader(resource_type: str):
    """The read of one VPN kind: its rules' fields, under the template's
    names (never the pre-shared key)."""
    getter, rules = KINDS[resource_type]

    def read(conn: connection.Connection, object_id: str,
             properties: dict) -> dict:
        found = kept(getattr(conn.network, getter)(object_id), tuple(
            _SDK_NAMES.get(rule.name, rule.name) for rule in rules))
        return {"object": {rule.name: found[_SDK_NAMES.get(rule.name,
                                                           rule.name)]
                           for rule in rules}}
    return read


def comparer(resource_type: str):
    """The comparison of one VPN kind."""
    rules = KINDS[resource_type][1]

    def compare(properties: dict,
                answers: dict) -> tuple[PropertyDiff, ...]:
        given = {name: value for name, value in properties.items()
                 if name not in _BY_ID or is_uuid(value)}
        return diffs(rules, given, answers["object"])
    return compare
