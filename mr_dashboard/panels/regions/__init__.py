"""The Regions panel: every region offering Heat, its endpoints and health."""
