"""What reaches another cloud: a credential secret and the TLS options of
the ``OS::Heat::Stack`` context naming it (or of a credential's check).

Heat reaches the child with ``verify`` set from the context: no
verification when ``insecure``, else the ``ca_cert`` given (and nothing
else: Heat writes it to a file it passes as the only CA), else the
system's. The dashboard does the same for every call to that cloud (the
tree walk, a stack's page, its actions), with Horizon's own
``OPENSTACK_SSL_CACERT`` / ``OPENSTACK_SSL_NO_VERIFY`` when the context
names no CA. A CA becomes an :class:`ssl.SSLContext` trusting it alone,
built from its text (no file is written) and kept for a few CAs, which the
outbound guard uses for every connection to that cloud.
"""

import functools
import re
import ssl
from dataclasses import dataclass

from cryptography import x509
from django.utils.translation import gettext as _

from mr_dashboard import conf
from mr_dashboard.api.transport.outbound import Verify
from mr_dashboard.hot.context import RemoteSpec

#: Most characters of a ``ca_cert`` (a chain of a few certificates).
MAX_PEM_CHARS = 65536
#: Most certificates in one ``ca_cert``.
MAX_CERTIFICATES = 8
_BLOCK = re.compile(r"-----BEGIN CERTIFICATE-----\s*([A-Za-z0-9+/=\s]+?)"
                    r"-----END CERTIFICATE-----")


class InvalidCa(ValueError):
    """A ``ca_cert`` that is not a PEM CA certificate."""


def _invalid() -> InvalidCa:
    return InvalidCa(_("The ca_cert of the stack's context is not a CA "
                       "certificate in PEM format."))


def check_pem(ca_cert: str) -> None:
    """:class:`InvalidCa` unless ``ca_cert`` holds only PEM ``CERTIFICATE``
    blocks (at most :data:`MAX_CERTIFICATES`, :data:`MAX_PEM_CHARS` in
    all) and whitespace, each a CA certificate."""
    if len(ca_cert) > MAX_PEM_CHARS:
        raise _invalid()
    blocks = list(_BLOCK.finditer(ca_cert))
    if not blocks or len(blocks) > MAX_CERTIFICATES or _BLOCK.sub(
            "", ca_cert).strip():
        raise _invalid()
    for block in blocks:
        try:
            cert = x509.load_pem_x509_certificate(block.group(0).encode())
            is_ca = cert.extensions.get_extension_for_class(
                x509.BasicConstraints).value.ca
        except (ValueError, x509.ExtensionNotFound):
            raise _invalid() from None
        if not is_ca:
            raise _invalid()


@functools.lru_cache(maxsize=32)
def ca_context(ca_cert: str) -> ssl.SSLContext:
    """A client context trusting ``ca_cert`` alone (one per CA, kept);
    :class:`InvalidCa` when it is not one."""
    check_pem(ca_cert)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:
        context.load_verify_locations(cadata=ca_cert)
    except (ssl.SSLError, ValueError):
        raise _invalid() from None
    return context


def verify(ca_cert: str | None, insecure: bool) -> Verify:
    """The ``verify`` of every call there: False when ``insecure``, a
    context trusting ``ca_cert`` alone when given, else Horizon's own
    setting."""
    if insecure:
        return False
    if ca_cert:
        return ca_context(ca_cert)
    return conf.ssl_verify()


@dataclass(frozen=True)
class Access:
    """How another cloud is reached: the credential secret (id or
    reference) and the context's ``ca_cert`` and ``insecure``."""

    secret: str
    ca_cert: str | None = None
    insecure: bool = False

    @classmethod
    def of(cls, spec: RemoteSpec) -> "Access":
        """The access an OS::Heat::Stack's resolved context names."""
        return cls(spec.secret or "", spec.ca_cert, spec.insecure)

    def verify(self) -> Verify:
        """The ``verify`` for this cloud (:func:`verify`)."""
        return verify(self.ca_cert, self.insecure)
