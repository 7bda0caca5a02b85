"""Tests of the run-wide secret watch (tests/secret_watch.py): it is live
in this very run, so a planted value must be caught where it shows up."""

import logging
import uuid

import pytest
from django.test import Client

from tests import secret_watch


@pytest.fixture
def planted():
    value = f"planted-{uuid.uuid4().hex}"
    secret_watch.watch(value, "a planted value")
    return value


def test_short_values_are_not_watched():
    secret_watch.watch("short", "too short")
    assert secret_watch.find("a short text") == []


def test_a_response_showing_a_watched_value_fails_the_test(planted):
    # The login page writes its ``next`` parameter into the form.
    with pytest.raises(secret_watch.SecretLeak) as caught:
        Client().get(f"/auth/login/?next=/{planted}/")
    assert str(caught.value) == ("secret_watch: a planted value in the response to "
                                 "GET /auth/login/")
    assert planted not in str(caught.value)


def test_a_log_record_showing_a_watched_value_is_reported(planted):
    before = list(secret_watch._state.leaks)
    logging.getLogger("mr_dashboard.test").warning("leaking %s", planted)
    found = secret_watch._state.leaks[len(before):]
    del secret_watch._state.leaks[len(before):]  # planted: not a real leak
    assert len(found) == 1
    assert found[0].startswith("secret_watch: a planted value in a log record of "
                               "mr_dashboard.test (")
