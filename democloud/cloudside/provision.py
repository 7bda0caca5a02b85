"""Make the demo cloud's Keystone content: regions, projects, users, roles, catalog.

Idempotent: run at every start, it also removes the endpoints of regions the
cloud no longer runs (so ``--regions 1`` gives a one-region catalog) and of the
IaaS services when the regions are Heat-only (``--no-iaas``).
Usage: python provision.py PLAN.json (written by democloud.services).
"""
import json
import sys

from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from keystoneclient.v3 import client as ks_client

INTERFACES = ("public", "internal", "admin")
# Catalog type -> service (and service user) name of each region's IaaS.
IAAS_SERVICES = {"placement": "placement", "image": "glance", "network": "neutron",
                 "compute": "nova"}
# The users of the demo: ``demo`` (the samples' owner) and ``tight`` (whose quotas are
# tight in one region, cloudside/tight_project.py).
USER_PROJECTS = ("demo", "tight")


def find_or_create(manager, name, **kwargs):
    lookup = {k: v for k, v in kwargs.items() if k in ("domain",)}
    for item in manager.list(name=name, **lookup):
        if item.name == name:
            return item
    return manager.create(name=name, **kwargs)


def grant(ks, role, user, project=None, domain=None):
    ks.roles.grant(role, user=user, project=project, domain=domain)


def sync_endpoints(ks, service, urls_by_region):
    """Make ``service``'s endpoints exactly ``urls_by_region`` for every interface."""
    wanted = {(region, iface): url
              for region, url in urls_by_region.items() for iface in INTERFACES}
    for ep in ks.endpoints.list(service=service):
        key = (ep.region_id, ep.interface)
        if wanted.get(key) == ep.url:
            wanted.pop(key)
        else:
            ks.endpoints.delete(ep)
    for (region, iface), url in wanted.items():
        ks.endpoints.create(service=service, url=url, interface=iface, region=region)


def main(plan):
    auth = v3.Password(auth_url=plan["auth_url"], username="admin",
                       password=plan["admin_password"], project_name="admin",
                       user_domain_id="default", project_domain_id="default")
    ks = ks_client.Client(session=ks_session.Session(auth=auth, timeout=30))
    for region in plan["regions"]:
        if region not in [r.id for r in ks.regions.list()]:
            ks.regions.create(id=region)
    default = ks.domains.get("default")
    service_project = find_or_create(ks.projects, "service", domain=default)
    roles = {name: find_or_create(ks.roles, name) for name in (
        "admin", "member", "reader", "service", "heat_stack_owner", "heat_stack_user", "creator")}
    for name in ("heat", "barbican", *IAAS_SERVICES.values()):
        user = find_or_create(ks.users, name, domain=default, password=plan["service_password"])
        grant(ks, roles["admin"], user, project=service_project)
        grant(ks, roles["service"], user, project=service_project)
    projects = {}
    for name in USER_PROJECTS:  # each user in its own project of the same name
        projects[name] = find_or_create(ks.projects, name, domain=default)
        user = find_or_create(ks.users, name, domain=default,
                              password=plan[f"{name}_password"], default_project=projects[name])
        for role in ("member", "reader", "heat_stack_owner", "creator"):
            grant(ks, roles[role], user, project=projects[name])
    heat_domain = find_or_create(ks.domains, "heat", description="Heat stack projects and users")
    domain_admin = find_or_create(ks.users, "heat_domain_admin", domain=heat_domain,
                                  password=plan["heat_domain_admin_password"])
    grant(ks, roles["admin"], domain_admin, domain=heat_domain)
    regions = plan["regions"]
    catalog = [("identity", "keystone", {r: plan["auth_url"] for r in regions}),
               ("orchestration", "heat", plan["heat_urls"])]
    if plan["barbican_url"]:  # the second cloud has no Barbican
        catalog.append(("key-manager", "barbican", {r: plan["barbican_url"] for r in regions}))
    catalog += [(stype, name, plan["iaas_urls"].get(stype, {}))
                for stype, name in IAAS_SERVICES.items()]
    for stype, name, urls in catalog:
        found = list(ks.services.list(type=stype))
        if not found and not urls:
            continue
        service = found[0] if found else ks.services.create(name=name, type=stype)
        sync_endpoints(ks, service, urls)
    print(json.dumps({"demo_project_id": projects["demo"].id, "heat_domain_id": heat_domain.id}))


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        main(json.load(f))
