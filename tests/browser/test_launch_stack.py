"""Launch a multi-region stack in the browser from a template folder, see
the checklist, land on its tree; then change one parameter and preview."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec

from tests.browser import launch_steps as steps
from tests.cloud import heat_client
from tests.functional import launch_helpers as lh


def delete_through_api(cloud, region, stack_id):
    heat_client(cloud, region, timeout=None).stacks.delete(stack_id)


def test_launch_from_a_folder_then_preview_an_update(browser, cloud):
    browser.login()
    steps.open_folder(browser, lh.TEMPLATES / "use_case_2")

    name = lh.unique_name("browser")
    browser.find("#id_stack_name").send_keys(name)
    browser.find("#id_param__admin_password").send_keys("s3cret-pass")
    browser.screenshot("parameters")
    browser.find("#mr-check").click()
    steps.checks_answered(browser)
    checklist = browser.find("#mr-checklist")
    assert checklist.get_attribute("data-mr-passed") == "true"
    regions = {t.get_attribute("data-mr-region") for t in browser.all(".mr-checklist-region")}
    assert regions == {"RegionOne", "RegionTwo"}
    assert "s3cret-pass" not in browser.driver.page_source
    browser.screenshot("checklist")
    browser.find("#id_param__admin_password").send_keys("s3cret-pass")
    stack_id = steps.go(browser)
    try:
        browser.wait(lambda d: name in d.page_source)
        browser.screenshot("detail")
        browser.wait(lambda d: "CREATE_COMPLETE" in d.page_source or
                     "Create Complete" in d.page_source, timeout=90)
        browser.open(f"/project/mr_stacks/update/RegionOne/{stack_id}/parameters/")
        field = browser.find("#id_param__app_count")
        field.clear()
        field.send_keys("2")
        # Horizon disables every button as the form goes (no double
        # submit); the action of the one clicked still reaches the server.
        sent = browser.driver.execute_script(
            "document.getElementById('mr-preview').click();"
            "return [document.querySelector('[data-mr-action]').value,"
            " Array.from(document.querySelectorAll('.mr-form-buttons button'),"
            " function (b) { return b.disabled; })];")
        assert sent == ["preview", [True, True, True]], sent
        browser.wait(ec.presence_of_element_located((By.ID, "mr-update-preview")), timeout=90)
        rows = {r.get_attribute("data-mr-change-resource"): r.get_attribute("data-mr-change")
                for r in browser.all("[data-mr-change-resource]")}
        assert rows.get("app") == "updated", rows
        warnings = [w.text for w in browser.all(".mr-child-warning")]
        assert any("sent again to RegionOne" in w for w in warnings), warnings
        browser.screenshot("update-preview")
    finally:
        delete_through_api(cloud, "RegionOne", stack_id)
