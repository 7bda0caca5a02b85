"""The project ``tight`` of the user ``tight``: the demo's key pair in every region, and
quotas that are tight in some regions (the plan's ``tight_quotas``), so tests meet a quota
without touching ``demo``'s own.

Run at every start (a test may have changed a quota); idempotent: a key pair is made
only when missing, a quota written only when it differs. Other regions keep the defaults.
Usage: python tight_project.py PLAN.json SEED_DIR (written by democloud.services and seed.py).
"""
import concurrent.futures
import json
import pathlib
import sys

from seed import connect, ensure_keypair, public_key

USER = "tight"


def set_quotas(admin, project_id, quotas):
    """Nova's quota set and Neutron's quota of the project: ``quotas`` by API, then by
    openstacksdk's attribute name, written where they differ; returns what was written."""
    readers = {"compute": (admin.compute.get_quota_set, admin.compute.update_quota_set),
               "network": (admin.network.get_quota, admin.network.update_quota)}
    written = {}
    for api, wanted in quotas.items():
        read, write = readers[api]
        current = read(project_id)
        changed = {name: value for name, value in wanted.items()
                   if getattr(current, name) != value}
        if changed:
            write(project_id, **changed)
            written.update(changed)
    return written


def tighten_region(plan, region, key):
    ensure_keypair(connect(plan, region, USER, USER), key)
    quotas = plan["tight_quotas"].get(region)
    if not quotas:
        return f"{region}: key pair"
    admin = connect(plan, region)
    written = set_quotas(admin, admin.identity.find_project(USER, ignore_missing=False).id, quotas)
    return f"{region}: key pair, quotas {quotas} ({f'written: {written}' if written else 'kept'})"


def main(plan, seed_dir):
    key = public_key(seed_dir)
    with concurrent.futures.ThreadPoolExecutor(len(plan["regions"])) as pool:
        for done in pool.map(lambda region: tighten_region(plan, region, key), plan["regions"]):
            print(f"{USER}: {done}", flush=True)


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        main(json.load(f), pathlib.Path(sys.argv[2]))
