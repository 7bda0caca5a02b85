"""A fixture giving keystoneauth's exceptions their real messages back.

Horizon's test data (loaded by the first Horizon ``TestCase`` of a run)
replaces ``__init__`` and ``__str__`` of keystoneauth's ``ClientException``
and ``Unauthorized`` for the whole process, so that every message becomes
its class's default ("Expected failure."). The credential check reports
keystoneauth's own words; its tests (unit, functional, browser: one pytest
process runs them all) use :func:`keystoneauth_messages` to put the real
behaviour back while they run, whatever ran first (a fixture of every test:
tests/conftest.py registers this module).
"""

import pytest
from keystoneauth1.exceptions import ClientException
from keystoneauth1.exceptions import Unauthorized

_STUBBED = (ClientException, Unauthorized)


def _client_exception_init(self, message=None):
    # keystoneauth's own ClientException.__init__.
    self.message = message or self.message
    Exception.__init__(self, self.message)


@pytest.fixture
def keystoneauth_messages():
    saved = {cls: {name: cls.__dict__[name] for name in ("__init__", "__str__")
                   if name in cls.__dict__} for cls in _STUBBED}
    if "fake" not in ClientException.__init__.__name__:
        yield
        return
    ClientException.__init__ = _client_exception_init
    ClientException.__str__ = Exception.__str__
    for name in saved[Unauthorized]:
        delattr(Unauthorized, name)
    yield
    for cls, methods in saved.items():
        for name, method in methods.items():
            setattr(cls, name, method)
