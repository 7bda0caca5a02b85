"""Horizon enabled files of mr_dashboard (as heat-dashboard ships its own).

To add the plugin to Horizon, copy the ``_6*.py`` files into
``openstack_dashboard/local/enabled/`` and
``local_settings.d/_6000_mr_dashboard.py`` into
``openstack_dashboard/local/local_settings.d/`` (README.md, "Installing
into an existing Horizon"); in an installed plugin this directory is
``python -c "import mr_dashboard.enabled as e; print(e.__path__[0])"``.
The repository's top-level ``enabled`` is a symbolic link to this
directory, for the demo cloud and for installs from a checkout. The tests
load these files with ``openstack_dashboard.utils.settings.update_dashboards``.
"""
