"""Credentials in the browser, on the demo Horizon and both clouds: create
and check one in the form, check a stored one, delete after the warning,
and pick one in the launch form to put a child stack in the second cloud.

The demo Horizon allows private addresses for credentials
(``CREDENTIAL_CHECK_ALLOWED_NETWORKS``): the second cloud is on 127.0.0.1.
"""
import re
import uuid

import pytest
from selenium.webdriver.support.ui import Select

from tests.browser import launch_steps as steps
from tests.cloud import heat_client
from tests.functional.credentials_helpers import DEMO_SECRET, LAUNCH_TEMPLATE
from tests.functional.credentials_helpers import other_cloud_stacks, secret_ids
from tests.secret_watch import watch

# keystoneauth's own messages, whatever Horizon test ran first.
pytestmark = pytest.mark.usefixtures("keystoneauth_messages")


def secret_id(barbican, name: str) -> str:
    [found] = secret_ids(barbican, name)
    return found


def open_row_action(browser, row_id: str, action: str) -> None:
    """Click a row action, opening the row's dropdown if it is in there."""
    row = f"#credentials__row__{row_id}"
    link = f"{row} #credentials__row_{row_id}__action_{action}"
    if not browser.find(link).is_displayed():
        browser.find(f"{row} .dropdown-toggle").click()
    browser.find(link).click()


def fill_password_credential(browser, cloud, name: str) -> None:
    browser.find("#id_name").send_keys(name)
    Select(browser.find("#id_auth_type")).select_by_value("v3password")
    browser.screenshot("auth-type")
    for field, value in (("auth_url", cloud.second_cloud_url), ("username", "demo"),
                         ("password", cloud.demo_password), ("project_name", "demo"),
                         ("user_domain_id", "default"), ("project_domain_id", "default")):
        browser.find(f"#id_opt_{field}").send_keys(value)


def test_create_and_check_a_credential(browser, cloud, barbican, secret_name):
    browser.login()
    browser.open("/project/mr_credentials/")
    browser.find("#credentials__action_create").click()
    browser.find("#mr-credential-create-form")
    fill_password_credential(browser, cloud, secret_name)
    # Fields of other auth types are hidden; the chosen type's are shown.
    assert not browser.find("#id_opt_application_credential_secret").is_displayed()
    assert browser.find("#id_opt_password").is_displayed()
    browser.find("#mr-credential-check").click()
    outcome = browser.find("#mr-credential-check-outcome")
    assert outcome.get_attribute("data-mr-check-state") == "ok", outcome.text
    assert "As demo in project demo" in outcome.text
    regions = browser.all("#mr-credential-check-regions tr[data-mr-remote-region]")
    assert [(r.get_attribute("data-mr-remote-region"),
             r.get_attribute("data-mr-remote-heat")) for r in regions] == [("RegionOne", "yes")]
    # Nothing typed is lost by the check.
    assert browser.find("#id_opt_password").get_attribute("value") == cloud.demo_password
    browser.screenshot("checked")
    browser.find("#mr-credential-store").click()
    browser.wait(lambda d: secret_name in d.find_element("css selector", "#credentials").text)
    row = browser.find(f"#credentials__row__{secret_id(barbican, secret_name)}")
    assert "Password (Keystone v3 only)" in row.text
    assert cloud.second_cloud_url in row.text
    browser.screenshot("stored")


def test_a_failed_check_says_why_and_the_credential_is_not_stored(browser, cloud,
                                                                  barbican, secret_name):
    browser.login()
    browser.open("/project/mr_credentials/create/")
    fill_password_credential(browser, cloud, secret_name)
    wrong = f"wrong-{uuid.uuid4().hex}"
    watch(wrong, "a wrong password typed in a browser test")
    password = browser.find("#id_opt_password")
    password.clear()
    password.send_keys(wrong)
    browser.find("#mr-credential-check").click()
    outcome = browser.find("#mr-credential-check-outcome")
    assert outcome.get_attribute("data-mr-check-state") == "failed"
    assert outcome.text.startswith("Not authenticated: The Keystone at "), outcome.text
    browser.screenshot("refused")
    browser.find("#mr-credential-store").click()
    browser.wait(lambda d: "Not stored: the check failed." in d.page_source)
    assert not barbican.secrets.list(name=secret_name)


def test_check_a_stored_credential(browser, barbican):
    browser.login()
    browser.open("/project/mr_credentials/")
    open_row_action(browser, secret_id(barbican, DEMO_SECRET), "check")
    outcome = browser.find("#mr-credential-verify #mr-credential-check-outcome")
    assert outcome.get_attribute("data-mr-check-state") == "ok", outcome.text
    browser.screenshot("verified")


def test_delete_warns_about_the_stacks_using_it_then_deletes(browser, barbican,
                                                             secret_name):
    browser.login()
    browser.open("/project/mr_credentials/")
    open_row_action(browser, secret_id(barbican, DEMO_SECRET), "delete")
    users = browser.find("#mr-credential-users")
    assert "cross-cloud (RegionOne): remote_db" in users.text
    browser.screenshot("used")
    browser.find("#mr-credential-delete .cancel").click()
    browser.wait(lambda d: not d.find_elements("css selector", "#mr-credential-delete"))

    unused = barbican.secrets.create(name=secret_name, payload='{"auth_type": "none", '
                                     '"auth": {}}').store().rsplit("/", 1)[-1]
    browser.open("/project/mr_credentials/")
    open_row_action(browser, unused, "delete")
    browser.find("#mr-credential-unused")
    browser.screenshot("unused")
    browser.find("#mr-credential-delete-submit").click()
    browser.wait(lambda d: not d.find_elements("css selector",
                                               f"#credentials__row__{unused}"))
    assert not barbican.secrets.list(name=secret_name)
    assert barbican.secrets.list(name=DEMO_SECRET)


def test_pick_a_credential_and_see_the_child_in_the_other_cloud(browser, cloud, barbican):
    demo = secret_id(barbican, DEMO_SECRET)
    browser.login()
    browser.open("/project/mr_stacks/launch/")
    browser.find("#id_template_source")
    browser.driver.execute_script(
        "var s = document.getElementById('id_template_source');"
        "s.value = 'raw'; s.dispatchEvent(new Event('change'));"
        "document.getElementById('id_template_data').value = arguments[0];",
        LAUNCH_TEMPLATE)
    browser.find("#mr-next").click()
    picker = Select(browser.find("select#id_param__credential"))
    [choice] = [o for o in picker.options if o.get_attribute("value").endswith("/" + demo)]
    assert choice.text == DEMO_SECRET
    picker.select_by_value(choice.get_attribute("value"))
    insecure = browser.find("#id_tls__remote__insecure")
    assert not insecure.is_selected()
    assert browser.find("#id_tls__remote__ca_cert")
    name = f"mrcred-pick-{uuid.uuid4().hex[:6]}"
    browser.find("#id_stack_name").send_keys(name)
    browser.screenshot("picked")
    steps.go(browser)
    stack_id = re.search(r"/RegionOne/([0-9a-f-]{36})/", browser.driver.current_url).group(1)
    try:
        child = ("#mr-stack-tree li[data-mr-kind='remote'][data-mr-status='CREATE_COMPLETE']"
                 " .mr-cloud-badge")
        browser.wait(lambda d: d.find_elements("css selector", child), timeout=120)
        node = browser.find("#mr-stack-tree li[data-mr-kind='remote']")
        assert node.get_attribute("data-mr-region") == "RegionOne"
        browser.screenshot("child-in-the-other-cloud")
        name_element = node.find_element("css selector", ".mr-node-name, .mr-node-link")
        assert other_cloud_stacks(cloud)[name_element.text] == (
            node.get_attribute("data-mr-stack-id"), "CREATE_COMPLETE")
    finally:
        heat_client(cloud, "RegionOne").stacks.delete(stack_id)
