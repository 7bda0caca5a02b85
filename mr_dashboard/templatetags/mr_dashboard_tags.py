"""Template tags of the plugin.

``{% mr_region_select %}`` renders the region dropdown: a small POST form
listing "All regions" and every region offering Heat. With one such region
or none it renders nothing at all, so single-region clouds see no control.
"""

from django import template
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api.regions import heat_region_names
from mr_dashboard.selection import RegionSelectForm

register = template.Library()


@register.inclusion_tag("mr_dashboard/_region_select.html",
                        takes_context=True)
def mr_region_select(context: template.Context) -> dict:
    """The region dropdown, for pages of the plugin."""
    request = context["request"]
    if len(heat_region_names(request)) < 2:
        return {"form": None}
    form = RegionSelectForm(request,
                            initial={"next": request.get_full_path()})
    return {"form": form, "action": reverse(constants.REGION_SELECT_URL)}
