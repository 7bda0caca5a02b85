"""Tests of mr_dashboard.selection: the remembered region and its form."""

from mr_dashboard import constants
from mr_dashboard import selection
from tests.unit import fakes


def _request(regions=("RegionOne", "RegionTwo")):
    return fakes.api_request(fakes.catalog(regions))


def test_no_choice_means_all_regions():
    assert selection.selected_region(_request()) is None


def test_remembered_region():
    request = _request()
    selection.remember_region(request, "RegionTwo")
    assert request.session[constants.SESSION_REGION_KEY] == "RegionTwo"
    assert selection.selected_region(request) == "RegionTwo"
    selection.remember_region(request, None)
    assert selection.selected_region(request) is None
    assert constants.SESSION_REGION_KEY not in request.session


def test_a_region_gone_from_the_catalog_is_ignored():
    request = _request(("RegionOne",))
    request.session[constants.SESSION_REGION_KEY] = "RegionTwo"
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
    selection.remember_region(request, "RegionTwo")
    form = selection.RegionSelectForm(request)
    assert 'value="RegionTwo" selected' in str(form["region"])
    assert f'id="{selection.SELECT_ID}"' in str(form["region"])
