"""mr_dashboard: a Horizon plugin for running Heat across several regions.

The package is a Django app added to Horizon by the enabled files in
``mr_dashboard.enabled`` (kept in the repository's top-level ``enabled/``
directory). ``api`` talks to the clouds, ``panels`` holds one folder per
panel, ``conf`` is the one place that reads settings.
"""
