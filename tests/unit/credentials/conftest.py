"""The credential tests read keystoneauth's real exception messages."""

import pytest

from tests.keystoneauth_messages import keystoneauth_messages  # noqa: F401


@pytest.fixture(autouse=True)
def real_messages(keystoneauth_messages):  # noqa: F811 - the fixture
    """Every test here, with keystoneauth's own messages."""
