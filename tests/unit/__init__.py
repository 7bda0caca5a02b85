"""Unit tests, laid out like the ``mr_dashboard`` package."""
