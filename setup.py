# Copyright the mr_dashboard contributors.
# Licensed under the Apache License, Version 2.0 (see LICENSE).
"""Packaging shim, as in every OpenStack project: pbr reads setup.cfg."""

import setuptools

setuptools.setup(setup_requires=["pbr>=6.1.1"], pbr=True)
