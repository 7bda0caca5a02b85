"""With one Heat region in the catalog the region dropdown is absent, not disabled."""
import pytest

from tests.cloud import democloud


@pytest.fixture
def one_region(cloud):
    democloud("up", "--regions", "1", "--no-horizon")
    yield
    democloud("up", "--regions", str(len(cloud.regions)), "--no-horizon")


def test_dropdown_is_absent_with_one_region(browser, one_region):
    browser.login()
    browser.open("/project/mr_regions/")
    browser.wait(lambda d: [c.get_attribute("data-mr-health-state")
                            for c in browser.all("[data-mr-health-region]")] == ["ok"])
    assert browser.all("#mr-region-select") == []
    assert browser.all("#mr-region-form") == []
    browser.screenshot("one-region")
