"""Fixtures of the hostile corpus: the running demo Horizon, a logged-in
browser session, the hostile server on 127.0.0.1, built once per run."""
import pytest

from tests.conftest import serving
from tests.functional.hostile import harness
from tests.functional.hostile import senders
from tests.functional.hostile import servers


@pytest.fixture(scope="session")
def hostile_server():
    """``(base URL, hits)`` of the hostile server (servers.py)."""
    for start in serving(servers.Handler):
        yield servers.started(start)


@pytest.fixture(scope="session")
def hostile(hostile_server):
    """What every case is sent with (senders.Context); the credentials the
    cases stored are deleted afterwards."""
    ctx = senders.context(harness.Demo.running(), *hostile_server)
    yield ctx
    senders.forget_credentials(ctx)
