"""The whole tree of a stack across regions and clouds: the walk
(``walk``, ``placing``), its nodes and edges (``nodes``) and its merged
events (``events``)."""
