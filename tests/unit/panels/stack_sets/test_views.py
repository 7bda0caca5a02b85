"""A set member's row names it for Horizon's confirmation dialog, which
writes the row's data-display as HTML: escaped once more for it."""
from types import SimpleNamespace

from mr_dashboard.panels.stack_sets.views import Row


def test_the_member_row_display_is_escaped_for_the_dialog():
    member = SimpleNamespace(stack=SimpleNamespace(name='<img src=x onerror="__x(1)">'))
    row = Row("RegionOne", member, ())
    assert row.display == ("&lt;img src=x onerror=&quot;__x(1)&quot;&gt; (RegionOne)")
    assert Row("RegionTwo", None, ()).display == ""
