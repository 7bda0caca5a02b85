"""Benchmarks of mr_dashboard on the demo cloud (see docs/benchmarks.md)."""
