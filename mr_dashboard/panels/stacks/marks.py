"""How a stack's remote family shows in the Stacks table.

A row marks the stack's remote parent ("Child of …") and children ("Parent
of …"), each linked to its own detail page in its own region; a parent's
confirmation text names the children deleted with it.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from mr_dashboard.api import heat
from mr_dashboard.api import stack_family
from mr_dashboard.panels.stacks.detail import links


def children_text(children: tuple[stack_family.Relative, ...]) -> str:
    """``name (region), …`` of remote children, as plain text."""
    return ", ".join(
        f"{child.name or child.id} ({child.region or gettext('unknown')})"
        for child in children)


def detail_url(stack: heat.Stack | stack_family.Relative) -> str:
    """Where one stack is shown, in its own region."""
    return links.stack_page(stack.region, stack.id)


def _relative_link(relative: stack_family.Relative) -> str:
    name = relative.name or relative.id
    if relative.region is None:
        return format_html("{} ({})", name, gettext("region unknown"))
    return format_html('<a href="{}">{}</a> ({})', detail_url(relative),
                       name, relative.region)


def family_marks(family: stack_family.Family) -> str:
    """'Child of …' and 'Parent of …', with links to those stacks."""
    marks = []
    if family.parent:
        marks.append(format_html(
            '<span class="mr-child-of">{} {}</span>', gettext("Child of"),
            _relative_link(family.parent)))
    if family.children:
        marks.append(format_html(
            '<span class="mr-parent-of">{} {}</span>', gettext("Parent of"),
            format_html_join(", ", "{}", ((_relative_link(child),)
                                          for child in family.children))))
    return format_html_join(mark_safe("<br>"), "{}",
                            ((mark,) for mark in marks))


def delete_warning(stack: heat.Stack, family: stack_family.Family) -> str:
    """A parent's name and the remote children deleted with it."""
    return gettext("%(name)s (%(region)s), whose children in other regions "
                   "are deleted with it: %(children)s") % {
        "name": stack.name, "region": stack.region,
        "children": children_text(family.children)}
