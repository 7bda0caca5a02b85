"""A page whose main part is made of one call per region, within the
page's budget, and completed by its follow-up.

A :class:`LateSection` view makes its part from
:func:`~mr_dashboard.api.late_regions.fan_out` (:meth:`listing`); when a
region is late, the part's element carries ``data-mr-late-section-url``:
the page's own URL with ``?late=<key>``. Asked that way, the view answers
``{"state": "waiting", "waiting": [regions]}`` until the late regions
answered (or were given up), then ``{"state": "done", "html": the part
rendered again from every region's result}`` (400 when the page is
unknown or too old); ``mr_dashboard.late_section.js`` puts it in place.
"""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from mr_dashboard.api import handover
from mr_dashboard.api import late_regions
from mr_dashboard.panels.shared import follow_up

#: The query parameter naming the page whose late regions are asked for.
LATE = "late"


@method_decorator(never_cache, name="get")
class LateSection:
    """Mixed into a template view before it. Subclasses set
    :attr:`section_template` (the part, included by the page's template
    inside the element) and :attr:`pace`, and define :meth:`listing` and
    :meth:`section_context`."""

    section_template = ""
    #: What the regions' answer times are learned as, and the follow-up's
    #: mark (a key of another page is refused).
    pace = ""

    def listing(self) -> late_regions.Listed:
        """The regions' results, within the page's budget."""
        raise NotImplementedError

    def section_context(self, listed: late_regions.Listed) -> dict:
        """What the part shows of ``listed``."""
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        if LATE in request.GET:
            return self.late_section(request.GET[LATE])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        listed = self.listing()
        context.update(self.section_context(listed))
        context["late_url"] = "%s?%s" % (escape_uri_path(
            self.request.path), urlencode(
            {LATE: listed.late_key})) if listed.late_key else ""
        return context

    def late_section(self, key: str) -> JsonResponse:
        return follow_up.answer(
            late_regions.collect(self.request, key, self.pace,
                                 handover.FOLLOW_UP_WAIT),
            gettext("This page is too old to be completed: reload it."),
            lambda found: found.late if found.late_key else (),
            lambda found: {"html": render_to_string(
                self.section_template, self.section_context(found),
                self.request)})
