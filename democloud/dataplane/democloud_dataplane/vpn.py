"""A VPNaaS service driver that plays the VPN agent's status report (demo cloud only).

Only an agent's report moves a VPN service or an IPsec site connection out of
PENDING_CREATE, and Heat waits for the connection to be ACTIVE. This driver
keeps the reference IPsec driver's validation and database work, sends no RPC,
and reports every VPN service of a router (and its connections) ACTIVE
whenever the reference driver would have told the agent about that router.
Enabled with ``[service_providers] service_provider =
VPN:democloud:democloud_dataplane.vpn.AgentlessIPsecDriver:default``.
"""
from neutron_lib import constants
from neutron_vpnaas.services.vpn.service_drivers import ipsec


class AgentlessIPsecDriver(ipsec.IPsecVPNDriver):
    """IPsec service driver whose "agent" is itself: every VPN object turns ACTIVE."""

    def create_rpc_conn(self):
        # The reference driver's agent API is called with vpnservice_updated(); answer it here.
        self.agent_rpc = self

    def create_vpnservice(self, context, vpnservice_dict):
        super().create_vpnservice(context, vpnservice_dict)
        self.vpnservice_updated(context, vpnservice_dict["router_id"])

    def vpnservice_updated(self, context, router_id, **kwargs):
        """Report the router's VPN services and their connections ACTIVE."""
        admin = context.elevated()
        plugin = self.service_plugin
        report = []
        for service in plugin.get_vpnservices(admin, filters={"router_id": [router_id]}):
            connections = plugin.get_ipsec_site_connections(
                admin, filters={"vpnservice_id": [service["id"]]})
            report.append({
                "id": service["id"], "status": constants.ACTIVE, "updated_pending_status": True,
                "ipsec_site_connections": {
                    conn["id"]: {"status": constants.ACTIVE, "updated_pending_status": True}
                    for conn in connections}})
        plugin.update_status_by_agent(admin, report)
