"""Log in through the real Keystone and use the Regions page and its dropdown."""
from selenium.webdriver.support.ui import Select


def health_states(browser) -> dict[str, str]:
    return {cell.get_attribute("data-mr-health-region"): cell.get_attribute("data-mr-health-state")
            for cell in browser.all("[data-mr-health-region]")}


def test_login_lands_on_horizons_own_home_page(browser):
    """With Nova in every region, Horizon's default landing page (the Project overview) works."""
    browser.login(landing="")
    assert browser.driver.current_url.endswith("/project/")
    browser.find(".limit-summary")
    titles = [t.text for t in browser.all(".limit-summary .quota_title")]
    assert "Instances" in titles and "Networks" in titles, titles  # Nova's and Neutron's quotas
    assert browser.all(".alert-danger") == []
    browser.screenshot("overview")


def test_regions_page_shows_three_healthy_regions_and_the_dropdown(browser, cloud):
    browser.login()
    browser.open("/project/mr_regions/")
    browser.wait(lambda d: set(health_states(browser).values()) == {"ok"}, timeout=30)
    assert sorted(health_states(browser)) == ["RegionOne", "RegionThree", "RegionTwo"]
    cells = {c.get_attribute("data-mr-health-region"): c.text
             for c in browser.all("[data-mr-health-region]")}
    assert all(text.startswith("OK") and "ms" in text for text in cells.values()), cells
    select = Select(browser.find("#mr-region-select"))
    options = [o.text for o in select.options]
    assert options[1:] == ["RegionOne", "RegionThree", "RegionTwo"]
    browser.screenshot("regions")
    assert cloud.demo_password not in browser.driver.page_source


def test_choosing_a_region_keeps_the_user_on_the_page(browser):
    browser.login()
    browser.open("/project/mr_regions/")
    browser.choose_region("RegionTwo")
    browser.wait(lambda d: list(health_states(browser)) == ["RegionTwo"])
    assert browser.driver.current_url.endswith("/project/mr_regions/")
    assert Select(browser.find("#mr-region-select")).first_selected_option.text == "RegionTwo"
    browser.screenshot("region-two")
    browser.choose_region(None)
    browser.wait(lambda d: len(health_states(browser)) == 3)
    browser.screenshot("all-regions")
