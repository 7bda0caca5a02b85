"""Tests of mr_dashboard: ``unit`` here; functional and browser tests run
against a real cloud."""
