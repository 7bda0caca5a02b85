"""Views shared by every panel of the plugin.

:class:`RegionSelectView` receives the region dropdown's POST, remembers
the choice and sends the user back to the page they were on. Its URL is
served by the Regions panel (``REGION_SELECT_URL``).
"""

from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import generic

from horizon import messages

from mr_dashboard import constants
from mr_dashboard.selection import RegionSelectForm
from mr_dashboard.selection import remember_region


def safe_next(request: HttpRequest, url: str | None) -> str:
    """``url`` if it stays on this site, else the Regions page."""
    if url and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()},
            require_https=request.is_secure()):
        return url
    return reverse(constants.REGIONS_INDEX_URL)


class RegionSelectView(generic.View):
    """Store the region chosen in the dropdown, then go back."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = RegionSelectForm(request, request.POST)
        response = redirect(safe_next(request, request.POST.get("next")))
        if form.is_valid():
            remember_region(request, response,
                            form.cleaned_data["region"] or None)
        else:
            messages.error(request,
                           _("That region does not offer Heat to this "
                             "project."))
        return response
