"""Stand-ins for the dataplane of mr_dashboard's demo cloud.

Installed into the cloud's venv by democloud (never part of the plugin):
- :mod:`.ml2`: an ML2 mechanism driver binding every port without agents;
- :mod:`.vpn`: a VPNaaS service driver reporting VPN status without an agent;
- :mod:`.compute`: nova-compute with a fake virt driver that survives restarts.
"""
