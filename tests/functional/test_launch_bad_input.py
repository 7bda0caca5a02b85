"""Every kind of bad input to Launch Stack gets a clear form error, and
nothing is created. Runs against the real pages and the real cloud."""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from mr_dashboard import constants
from mr_dashboard.api import heat
from tests.functional import launch_helpers as lh

VALID = "heat_template_version: 2021-04-16\nresources: {}\n"


def form_errors(response) -> str:
    assert response.status_code == 200
    form = response.context["form"]
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def raw(client, text: str):
    return lh.select(client, template_source="raw", template_data=text)


def test_broken_yaml_names_line_and_column(demo_client):
    errors = form_errors(raw(demo_client, VALID + "outputs:\n  x: [1,\n  y: 2\n"))
    assert "template.yaml, line 6, column 1: did not find expected" in errors


def test_a_non_template_is_refused(demo_client):
    assert "not a Heat template" in form_errors(raw(demo_client, "just: a mapping\n"))


def test_an_unknown_parameter_type_is_refused(demo_client):
    text = VALID + "parameters:\n  size: {type: integer}\n"
    assert "unknown type integer" in form_errors(raw(demo_client, text))


def test_a_file_over_the_size_limit_is_refused_before_sending(demo_client):
    big = SimpleUploadedFile("big.yaml", (VALID + "#" * 600_000).encode())
    response = lh.select(demo_client, template_source="file", template_upload=big)
    assert "more than the 524288 bytes Heat accepts" in form_errors(response)


def test_an_archive_escaping_its_root_is_refused(demo_client):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("main.yaml", VALID)
        archive.writestr("../evil.yaml", VALID)
    upload = SimpleUploadedFile("folder.zip", data.getvalue())
    response = lh.select(demo_client, archive=upload, template_path="main.yaml")
    assert "leads out of the template folder" in form_errors(response)


@pytest.mark.parametrize("url, message", [
    ("ftp://example.com/t.yaml", "Only http and https"),
    ("file:///etc/passwd", "Only http and https"),
    ("http://127.0.0.1:5000/t.yaml", "loopback, link-local or private"),
    ("http://169.254.169.254/latest", "loopback, link-local or private"),
    ("http://10.1.2.3/t.yaml", "loopback, link-local or private"),
])
def test_urls_that_are_not_public_http_are_refused(demo_client, url, message):
    response = lh.select(demo_client, template_source="url", template_url=url)
    assert message in form_errors(response)


def test_a_url_on_loopback_is_fetched_when_the_operator_allows_it(
        demo_client, http_server):
    port = http_server(lambda handler: (200, {"heat_template_version": "2021-04-16",
                                              "resources": {}}))
    with override_settings(MR_DASHBOARD={"TEMPLATE_URL_ALLOWED_NETWORKS": ["127.0.0.0/8"]}):
        response = lh.select(demo_client, template_source="url",
                             template_url=f"http://127.0.0.1:{port}/t.yaml")
    assert response.status_code == 200
    assert 'name="draft"' in response.content.decode()


def test_a_slow_or_large_url_is_cut_off(demo_client, http_server, silent_port):
    port = http_server(lambda handler: (200, {"blob": "x" * 2000}))
    settings = {"TEMPLATE_URL_ALLOWED_NETWORKS": ["127.0.0.0/8"], "TEMPLATE_MAX_BYTES": 1000,
                "TEMPLATE_URL_TIMEOUT": 1.0}
    with override_settings(MR_DASHBOARD=settings):
        large = lh.select(demo_client, template_source="url",
                          template_url=f"http://127.0.0.1:{port}/t.yaml")
        slow = lh.select(demo_client, template_source="url",
                         template_url=f"http://127.0.0.1:{silent_port}/t.yaml")
    assert "larger than 1000 bytes" in form_errors(large)
    assert "could not be fetched" in form_errors(slow)


def test_a_missing_file_is_named(demo_client):
    text = VALID.replace("{}", "{x: {type: OS::Heat::Value, properties: "
                               "{value: {get_file: nested/missing.sh}}}}")
    assert "nested/missing.sh, which is not among the uploaded files" in form_errors(
        raw(demo_client, text))


def parameters_step(client):
    step = lh.select_folder(client, "use_case_2")
    assert step.status_code == 200
    return lh.draft_of(step)


def test_missing_or_out_of_range_parameters_are_form_errors(demo_client):
    name = lh.unique_name("bad")
    draft = parameters_step(demo_client)
    missing = lh.submit(demo_client, draft, "go", stack_name=name)
    assert form_errors(missing) == "This field is required."
    out = lh.submit(demo_client, draft, "go", stack_name=name, app_count=7,
                    admin_password="short", environment="prod")
    errors = form_errors(out)
    assert "The value must be between 1 and 3." in errors
    assert "The length must be between 8 and" in errors
    assert "Select a valid choice. prod is not one of the available choices." in errors
    assert not heat.stacks_list(missing.wsgi_request, "RegionOne", name=name)


def test_a_wrong_or_unresolvable_region_is_refused_before_create(demo_client):
    text = """heat_template_version: 2021-04-16
parameters:
  where: {type: string, default: RegionNine}
resources:
  far:
    type: OS::Heat::Stack
    properties:
      context: {region_name: {get_param: where}}
      template: {get_file: child.yaml}
  later:
    type: OS::Heat::Stack
    properties:
      context: {region_name: {get_attr: [far, outputs, region]}}
      template: {get_file: child.yaml}
  newer:
    type: OS::Heat::Stack
    properties:
      context: {region_name: RegionTwo}
      template: {get_file: future.yaml}
"""
    child = SimpleUploadedFile("child.yaml", VALID.encode())
    future = SimpleUploadedFile("future.yaml", b"heat_template_version: 2099-01-01\n")
    step = lh.select(demo_client, template_source="raw", template_data=text,
                     folder=[child, future])
    name = lh.unique_name("far")
    response = lh.submit(demo_client, lh.draft_of(step), "go", stack_name=name)
    failed = {(c.stack, c.name): c.reason for c in response.context["form"].checklist.checks
              if c.status == constants.CHECK_FAILED}
    assert "No region named RegionNine offers Heat" in failed[("far", "Region offers Heat")]
    assert "get_attr" in failed[("later", "Region resolved")]
    assert "2099-01-01 is not accepted in RegionTwo" in failed[
        ("newer", "Template version supported")]
    assert not heat.stacks_list(response.wsgi_request, "RegionOne", name=name)


def test_heat_refusals_are_shown_readably_in_the_form(demo_client):
    text = VALID.replace("{}", "{x: {type: OS::Heat::Value, properties: {valu: 1}}}")
    step = raw(demo_client, text)
    response = lh.submit(demo_client, lh.draft_of(step), "preview",
                         stack_name=lh.unique_name("heat400"))
    [check] = [c for c in response.context["form"].checklist.checks
               if c.status == constants.CHECK_FAILED]
    assert check.reason == "Property error: resources.x.properties: Unknown Property valu"
    assert "Unknown Property valu" in response.content.decode()
