"""Text from templates, files and clouds, on its way into a page.

Every string a template, a parameter, an uploaded file or a cloud gives is
untrusted. Django escapes what a template prints, but Horizon prints a few
strings as HTML on purpose, and whatever the plugin hands to those places
goes through this module, at the point where it is handed over:

- :func:`html` for a string Horizon's templates print with ``|safe``: a
  form field's help text (``title="{{ field.help_text|safe }}"`` in the
  field's tooltip icon) and any label or message that must carry markup.
- :func:`script_html` for an attribute Horizon's scripts read and then
  write into the page as HTML: a table row's ``data-display``, which the
  confirmation dialog puts into its body unescaped (:class:`Row` sets it).

Links are built by ``reverse()`` only, so every ``href`` the plugin writes
is a path of this site; the scripts that set one from JSON check that it
is (``mr_dashboard.stack_tree.js``, ``mr_dashboard.stack_topology.js``).

docs/security.md lists every source and sink and which of these guards it.
"""

import html as std_html
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString

from horizon import tables


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def html(value: Any) -> SafeString:
    """``value`` escaped once and marked safe: for a place Horizon prints
    as HTML. Escapes even text already marked safe: nothing untrusted is
    trusted for having been marked once."""
    return escape(_text(value))


def script_html(value: Any) -> str:
    """``value`` for an HTML attribute whose text a script writes into the
    page as HTML: escaped here, as a plain string, so that the attribute
    escapes it once more; the script then reads back escaped HTML."""
    return std_html.escape(_text(value))


class Row(tables.Row):
    """A table row whose ``data-display`` (what the confirmation dialog of
    a batch action names, as HTML) is escaped for that dialog. Horizon's
    own row escapes it only once, which the attribute undoes."""

    def display(self) -> str:
        """The text the confirmation dialog shows for this row."""
        return self.table.get_object_display(self.datum)

    def load_cells(self, datum=None) -> None:
        super().load_cells(datum)
        if self.datum is not None:
            self.attrs["data-display"] = script_html(self.display())
