"""The Stacks page's sort form: a key and a direction, sent by GET."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mr_dashboard.api.stacks.cursor import Cursor
from mr_dashboard.api.stacks.cursor import DEFAULT_SORT

#: HTML ids, relied on by the browser tests.
SORT_ID = "mr-stacks-sort"
ORDER_ID = "mr-stacks-order"

DESCENDING = "desc"
ASCENDING = "asc"


class SortForm(forms.Form):
    """How to sort the stacks of every region."""

    sort = forms.ChoiceField(
        label=_("Sort by"), required=False,
        choices=(("created", pgettext_lazy("Sort stacks by", "Created")),
                 ("updated", pgettext_lazy("Sort stacks by", "Updated")),
                 ("name", pgettext_lazy("Sort stacks by", "Name")),
                 ("status", pgettext_lazy("Sort stacks by", "Status"))),
        widget=forms.Select(attrs={"id": SORT_ID, "class": "form-control"}))
    order = forms.ChoiceField(
        label=_("Order"), required=False,
        choices=((DESCENDING, _("Descending")), (ASCENDING, _("Ascending"))),
        widget=forms.Select(attrs={"id": ORDER_ID, "class": "form-control"}))

    def first_page(self) -> Cursor:
        """The first page's cursor; the default sort if the form is not
        valid."""
        if not self.is_valid():
            return Cursor()
        return Cursor(sort=self.cleaned_data["sort"] or DEFAULT_SORT,
                      descending=self.cleaned_data["order"] != ASCENDING)

    @classmethod
    def showing(cls, cursor: Cursor) -> "SortForm":
        """The form showing ``cursor``'s sort."""
        return cls(initial={"sort": cursor.sort,
                            "order": DESCENDING if cursor.descending
                            else ASCENDING})
