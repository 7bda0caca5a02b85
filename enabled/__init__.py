"""Horizon enabled files of mr_dashboard, installed as
``mr_dashboard.enabled``.

The files live in the repository's top-level ``enabled/`` directory;
``setup.cfg`` maps that directory onto the package ``mr_dashboard.enabled``
(``package_dir``), so one copy serves both the source tree and the
installed package, and the tests load them with
``openstack_dashboard.utils.settings.update_dashboards``.

To add the plugin to Horizon, copy the ``_6*.py`` files into
``openstack_dashboard/local/enabled/`` and
``local_settings.d/_6000_mr_dashboard.py`` into
``openstack_dashboard/local/local_settings.d/``; in an installed plugin
they are found under ``python -c "import mr_dashboard.enabled as e;
print(e.__path__[0])"``. Then collect and compress static files as usual.
"""
