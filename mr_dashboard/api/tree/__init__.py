"""The whole tree of a stack across regions and clouds: the walk
(``walk``, ``placing``), within a page's budget (``late``), its nodes and
edges (``nodes``), its templates' shapes (``templates``) and its merged
events (``events``)."""
