"""Create the demo user's sample stacks once, and wait until they settle.

Usage: python samples.py PLAN.json TEMPLATE_DIR
"""
import json
import pathlib
import sys
import time

from barbicanclient import client as barbican_client
from heatclient import client as heat_client
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

SETTLED = ("CREATE_COMPLETE", "CREATE_FAILED")
SECRET_NAME = "democloud-second-cloud"


def session(plan):
    auth = v3.Password(auth_url=plan["auth_url"], username="demo", password=plan["demo_password"],
                       project_name="demo", user_domain_id="default", project_domain_id="default")
    return ks_session.Session(auth=auth, timeout=30)


def heat(plan, region):
    return heat_client.Client("1", session=session(plan), region_name=region)


def credential_secret(plan) -> str:
    """The demo's Barbican secret with the demo user's credentials for the second cloud."""
    barbican = barbican_client.Client(session=session(plan), region_name=plan["regions"][0])
    for secret in barbican.secrets.list(name=SECRET_NAME):
        return secret.secret_ref.rsplit("/", 1)[-1]
    payload = {"auth_type": "password", "auth": {
        "auth_url": plan["second_cloud_auth_url"], "username": "demo",
        "password": plan["demo_password"], "project_name": "demo",
        "user_domain_id": "default", "project_domain_id": "default"}}
    secret = barbican.secrets.create(name=SECRET_NAME, payload=json.dumps(payload),
                                     payload_content_type="text/plain")
    return secret.store().rsplit("/", 1)[-1]


def samples(plan, templates):
    regions = plan["regions"]
    two = regions[1] if len(regions) > 1 else regions[0]
    three = regions[2] if len(regions) > 2 else two
    read = lambda name: (templates / name).read_text()  # noqa: E731
    return [
        (regions[0], {"stack_name": "cross-region", "template": read("cross_region.yaml"),
                      "files": {n: read(n) for n in ("app_tier.yaml", "db_tier.yaml",
                                                     "demo_node.yaml")},
                      "parameters": {"app_region": two, "db_region": three},
                      "tags": "demo,cross-region"}),
        (two, {"stack_name": "single-region", "template": read("single_region.yaml"),
               "tags": "demo"}),
        (three, {"stack_name": "failing", "template": read("failing.yaml"), "tags": "demo"}),
    ] + ([(regions[0], {"stack_name": "cross-cloud", "template": read("cross_cloud.yaml"),
                        "files": {"db_tier.yaml": read("db_tier.yaml")},
                        "parameters": {"credential_secret": credential_secret(plan)},
                        "tags": "demo,cross-cloud"})]
         if plan["second_cloud_auth_url"] else [])


def main(plan, templates):
    started = []
    for region, fields in samples(plan, templates):
        client = heat(plan, region)
        if list(client.stacks.list(filters={"name": fields["stack_name"]})):
            continue
        stack_id = client.stacks.create(**fields)["stack"]["id"]
        started.append((client, stack_id, fields["stack_name"]))
    deadline = time.monotonic() + 120
    for client, stack_id, name in started:
        while time.monotonic() < deadline:
            status = client.stacks.get(stack_id).stack_status
            if status in SETTLED:
                print(f"sample stack {name}: {status}")
                break
            time.sleep(1)
        else:
            raise SystemExit(f"sample stack {name} did not settle in time")


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        main(json.load(f), pathlib.Path(sys.argv[2]))
