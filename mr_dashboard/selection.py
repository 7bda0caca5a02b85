"""The region the user picked in the region dropdown.

The choice lives in the cookie ``REGION_COOKIE``; none means "all
regions". A name the catalog does not offer with Heat counts as no choice
(the cookie is the browser's: never trusted further). Not in the session:
Horizon saves the whole session on every request of a logged-in user (it
refreshes its expiry), so a page's background request that began before
the choice and ended after it saved the session back without it (seen as
a choice lost on a busy machine). :class:`RegionSelectForm` both renders
the dropdown and checks what it posts.
"""

from django import forms
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from mr_dashboard.api.regions import heat_region_names

#: HTML id of the dropdown, relied on by its script and by browser tests.
SELECT_ID = "mr-region-select"
#: The cookie holding the chosen region's name.
REGION_COOKIE = "mr_dashboard_region"


def selected_region(request: HttpRequest) -> str | None:
    """The region the user chose, or None for all regions."""
    name = request.COOKIES.get(REGION_COOKIE)
    if name and name in heat_region_names(request):
        return name
    return None


def remember_region(request: HttpRequest, response: HttpResponse,
                    name: str | None) -> None:
    """Keep the user's choice with ``response``; None: all regions again."""
    if name:
        response.set_cookie(REGION_COOKIE, name, path="/", httponly=True,
                            samesite="Lax", secure=request.is_secure())
    else:
        response.delete_cookie(REGION_COOKIE, path="/", samesite="Lax")


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
