"""What reaches another cloud: a credential secret and the TLS options of
the ``OS::Heat::Stack`` context naming it (or of a credential's check).

Heat reaches the child with ``verify`` set from the context: no
verification when ``insecure``, else the ``ca_cert`` given, else the
system's. The dashboard does the same for every call to that cloud (the
tree walk, a stack's page, its actions), with Horizon's own
``OPENSTACK_SSL_CACERT`` / ``OPENSTACK_SSL_NO_VERIFY`` when the context
names no CA. A CA is written once per process to a file named by its hash
(requests and keystoneauth take a path), readable by this user only.
"""

import atexit
import hashlib
import os
import shutil
import ssl
import tempfile
import threading
from dataclasses import dataclass

from django.utils.translation import gettext as _

from mr_dashboard import conf
from mr_dashboard.hot.context import RemoteSpec

_folder: list[str] = []
_lock = threading.Lock()


class InvalidCa(ValueError):
    """A ``ca_cert`` that is not a PEM CA certificate."""


def _ca_folder() -> str:
    with _lock:
        if not _folder:
            _folder.append(tempfile.mkdtemp(prefix="mr_dashboard-ca-"))
            atexit.register(shutil.rmtree, _folder[0], True)
        return _folder[0]


def check_pem(ca_cert: str) -> None:
    """:class:`InvalidCa` unless ``ca_cert`` is a PEM CA certificate."""
    try:
        ssl.create_default_context(cadata=ca_cert)
    except (ssl.SSLError, ValueError):
        raise InvalidCa(_("The ca_cert of the stack's context is not a CA "
                          "certificate in PEM format.")) from None


def ca_file(ca_cert: str) -> str:
    """The path of a file holding ``ca_cert`` (made once per CA);
    :class:`InvalidCa` when it is no PEM certificate."""
    check_pem(ca_cert)
    name = hashlib.sha256(ca_cert.encode()).hexdigest() + ".pem"
    path = os.path.join(_ca_folder(), name)
    if not os.path.exists(path):
        fd, temporary = tempfile.mkstemp(dir=_ca_folder())
        with os.fdopen(fd, "w") as pem:
            pem.write(ca_cert)
        os.replace(temporary, path)  # whole, even with two writers
    return path


def verify(ca_cert: str | None, insecure: bool) -> bool | str:
    """keystoneauth's ``verify``: False when ``insecure``, the file of
    ``ca_cert`` when given, else Horizon's own setting."""
    if insecure:
        return False
    if ca_cert:
        return ca_file(ca_cert)
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

    def verify(self) -> bool | str:
        """keystoneauth's ``verify`` for this cloud (:func:`verify`)."""
        return verify(self.ca_cert, self.insecure)
