"""The Stack Sets panel: one template in several regions
(docs/stack_sets.md)."""
