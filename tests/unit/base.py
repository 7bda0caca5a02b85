"""Base class of the tests that render the plugin's pages.

Horizon's own ``TestCase`` (a logged-in test user, Horizon's test data,
and a failure on any network call that was not mocked), with Heat and
Barbican added to the user's catalog in ``heat_regions``.
"""

from openstack_dashboard.test import helpers

from tests.unit import fakes


class TestCase(helpers.TestCase):
    """Horizon's TestCase with Heat in ``heat_regions``."""

    heat_regions: tuple[str, ...] = ("RegionOne", "RegionTwo")

    def _setup_test_data(self) -> None:
        super()._setup_test_data()
        self.service_catalog = (self.service_catalog
                                + fakes.heat_services(self.heat_regions))
