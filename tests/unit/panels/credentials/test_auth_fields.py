"""Tests of the Credentials form's fields, built from keystoneauth's loaders."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from mr_dashboard.api.other_cloud import plugins
from mr_dashboard.panels.credentials import auth_fields


def test_one_field_per_option_switched_by_auth_type():
    fields = auth_fields.auth_fields()
    url = fields["opt_auth_url"].widget.attrs
    assert url["class"] == "switched" and url["data-switch-on"] == "authtype"
    # Every offered type has an auth URL, required: its label has the star.
    for name in plugins.auth_types():
        assert url[f"data-authtype-{name}"].startswith("Auth URL<span")
    html = fields["opt_auth_url"].widget.render("opt_auth_url", "")
    assert ('data-authtype-password="Auth URL&lt;span class=&quot;hz-icon-required fa '
            'fa-asterisk&quot;&gt;&lt;/span&gt;"') in html
    secret = fields["opt_application_credential_secret"].widget
    assert list(k for k in secret.attrs if k.startswith("data-authtype-")) == [
        "data-authtype-v3applicationcredential"]
    assert not any(field.required for field in fields.values())


def test_secret_options_are_password_fields_never_rendered_back():
    fields = auth_fields.auth_fields()
    for name in ("opt_password", "opt_application_credential_secret", "opt_token",
                 "opt_client_secret", "opt_access_token", "opt_oauth2_client_secret"):
        widget = fields[name].widget
        assert isinstance(widget, forms.PasswordInput) and not widget.render_value, name
        assert widget.attrs["autocomplete"] == "new-password"
        assert "hunter2-secret" not in widget.render(name, "hunter2-secret")
    assert fields["opt_username"].widget.attrs["autocomplete"] == "off"


def test_label_spells_urls_and_ids():
    options = {o.dest: o for o in plugins.options_of("v3applicationcredential")}
    assert auth_fields.label_of(options["auth_url"]) == "Auth URL"
    assert auth_fields.label_of(options["application_credential_id"]) == (
        "Application credential ID")


def test_auth_of_keeps_only_the_chosen_types_filled_options():
    values = {"opt_auth_url": "https://keystone.example.com/v3", "opt_username": "me",
              "opt_password": "pw-123456", "opt_project_name": "",
              "opt_application_credential_secret": "other-type", "opt_unknown": "x"}
    assert auth_fields.auth_of("v3password", values) == {
        "auth_url": "https://keystone.example.com/v3", "username": "me",
        "password": "pw-123456"}


def test_auth_of_names_the_missing_required_options():
    with pytest.raises(ValidationError) as caught:
        auth_fields.auth_of("v3applicationcredential", {"opt_username": "me"})
    assert caught.value.messages == [
        "Required for this auth type: Auth URL, Application credential secret."]
