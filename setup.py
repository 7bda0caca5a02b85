"""Packaging shim: everything is declared in setup.cfg."""

import setuptools

setuptools.setup()
