"""The plugin's panels, one folder each (panel, urls, views, tables,
templates)."""
