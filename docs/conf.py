"""Sphinx configuration of mr_dashboard's documentation (``tox -e docs``).

The pages are Markdown (MyST) and reStructuredText; the configuration and
policy references are written at build time from the plugin's source by
the extensions in ``_ext/`` (nothing of the plugin is imported).
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent / "_ext"))

project = "mr_dashboard"
copyright = "mr_dashboard contributors"
extensions = ["myst_parser", "openstackdocstheme", "mrd_directives"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "requirements.txt"]
# Links to a section of another page ([text](drift.md#bringing-back)).
myst_heading_anchors = 3

html_theme = "openstackdocs"
html_title = "mr_dashboard"
# The project is named here, not read by pbr; it has no Launchpad or
# StoryBoard project, so the theme shows no "report a bug" links.
openstackdocs_auto_name = False
openstackdocs_use_storyboard = False
