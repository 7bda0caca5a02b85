"""An ML2 mechanism driver that binds every port, with no agent (demo cloud only).

Neutron's own drivers need live agents (``fake_agent``) or bind only magic
host names and keep the bindings in memory (``test``). This one binds a port
to the first segment offered; ML2 stores the binding, so it outlives restarts.
Enabled as ``mechanism_drivers = democloud`` (entry point
``neutron.ml2.mechanism_drivers``).
"""
from neutron_lib.api.definitions import portbindings
from neutron_lib import constants
from neutron_lib.plugins.ml2 import api


class BindEveryPortDriver(api.MechanismDriver):
    """Bind each port to its first segment as an OVS port, status ACTIVE."""

    def initialize(self):
        """Nothing to set up: there is no agent to talk to."""

    def bind_port(self, context):
        for segment in context.segments_to_bind:
            context.set_binding(segment[api.ID], portbindings.VIF_TYPE_OVS,
                                {portbindings.CAP_PORT_FILTER: False},
                                status=constants.PORT_STATUS_ACTIVE)
            return
