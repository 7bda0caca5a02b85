"""Which IP addresses the dashboard's server may call for a user.

An address is acceptable when it is globally reachable (and no multicast
address: Python 3.11 calls ``ff02::1`` global) or lies in one of
the networks the operator allows (``TEMPLATE_URL_ALLOWED_NETWORKS``,
``CREDENTIAL_CHECK_ALLOWED_NETWORKS``). IPv6 forms that carry an IPv4
address are judged by that IPv4 address too, since traffic to them ends
up there: IPv4-mapped ``::ffff:0:0/96`` (judged by its IPv4 address
alone: it *is* that address), IPv4-compatible ``::/96``, 6to4
``2002::/16``, NAT64 ``64:ff9b::/96`` and ``64:ff9b:1::/48`` (the IPv4
address in the last 32 bits, the ``/96`` layout of RFC 6052), and Teredo
``2001::/32`` (its server and its client).
"""

import ipaddress
from collections.abc import Iterable, Sequence

from mr_dashboard.conf import Network

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

_COMPATIBLE = ipaddress.IPv6Network("::/96")
_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"),
          ipaddress.IPv6Network("64:ff9b:1::/48"))
#: Not globally reachable (RFC 8215), though Python 3.11 says it is.
_LOCAL_NAT64 = _NAT64[1]


def _low_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address:
    return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)


def embedded_ipv4(address: ipaddress.IPv6Address
                  ) -> tuple[ipaddress.IPv4Address, ...]:
    """The IPv4 addresses an IPv6 address carries (none for most)."""
    if address.sixtofour:
        return (address.sixtofour,)
    if address.teredo:
        return address.teredo  # (server, client)
    if any(address in network for network in _NAT64):
        return (_low_ipv4(address),)
    if address in _COMPATIBLE and int(address) > 1:  # not :: nor ::1
        return (_low_ipv4(address),)
    return ()


def _plain(address: Address, allowed: Sequence[Network]) -> bool:
    global_ = (address.is_global and not address.is_multicast
               and address not in _LOCAL_NAT64)
    return global_ or any(address in network for network in allowed)


def acceptable(address: Address, allowed: Sequence[Network] = ()) -> bool:
    """True when ``address``, and every IPv4 address it carries, is
    global or in one of the ``allowed`` networks."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    inner: Iterable[Address] = (
        embedded_ipv4(address)
        if isinstance(address, ipaddress.IPv6Address) else ())
    # 6to4 is judged by its IPv4 address alone: Python 3.13 calls all of
    # 2002::/16 not global, where 3.11 calls it global.
    sixtofour = (isinstance(address, ipaddress.IPv6Address)
                 and address.sixtofour is not None)
    return (sixtofour or _plain(address, allowed)) and all(
        _plain(each, allowed) for each in inner)
