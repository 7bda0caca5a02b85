"""A host name whose lookup hangs costs a guarded call its deadline at
most: the call is refused with a message while the lookup still runs (on
the guard's own resolver threads)."""
import socket
import threading
from unittest import mock

import pytest

from mr_dashboard.api.transport import outbound


def test_a_hanging_lookup_is_refused_while_it_still_hangs():
    release, started = threading.Event(), threading.Event()

    def hangs(*args, **kwargs):
        started.set()
        release.wait(30)
        raise socket.gaierror("released")

    with mock.patch.object(socket, "getaddrinfo", hangs):
        try:
            with pytest.raises(outbound.AddressRefused) as refused:
                outbound._looked_up("slow-dns.invalid", 443, 0.2)
            assert started.is_set() and not release.is_set()
        finally:
            release.set()
    assert "slow-dns.invalid was not resolved in time" in str(refused.value)


def test_a_quick_lookup_answers():
    answer = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 443))]
    with mock.patch.object(socket, "getaddrinfo", return_value=answer):
        assert outbound._looked_up("localhost", 443, 5.0) == answer
