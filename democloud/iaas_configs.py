"""Configuration of a region's IaaS: Placement, Glance, Neutron (ML2 + VPNaaS) and Nova.

Each service of a region gets its own folder ``etc/<service>-<region>/``: the
WSGI entry points find their files there by fixed names, through environment
variables (see :func:`wsgi_environment`).
"""
import pathlib
import shutil

from democloud.configs import authtoken, db_url, keystone_url, transport_url, write_ini
from democloud.layout import Region, State

# Schemas are made once in these databases; each region's database is a copy.
TEMPLATE_DBS = {"nova_api": "nova_api_template", "nova_cell0": "nova_template",
                "nova": "nova_template", "placement": "placement_template",
                "glance": "glance_template", "neutron": "neutron_template"}
# The VPNaaS service driver of the demo's dataplane package (no VPN agent).
VPN_PROVIDER = "VPN:democloud:democloud_dataplane.vpn.AgentlessIPsecDriver:default"


def iaas_db(kind: str, region: Region | None) -> str:
    """Database ``kind`` (a key of TEMPLATE_DBS) of ``region``, or its template for None."""
    return TEMPLATE_DBS[kind] if region is None else f"{kind}_{region.slug.replace('-', '_')}"


def api_only(region: Region | None) -> bool:
    """The second cloud's region runs Glance, Neutron and the Nova API only: no
    Placement, no nova-conductor, -scheduler or -compute, no cell but cell0."""
    return bool(region and region.cloud)


def conf_dir(state: State, service: str, region: Region | None) -> pathlib.Path:
    folder = state.etc / f"{service}-{region.slug if region else 'template'}"
    folder.mkdir(exist_ok=True)
    return folder


def data_dir(state: State, service: str, region: Region) -> pathlib.Path:
    folder = state.data / f"{service}-{region.slug}"
    folder.mkdir(exist_ok=True)
    return folder


def service_auth(state: State, user: str, region: Region) -> dict:
    """How a service authenticates to another one (Nova to Placement, ...)."""
    return {"auth_type": "password", "auth_url": keystone_url("", region.cloud), "username": user,
            "password": state.secrets()["service"], "project_name": "service",
            "user_domain_name": "Default", "project_domain_name": "Default",
            "region_name": region.name}


def _common(state: State, service: str, region: Region | None) -> dict:
    sections = {"oslo_messaging_notifications": {"driver": "noop"}}
    if region is not None:
        sections["keystone_authtoken"] = authtoken(state, service, region.name, region.cloud)
        sections["oslo_concurrency"] = {"lock_path": data_dir(state, service, region)}
    return sections


def placement(state: State, region: Region | None) -> pathlib.Path:
    return write_ini(conf_dir(state, "placement", region) / "placement.conf", {
        "DEFAULT": {"use_stderr": "true"},
        "placement_database": {"connection": db_url(iaas_db("placement", region))},
        "api": {"auth_strategy": "keystone"},
        **_common(state, "placement", region)})


def glance(state: State, region: Region | None, venv: pathlib.Path) -> pathlib.Path:
    sections = {
        "DEFAULT": {"use_stderr": "true", "enabled_backends": "fs:file"},
        "database": {"connection": db_url(iaas_db("glance", region))},
        "paste_deploy": {"flavor": "keystone",
                         "config_file": venv / "etc/glance/glance-api-paste.ini"},
        **_common(state, "glance", region)}
    if region is not None:
        data = data_dir(state, "glance", region)
        sections.update({
            "glance_store": {"default_backend": "fs"},
            "fs": {"filesystem_store_datadir": data / "images"},
            "os_glance_staging_store": {"filesystem_store_datadir": data / "staging"},
            "os_glance_tasks_store": {"filesystem_store_datadir": data / "tasks"}})
    return write_ini(conf_dir(state, "glance", region) / "glance-api.conf", sections)


def neutron(state: State, region: Region | None, venv: pathlib.Path) -> pathlib.Path:
    """ML2 (flat external network ``public``, VXLAN project networks) and VPNaaS, no agents."""
    sections = {
        "DEFAULT": {
            "use_stderr": "true", "core_plugin": "ml2", "service_plugins": "router,vpnaas",
            "auth_strategy": "keystone", "api_paste_config": venv / "etc/neutron/api-paste.ini",
            # No RPC server, no DHCP agent, no Nova notifications: no agents at all.
            "rpc_workers": "0", "rpc_state_report_workers": "0",
            "dhcp_agent_notification": "false",
            "notify_nova_on_port_status_changes": "false",
            "notify_nova_on_port_data_changes": "false",
        },
        "database": {"connection": db_url(iaas_db("neutron", region))},
        "ml2": {"type_drivers": "flat,vxlan", "tenant_network_types": "vxlan",
                "mechanism_drivers": "democloud", "extension_drivers": "port_security"},
        "ml2_type_flat": {"flat_networks": "public"},
        "ml2_type_vxlan": {"vni_ranges": "1:10000"},
        "service_providers": {"service_provider": VPN_PROVIDER},
        **_common(state, "neutron", region)}
    if region is not None:
        sections["DEFAULT"].update({"host": region.slug,
                                    "transport_url": transport_url(state, region),
                                    "state_path": data_dir(state, "neutron", region)})
    return write_ini(conf_dir(state, "neutron", region) / "neutron.conf", sections)


def nova(state: State, region: Region | None, venv: pathlib.Path) -> pathlib.Path:
    """Nova with the dataplane package's fake virt driver, one worker per service."""
    folder = conf_dir(state, "nova", region)
    sections = {
        "DEFAULT": {"use_stderr": "true"},
        "api_database": {"connection": db_url(iaas_db("nova_api", region))},
        # An API-only region's service records live in cell0 (as a superconductor
        # deployment's top-level nova.conf has it).
        "database": {"connection": db_url(iaas_db("nova_cell0" if api_only(region) else "nova",
                                                  region))},
        **_common(state, "nova", region)}
    if region is not None:
        # The WSGI app reads its paste file from the first config file listed.
        shutil.copy(venv / "etc/nova/api-paste.ini", folder / "api-paste.ini")
        sections["DEFAULT"].update({
            "host": region.slug, "my_ip": "127.0.0.1",
            "transport_url": transport_url(state, region),
            "state_path": data_dir(state, "nova", region),
            "compute_driver": "democloud.PersistentFakeDriver",
            # The fake driver plugs nothing: no vif-plugged event ever comes.
            "vif_plugging_is_fatal": "false", "vif_plugging_timeout": "0",
            "heal_instance_info_cache_interval": "-1",
        })
        sections.update({
            "conductor": {"workers": "1"},
            "scheduler": {"workers": "1"},
            "placement": service_auth(state, "nova", region),
            "neutron": service_auth(state, "nova", region) | {"service_metadata_proxy": "false"},
            "glance": {"region_name": region.name},
            "service_user": service_auth(state, "nova", region)
            | {"send_service_user_token": "true"},
            "vnc": {"enabled": "false"},
        })
        # nova-compute reaches the databases through the conductor only.
        write_ini(folder / "nova-compute.conf", {
            k: v for k, v in sections.items() if k not in ("database", "api_database")})
    return write_ini(folder / "nova.conf", sections)


def wsgi_environment(state: State, service: str, region: Region) -> dict:
    """How each WSGI entry point finds its config files (environment variables)."""
    folder = str(conf_dir(state, service, region))
    return {
        "placement": {"OS_PLACEMENT_CONFIG_DIR": folder},
        "glance": {"OS_GLANCE_CONFIG_DIR": folder},
        "neutron": {"OS_NEUTRON_CONFIG_DIR": folder, "OS_NEUTRON_CONFIG_FILES": "neutron.conf"},
        "nova": {"OS_NOVA_CONFIG_DIR": folder, "OS_NOVA_CONFIG_FILES": "api-paste.ini;nova.conf"},
    }[service]
