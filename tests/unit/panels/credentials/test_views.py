"""Tests of the Credentials panel's views, the cloud calls replaced."""

import datetime
import re
from unittest import mock

from django.test import override_settings
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api.barbican import SecretInfo
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.heat import Stack
from mr_dashboard.api.other_cloud import check
from mr_dashboard.credentials import store
from mr_dashboard.credentials import usage
from mr_dashboard.panels.credentials import forms as credential_forms
from tests.unit import base

INDEX_URL = reverse(constants.CREDENTIALS_INDEX_URL)
CREATE_URL = reverse(constants.CREDENTIAL_CREATE_URL)
CHECK_URL = reverse(constants.CREDENTIAL_CHECK_URL)
SECRET = "s3cret-app-cred-value"
ID = "5c0d0f6e-0000-4000-8000-000000000001"
REPORT = check.CheckReport(
    auth_url="https://other.example.com/v3", user="demo", project="demo",
    project_id="p1", regions=(check.RemoteRegion("RegionOne", True),
                              check.RemoteRegion("Edge", False)),
    reachable_from=("RegionOne",), elapsed=0.1)
FIELDS = {"auth_type": "v3applicationcredential",
          "opt_auth_url": "https://other.example.com/v3",
          "opt_application_credential_id": "ac1",
          "opt_application_credential_secret": SECRET}


def secret(**changes) -> SecretInfo:
    values = dict(region="RegionOne", id=ID, name="other-cloud", secret_type="opaque",
                  status="ACTIVE", created=datetime.datetime(2026, 11, 21, 22, 53),
                  metadata={"auth_type": "v3applicationcredential",
                            "auth_url": "https://other.example.com/v3"})
    return SecretInfo(**{**values, **changes})


class IndexViewTests(base.TestCase):

    @mock.patch.object(store, "credentials_list")
    def test_lists_secrets_with_their_metadata(self, listed):
        listed.return_value = store.Listing(
            [secret(), secret(id="2", name="plain", metadata={})],
            {"RegionTwo": RegionError("timeout", "No answer within 6.0 seconds.")})
        response = self.client.get(INDEX_URL)
        self.assertContains(response, f'id="credentials__row__{ID}"')
        self.assertContains(response, "Application credential")
        self.assertContains(response, "https://other.example.com/v3")
        self.assertContains(response, "2026-11-21 22:53 UTC")
        self.assertContains(response, "Not recorded", count=2)
        self.assertContains(response, "Never", count=2)
        self.assertEqual([str(m) for m in response.context["messages"]],
                         ["RegionTwo: No answer within 6.0 seconds."])
        self.assertContains(response, CREATE_URL)
        self.assertContains(response, reverse(constants.CREDENTIAL_DELETE_URL,
                                              args=("RegionOne", ID)))


class CreateViewTests(base.TestCase):

    def test_the_form_builds_fields_from_the_plugins(self):
        page = self.client.get(CREATE_URL).content.decode()
        select = re.search(r'<select name="auth_type"[^>]*>', page).group(0)
        self.assertIn("switchable", select)
        self.assertIn('data-slug="authtype"', select)
        form = re.search(r'<form id="mr-credential-create-form"[^>]*>', page).group(0)
        self.assertIn('autocomplete="off"', form)
        secret_input = re.search(r'<input[^>]*name="opt_application_credential_secret"[^>]*>',
                                 page).group(0)
        self.assertIn('type="password"', secret_input)
        self.assertTrue(re.search(f'data-mr-credential-check="{CHECK_URL}"', page))
        self.assertTrue(re.search('name="csrfmiddlewaretoken"', page))

    @mock.patch.object(store, "credential_store", return_value=ID)
    @mock.patch.object(credential_forms.CheckForm, "handle", return_value=REPORT)
    def test_stores_the_built_json_once_checked(self, checked, stored):
        response = self.client.post(CREATE_URL, {**FIELDS, "name": "other",
                                                 "region": "RegionOne"})
        self.assertRedirectsNoFollow(response, INDEX_URL)
        stored.assert_called_once_with(mock.ANY, "RegionOne", "other", {
            "auth_type": "v3applicationcredential", "auth": {
                "auth_url": "https://other.example.com/v3",
                "application_credential_id": "ac1",
                "application_credential_secret": SECRET}}, None)

    @mock.patch.object(store, "credential_store")
    @mock.patch.object(credential_forms.CheckForm, "handle", side_effect=check.CheckFailed(
        "unauthorized", "The Keystone refused these credentials."))
    def test_a_failed_check_stores_nothing(self, checked, stored):
        response = self.client.post(CREATE_URL, {**FIELDS, "name": "other",
                                                 "region": "RegionOne"})
        self.assertContains(response, "Not stored: the check failed. The Keystone "
                                      "refused these credentials.")
        self.assertNotContains(response, SECRET)
        stored.assert_not_called()


class CheckViewTests(base.TestCase):

    @mock.patch.object(credential_forms.CheckForm, "handle", return_value=REPORT)
    def test_answers_the_report(self, checked):
        response = self.client.post(CHECK_URL, FIELDS)
        self.assertContains(response, 'data-mr-check-state="ok"')
        self.assertContains(response, 'data-mr-remote-region="Edge" data-mr-remote-heat="no"')
        self.assertContains(response, "Parents in RegionOne can put children there.")
        self.assertNotContains(response, SECRET)

    @mock.patch.object(credential_forms.CheckForm, "handle", side_effect=check.CheckFailed(
        check.TLS, "The certificate of x is not trusted."))
    def test_answers_the_failure(self, checked):
        response = self.client.post(CHECK_URL, FIELDS)
        self.assertContains(response, 'data-mr-check-state="failed"')
        self.assertContains(response, "Certificate not trusted:")

    def test_refuses_urls_that_are_not_http_before_any_call(self):
        response = self.client.post(CHECK_URL, {**FIELDS, "opt_auth_url": "file:///etc"})
        self.assertContains(response, 'data-mr-check-state="invalid"')
        self.assertContains(response, "Only http and https URLs can be used")

    def test_answers_no_get(self):
        self.assertEqual(self.client.get(CHECK_URL).status_code, 405)


class VerifyAndDeleteViewTests(base.TestCase):

    @mock.patch.object(store, "credential_check", side_effect=check.CheckFailed(
        check.INVALID, "The secret is not JSON (line 1, column 2); JSON needs double "
                       "quotes."))
    def test_verify_tells_why_a_stored_credential_fails(self, checked):
        response = self.client.get(reverse(constants.CREDENTIAL_VERIFY_URL,
                                           args=("RegionOne", ID)))
        self.assertContains(response, "Not a usable credential:")
        self.assertContains(response, "JSON needs double quotes.")
        checked.assert_called_once_with(mock.ANY, "RegionOne", ID)

    @mock.patch.object(usage, "stacks_using")
    @mock.patch("mr_dashboard.api.barbican.secret_show", return_value=secret())
    def test_delete_names_the_stacks_using_it_and_what_was_not_searched(
            self, shown, using):
        stack = Stack(region="RegionTwo", id="s1", name="parent", status="CREATE_COMPLETE")
        using.return_value = usage.Usage(
            [usage.SecretUse(stack, ("remote_db",))],
            {"RegionThree": RegionError("timeout", "No answer within 6.0 seconds.")})
        response = self.client.get(reverse(constants.CREDENTIAL_DELETE_URL,
                                           args=("RegionOne", ID)))
        self.assertContains(response, "parent (RegionTwo): remote_db")
        self.assertContains(response, "RegionThree: No answer within 6.0 seconds.")
        using.assert_called_once_with(mock.ANY, ID)

    @mock.patch("mr_dashboard.api.barbican.secret_delete")
    def test_delete_deletes(self, deleted):
        with override_settings():
            response = self.client.post(reverse(constants.CREDENTIAL_DELETE_URL,
                                                args=("RegionOne", ID)), {})
        self.assertRedirectsNoFollow(response, INDEX_URL)
        deleted.assert_called_once_with(mock.ANY, "RegionOne", ID)
