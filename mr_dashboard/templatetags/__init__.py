"""Template tags of the plugin, loaded explicitly with
``{% load mr_dashboard_tags %}``."""
