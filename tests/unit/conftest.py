"""Fixtures of the unit tests (those every folder of tests shares are in
tests/conftest.py)."""

import pytest

from tests.unit import fakes


@pytest.fixture
def gate():
    """A closed :class:`~tests.unit.fakes.Gate`, opened when the test ends
    (a call it still holds then goes on)."""
    held = fakes.Gate()
    yield held
    held.open()
