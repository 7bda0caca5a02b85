"""The plugin's thin layer over the clouds, grouped by concern.

At the top, one module per service or mechanism: ``regions`` reads the
catalog, ``session`` builds keystoneauth sessions, ``heat`` (a package:
stacks, resources and events, templates), ``barbican``, ``compute``,
``image``, ``network``, ``block_storage`` and ``sdk`` wrap the services'
calls, ``parallel`` runs calls in several regions within the deadline,
``region_state`` remembers slow regions, ``errors`` describes what went
wrong, ``outbound`` guards every URL fetched for a user (``fetch``: template
URLs), ``other_cloud`` reaches another cloud, ``pickers`` lists the choices
of custom constraints. Then ``stacks/`` (the Stacks page's merged list and
relatives) and ``tree/`` (a stack's whole tree and its events). No Horizon
messages here: views decide what the user sees.
"""

from mr_dashboard.api import errors  # noqa: F401
from mr_dashboard.api import heat  # noqa: F401
from mr_dashboard.api import parallel  # noqa: F401
from mr_dashboard.api import regions  # noqa: F401
from mr_dashboard.api.transport import session  # noqa: F401
