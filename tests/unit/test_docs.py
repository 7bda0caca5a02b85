"""Tests of the references docs/_ext/ writes for ``tox -e docs`` (their
text only, no Sphinx build): every setting of conf.py and every policy
rule of the plugin is in them."""

import importlib
import importlib.util
import inspect
import pathlib
import re
import sys

import pytest

from mr_dashboard import conf
from mr_dashboard import constants

EXT = pathlib.Path(__file__).resolve().parents[2] / "docs" / "_ext"


def _extension(name: str):
    """A module of docs/_ext/ (which is not a package)."""
    spec = importlib.util.spec_from_file_location(name, EXT / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def settings_ext():
    return _extension("mrd_settings")


@pytest.fixture(scope="module")
def policy_ext():
    return _extension("mrd_policy")


def test_the_configuration_reference_names_every_setting_with_its_default(settings_ext):
    text = "\n".join(settings_ext.settings_rst())
    for name, default in conf.DEFAULTS.items():
        assert f".. confval:: {name}\n" in text
        assert f":default: ``{default!r}``" in text
    assert text.count(".. confval::") == len(conf.DEFAULTS)


def test_every_setting_is_described_and_read_by_an_accessor(settings_ext):
    settings, _ = settings_ext.read()
    assert settings_ext.undescribed() == []
    assert [setting.name for setting in settings if not setting.readers] == []


def test_removed_settings_point_to_their_replacements(settings_ext):
    assert settings_ext.removed() == conf.REMOVED
    text = "\n".join(settings_ext.removed_rst())
    assert all(new in conf.DEFAULTS and f":confval:`{new}`" in text
               for new in conf.REMOVED.values())


def test_the_horizon_settings_read_are_listed(settings_ext):
    text = "\n".join(settings_ext.horizon_rst())
    for name in ("OPENSTACK_SSL_CACERT", "OPENSTACK_SSL_NO_VERIFY",
                 "OPENSTACK_ENDPOINT_TYPE", "SECONDARY_ENDPOINT_TYPE"):
        assert f"``{name}``" in text


def test_the_policy_reference_holds_every_rule_of_the_policy_rules_it_names(policy_ext):
    """Each class the reference names as checking rules is imported: every
    rule of its ``policy_rules`` (when a plain tuple) is in the table with
    that class as a place."""
    rules, unresolved = policy_ext.read()
    assert unresolved == []
    places = {(rule.service, rule.name): rule.places for rule in rules}
    named = 0
    for place in {place for rule in rules for place in rule.places}:
        owner, path = re.search(r"``(\w+)`` \(``([\w/]+)\.py``\)", place).groups()
        module = importlib.import_module("mr_dashboard." + path.replace("/", "."))
        checked = inspect.getattr_static(getattr(module, owner), "policy_rules", None)
        if isinstance(checked, tuple):
            named += 1
            assert all(place in places[pair] for pair in checked), place
    assert named > 20
    services = {rule.service for rule in rules}
    assert services == {constants.ORCHESTRATION, constants.KEY_MANAGER}
    text = "\n".join(policy_ext.policy_rst())
    assert all(f"``{rule.name}``" in text for rule in rules)
