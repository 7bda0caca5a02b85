"""Create the demo user's sample stacks once (all at once), and wait until they settle.

With the regions' IaaS, the blueprint's use cases run for real too: ``vpn-sites``
(use case 1) and ``app-db`` (use case 2). A sample other than ``failing`` that
fails stops the start with its status reason.
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

from seed import REGION_IMAGES

SETTLED = ("CREATE_COMPLETE", "CREATE_FAILED")
EXPECTED_FAILURE = "failing"
DEADLINE = 300  # seconds for every sample to settle (use case 1 takes ~30 s on a quiet machine)
SECRET_NAME = "democloud-second-cloud"


def session(plan):
    auth = v3.Password(auth_url=plan["auth_url"], username="demo", password=plan["demo_password"],
                       project_name="demo", user_domain_id="default", project_domain_id="default")
    return ks_session.Session(auth=auth, timeout=30)


def heat(plan, region):
    # A keep-alive connection the API has just closed fails one call now and then: retry it.
    return heat_client.Client("1", session=session(plan), region_name=region, connect_retries=3)


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
         if plan["second_cloud_auth_url"] else []) + (iaas_samples(plan, templates)
                                                      if plan["iaas_urls"] else [])


def iaas_samples(plan, templates):
    """The blueprint's use cases 1 and 2 on the regions' real Nova, Neutron and Glance."""
    one = plan["regions"][0]
    two = plan["regions"][1] if len(plan["regions"]) > 1 else one
    read = lambda name: (templates / name).read_text()  # noqa: E731
    return [
        (one, {"stack_name": "vpn-sites", "template": read("vpn_sites.yaml"),
               "files": {"vpn_site.yaml": read("vpn_site.yaml")},
               "parameters": {"site_one_region": one, "site_two_region": two,
                              "site_one_image": REGION_IMAGES[one],
                              "site_two_image": REGION_IMAGES[two]},
               "tags": "demo,use-case-1"}),
        (one, {"stack_name": "app-db", "template": read("app_db.yaml"),
               "files": {n: read(n) for n in ("db_server.yaml", "app_server.yaml")},
               "parameters": {"db_region": two, "app_region": one,
                              "db_image": REGION_IMAGES[two], "app_image": REGION_IMAGES[one]},
               "tags": "demo,use-case-2"}),
    ]


def main(plan, templates):
    started = []
    for region, fields in samples(plan, templates):
        client = heat(plan, region)
        if list(client.stacks.list(filters={"name": fields["stack_name"]})):
            continue
        stack_id = client.stacks.create(**fields)["stack"]["id"]
        started.append((client, stack_id, fields["stack_name"]))
    deadline = time.monotonic() + DEADLINE
    for client, stack_id, name in started:
        while time.monotonic() < deadline:
            stack = client.stacks.get(stack_id)
            if stack.stack_status in SETTLED:
                print(f"sample stack {name}: {stack.stack_status}", flush=True)
                break
            time.sleep(2)
        else:
            raise SystemExit(f"sample stack {name} did not settle in time")
        if stack.stack_status != "CREATE_COMPLETE" and name != EXPECTED_FAILURE:
            raise SystemExit(f"sample stack {name}: {stack.stack_status}: "
                             f"{stack.stack_status_reason}")


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        main(json.load(f), pathlib.Path(sys.argv[2]))
