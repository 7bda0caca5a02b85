"""The region the user picked in the region dropdown.

The choice lives in the Django session under ``SESSION_REGION_KEY``; None
means "all regions". A stored name the catalog no longer offers with Heat
counts as no choice. :class:`RegionSelectForm` both renders the dropdown
and checks what it posts.
"""

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from mr_dashboard import constants
from mr_dashboard.api.regions import heat_region_names

#: HTML id of the dropdown, relied on by its script and by browser tests.
SELECT_ID = "mr-region-select"


def selected_region(request: HttpRequest) -> str | None:
    """The region the user chose, or None for all regions."""
    name = request.session.get(constants.SESSION_REGION_KEY)
    if name and name in heat_region_names(request):
        return name
    return None


def remember_region(request: HttpRequest, name: str | None) -> None:
    """Store the user's choice; None goes back to all regions."""
    if name:
        request.session[constants.SESSION_REGION_KEY] = name
    else:
        request.session.pop(constants.SESSION_REGION_KEY, None)


class RegionSelectForm(forms.Form):
    """'All regions' or one Heat region, and the page to go back to."""

    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        widget=forms.Select(attrs={"id": SELECT_ID,
                                   "class": "form-control"}))
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, request: HttpRequest, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = (
            [("", _("All regions"))]
            + [(name, name) for name in heat_region_names(request)])
        self.initial.setdefault("region", selected_region(request) or "")
