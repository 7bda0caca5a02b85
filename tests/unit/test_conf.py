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


def run_settings_snippet(policy_files: dict, default_policy_files: dict, **settings) -> dict:
    """Execute the snippet the way Horizon's settings do, in their namespace
    (where local_settings.py's own ``settings`` already are)."""
    snippet = (pathlib.Path(mr_dashboard.enabled.__path__[0])
               / "local_settings.d" / "_6000_mr_dashboard.py")
    namespace = {"POLICY_FILES": policy_files, "DEFAULT_POLICY_FILES": default_policy_files,
                 **settings}
    exec(snippet.read_text(), namespace)
    return namespace


def test_settings_snippet_documents_the_defaults():
    assert run_settings_snippet({}, {})["MR_DASHBOARD"] == conf.DEFAULTS


def test_settings_snippet_keeps_what_local_settings_set():
    namespace = run_settings_snippet({}, {}, MR_DASHBOARD={"REGION_TIMEOUT": 2.5})
    assert namespace["MR_DASHBOARD"] == {**conf.DEFAULTS, "REGION_TIMEOUT": 2.5}


def test_settings_snippet_adds_heat_policy_files_that_exist():
    namespace = run_settings_snippet({}, {})
    overrides = pathlib.Path(namespace["POLICY_FILES"]["orchestration"])
    defaults = pathlib.Path(namespace["DEFAULT_POLICY_FILES"]["orchestration"])
    assert overrides.is_file() and defaults.is_file()
    assert "name: stacks:index" in defaults.read_text()


def test_settings_snippet_keeps_an_orchestration_policy_already_set():
    namespace = run_settings_snippet({"orchestration": "heat_policy.yaml"},
                                     {"orchestration": "default_policies/heat.yaml"})
    assert namespace["POLICY_FILES"] == {"orchestration": "heat_policy.yaml"}
    assert namespace["DEFAULT_POLICY_FILES"] == {"orchestration": "default_policies/heat.yaml"}


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
