"""Tests of mr_dashboard.conf: declared defaults and overrides."""

import pathlib

import pytest

import mr_dashboard.enabled
from mr_dashboard import conf


def test_defaults_when_nothing_is_configured(settings):
    del settings.MR_DASHBOARD
    assert conf.region_timeout() == 5.0
    assert conf.health_refresh_seconds() == 10
    assert conf.max_parallel() == 8
    assert conf.fan_out_deadline() == 6.0


def test_a_partial_dict_overrides_only_its_keys(settings):
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": "2.5", "MAX_PARALLEL": 0}
    assert conf.region_timeout() == 2.5
    assert conf.max_parallel() == 1  # never fewer than one worker
    assert conf.health_refresh_seconds() == 10


def test_an_unknown_setting_is_an_error():
    with pytest.raises(KeyError):
        conf.plugin_setting("REGION_TIMEOUTS")


def test_settings_snippet_documents_the_defaults():
    snippet = (pathlib.Path(mr_dashboard.enabled.__path__[0])
               / "local_settings.d" / "_6000_mr_dashboard.py")
    namespace: dict = {}
    exec(snippet.read_text(), namespace)
    assert namespace["MR_DASHBOARD"] == conf.DEFAULTS


@pytest.mark.parametrize("no_verify, cacert, expected", [
    (False, None, True),
    (False, "/etc/ssl/ca.pem", "/etc/ssl/ca.pem"),
    (True, "/etc/ssl/ca.pem", False),
])
def test_ssl_verify_follows_horizon(settings, no_verify, cacert, expected):
    settings.OPENSTACK_SSL_NO_VERIFY = no_verify
    settings.OPENSTACK_SSL_CACERT = cacert
    assert conf.ssl_verify() == expected


@pytest.mark.parametrize("primary, secondary, expected", [
    ("publicURL", None, ("public",)),
    ("internalURL", "publicURL", ("internal", "public")),
    ("internal", "internal", ("internal",)),
    (None, None, ("public",)),
])
def test_endpoint_interfaces(settings, primary, secondary, expected):
    settings.OPENSTACK_ENDPOINT_TYPE = primary
    settings.SECONDARY_ENDPOINT_TYPE = secondary
    assert conf.endpoint_interfaces() == expected
