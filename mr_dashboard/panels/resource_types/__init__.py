"""The Resource Types panel: what each region's Heat offers, side by side."""
