"""How a stack's remote family shows in the Stacks table.

A row marks the stack's remote parent ("Child of …") and children ("Parent
of …"), each linked to its own detail page in its own region (no link
when the ids a cloud gave fit no URL); a parent's confirmation text names
the children deleted with it.

:func:`marks` says what to show; the page renders it as escaped HTML
(:func:`family_marks`), the follow-up request sends it as JSON
(:func:`family_entry`) that the page's script turns into the same elements
with DOM calls.
"""

from dataclasses import asdict
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from mr_dashboard import constants
from mr_dashboard import untrusted
from mr_dashboard.api import heat
from mr_dashboard.api import other_cloud
from mr_dashboard.api.stacks import family as stack_family
from mr_dashboard.panels.shared import stack_urls


@dataclass(frozen=True)
class Link:
    """A relative: its name, its page ("" when its region is unknown) and
    the region shown after it."""

    text: str
    url: str
    region: str


@dataclass(frozen=True)
class Mark:
    """"Child of" or "Parent of", with the relatives it names."""

    css_class: str
    label: str
    links: tuple[Link, ...]


def _where(relative: stack_family.Relative) -> str:
    """The region a relative is shown with."""
    if relative.via:
        return other_cloud.region_label(relative.via[0])
    return relative.region or gettext("region unknown")


def children_text(children: tuple[stack_family.Relative, ...]) -> str:
    """``name (region), …`` of remote children, as plain text."""
    return ", ".join(f"{child.name or child.id} ({_where(child)})"
                     for child in children)


def detail_url(stack: heat.Stack | stack_family.Relative) -> str | None:
    """Where one stack is shown, in its own region (None: its ids fit no
    URL)."""
    return stack_urls.stack_page(stack.region, stack.id)


def _link(relative: stack_family.Relative) -> Link:
    if relative.via:
        url = stack_urls.page_via(constants.STACK_DETAIL_URL, relative.via,
                                  relative.via[0], relative.id)
    else:
        url = detail_url(relative) if relative.region else ""
    return Link(relative.name or relative.id, url or "", _where(relative))


def marks(family: stack_family.Family) -> list[Mark]:
    """'Child of …' and 'Parent of …' of a stack, in this order."""
    found = []
    if family.parent:
        found.append(Mark("mr-child-of", gettext("Child of"),
                          (_link(family.parent),)))
    if family.children:
        found.append(Mark("mr-parent-of", gettext("Parent of"),
                          tuple(_link(child) for child in family.children)))
    return found


def _link_html(link: Link) -> str:
    if not link.url:
        return format_html("{} ({})", link.text, link.region)
    return format_html('<a href="{}">{}</a> ({})', link.url, link.text,
                       link.region)


def family_marks(family: stack_family.Family) -> str:
    """The marks as HTML, names escaped."""
    return format_html_join(
        mark_safe("<br>"), '<span class="{}">{} {}</span>',
        ((mark.css_class, mark.label,
          format_html_join(", ", "{}", ((_link_html(link),)
                                        for link in mark.links)))
         for mark in marks(family)))


def delete_warning(stack: heat.Stack, family: stack_family.Family) -> str:
    """A parent's name and the remote children deleted with it."""
    return gettext("%(name)s (%(region)s), whose child stacks are deleted "
                   "with it: %(children)s") % {
        "name": stack.name, "region": stack.region,
        "children": children_text(family.children)}


def family_entry(stack: heat.Stack, family: stack_family.Family) -> dict:
    """What the follow-up request tells of one row: its marks (plain text)
    and, for a parent, its delete warning ("" otherwise). The page's script
    sets the warning as the row's ``data-display``, which Horizon's
    confirmation dialog writes as HTML: it is escaped for that dialog here,
    as :class:`untrusted.Row` does for the rows the server renders (the
    names of children in another cloud come from that cloud)."""
    return {"marks": [asdict(mark) for mark in marks(family)],
            "warning": (untrusted.script_html(delete_warning(stack, family))
                        if family.children else "")}
