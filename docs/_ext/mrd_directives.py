"""Sphinx directives that write reference text made from the plugin's
source: ``mrd-settings``, ``mrd-horizon-settings`` and
``mrd-removed-settings`` (``mrd_settings``),
``mrd-policy`` (``mrd_policy``). Each page is rebuilt when the source it
reads changes; a policy rule the reader cannot resolve is a warning (an
error under ``-W``)."""

import pathlib
from collections.abc import Callable

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import mrd_policy
import mrd_settings

LOG = logging.getLogger(__name__)


def _directive(make: Callable[[], list[str]], sources: list[pathlib.Path],
               check: Callable[[], list[str]] = list):
    """A directive class whose content is ``make()``'s reStructuredText."""

    class Generated(SphinxDirective):
        def run(self) -> list[nodes.Node]:
            for source in sources:
                self.env.note_dependency(str(source))
            for problem in check():
                LOG.warning("%s", problem, location=self.get_location())
            container = nodes.container()
            self.state.nested_parse(StringList(make(), str(sources[0])),
                                    self.content_offset, container)
            return container.children

    return Generated


def setup(app) -> dict:
    app.add_directive("mrd-settings", _directive(
        mrd_settings.settings_rst, [mrd_settings.CONF]))
    app.add_directive("mrd-horizon-settings", _directive(
        mrd_settings.horizon_rst, [mrd_settings.CONF]))
    app.add_directive("mrd-removed-settings", _directive(
        mrd_settings.removed_rst, [mrd_settings.CONF]))
    plugin_sources = sorted(mrd_policy.PLUGIN.rglob("*.py"))
    app.add_directive("mrd-policy", _directive(
        mrd_policy.policy_rst, [mrd_policy.HEAT_DEFAULTS] + plugin_sources,
        lambda: [f"policy rules not resolved: {text}"
                 for text in mrd_policy.unresolved()]))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
