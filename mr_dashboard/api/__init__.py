"""The plugin's thin layer over the clouds, one module per concern.

``regions`` reads the catalog, ``session`` builds keystoneauth sessions,
``heat`` wraps Heat's operations, ``fanout`` runs a call in every region
and ``errors`` describes what went wrong there. No Horizon messages here:
views decide what the user sees.
"""

from mr_dashboard.api import errors  # noqa: F401
from mr_dashboard.api import parallel  # noqa: F401
from mr_dashboard.api import heat  # noqa: F401
from mr_dashboard.api import regions  # noqa: F401
from mr_dashboard.api import session  # noqa: F401
