"""Tests of mr_dashboard.api.contract: both requests the API layer takes
fit the request-like contract."""

from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.contract import ApiToken
from mr_dashboard.api.contract import ApiUser
from mr_dashboard.api.other_cloud.remote import CloudRequest
from tests.unit import fakes


def conforms(request) -> bool:
    return (isinstance(request, ApiRequest)
            and isinstance(request.user, ApiUser)
            and isinstance(request.user.token, ApiToken))


def test_horizons_request_and_another_clouds_request_fit():
    request = fakes.api_request(fakes.catalog())
    request.user.project_id = "p1"  # as Horizon's user has it
    assert conforms(request)
    assert conforms(CloudRequest(fakes.access_info()))


def test_an_object_without_a_user_does_not():
    assert not isinstance(object(), ApiRequest)
