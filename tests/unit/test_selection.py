"""Tests of mr_dashboard.selection: the remembered region and its form."""

from django.http import HttpResponse

from mr_dashboard import selection
from tests.unit import fakes


def _request(regions=("RegionOne", "RegionTwo")):
    return fakes.api_request(fakes.catalog(regions))


def test_no_choice_means_all_regions():
    assert selection.selected_region(_request()) is None


def test_remembered_region():
    response = HttpResponse()
    selection.remember_region(_request(), response, "RegionTwo")
    cookie = response.cookies[selection.REGION_COOKIE]
    assert cookie.value == "RegionTwo"
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/"
    request = _request()
    request.COOKIES[selection.REGION_COOKIE] = cookie.value
    assert selection.selected_region(request) == "RegionTwo"

    response = HttpResponse()
    selection.remember_region(request, response, None)
    assert response.cookies[selection.REGION_COOKIE]["max-age"] == 0


def test_a_region_gone_from_the_catalog_is_ignored():
    request = _request(("RegionOne",))
    request.COOKIES[selection.REGION_COOKIE] = "RegionTwo"
    assert selection.selected_region(request) is None


def test_form_choices_and_validation():
    request = _request()
    form = selection.RegionSelectForm(request, {"region": "RegionOne"})
    assert [value for value, _ in form.fields["region"].choices] == [
        "", "RegionOne", "RegionTwo"]
    assert form.is_valid() and form.cleaned_data["region"] == "RegionOne"
    assert not selection.RegionSelectForm(
        request, {"region": "Atlantis"}).is_valid()


def test_form_starts_on_the_remembered_region():
    request = _request()
    request.COOKIES[selection.REGION_COOKIE] = "RegionTwo"
    form = selection.RegionSelectForm(request)
    assert 'value="RegionTwo" selected' in str(form["region"])
    assert f'id="{selection.SELECT_ID}"' in str(form["region"])
