"""Stacks of several regions on one page: the merged, paged list
(``pages``, ``cursor``, ``merge``) and each listed stack's remote relatives
(``family``, ``relatives``, ``lineage``)."""
