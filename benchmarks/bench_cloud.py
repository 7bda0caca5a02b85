"""The benchmarks' own projects on the demo cloud, and their stacks.

A benchmark project ``mrbench-<n>`` holds ``n`` stacks (OS::Heat::None,
tagged ``mrbench``) in each region a benchmark uses, and has a user of the
same name (roles ``member`` and ``heat_stack_owner``, a new password each
run) who looks at them. The stacks are kept between runs: a run creates
only what is missing, so the thousands of stacks of the scale benchmark
are made once. They are created by the cloud's admin scoped to the project,
whom Heat's ``max_stacks_per_tenant`` (512) does not bind; the demo user's
stacks, and the tests that count them, are left alone.

Usage (fill ahead of a benchmark, at most two creations in flight):

    python -m benchmarks.bench_cloud --stacks 1000 --regions 3
"""

import argparse
import secrets
import time
from concurrent import futures
from dataclasses import dataclass

from heatclient import client as heat_client
from heatclient import exc as heat_exc
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from keystoneclient.v3 import client as ks_client

from tests.cloud import running_cloud

TAG = "mrbench"
NONE = {"heat_template_version": "2021-04-16",
        "resources": {"nothing": {"type": "OS::Heat::None"}}}
ROLES = ("member", "heat_stack_owner")


@dataclass(frozen=True)
class BenchUser:
    """A benchmark project's user, as a login form takes it."""

    name: str
    password: str
    project_id: str


def _session(cloud, username: str, password: str,
             project: str) -> ks_session.Session:
    auth = v3.Password(auth_url=cloud.keystone_url, username=username,
                       password=password, project_name=project,
                       user_domain_id="default", project_domain_id="default")
    return ks_session.Session(auth=auth, timeout=120)


def _admin(cloud) -> ks_client.Client:
    return ks_client.Client(session=_session(
        cloud, "admin", cloud.state.secrets()["admin"], "admin"))


def _one(manager, name: str, **create):
    found = manager.list(name=name)
    return found[0] if found else manager.create(name=name, **create)


def bench_user(cloud, stacks: int) -> BenchUser:
    """The project for ``stacks`` stacks per region and its user, made if
    missing; the admin gets the admin role there to create the stacks."""
    keystone = _admin(cloud)
    name = f"{TAG}-{stacks}"
    project = _one(keystone.projects, name, domain="default")
    password = secrets.token_urlsafe(18)
    user = _one(keystone.users, name, domain="default",
                default_project=project, password=password)
    keystone.users.update(user, password=password, default_project=project)
    roles = {role.name: role for role in keystone.roles.list()}
    for role in ROLES:
        keystone.roles.grant(roles[role], user=user, project=project)
    admin = keystone.users.list(name="admin")[0]
    keystone.roles.grant(roles["admin"], user=admin, project=project)
    return BenchUser(name, password, project.id)


def fill(cloud, user: BenchUser, regions: list[str], stacks: int,
         in_flight: int = 2) -> float:
    """Create the stacks missing from each region, ``in_flight`` at a
    time, and wait until they are complete; returns the seconds taken."""
    started = time.monotonic()
    session = _session(cloud, "admin", cloud.state.secrets()["admin"],
                       user.name)
    heat = {region: heat_client.Client("1", session=session,
                                       region_name=region)
            for region in regions}
    have = {region: {stack.stack_name for stack in client.stacks.list(
        filters={"tags": TAG})} for region, client in heat.items()}
    # The admin's listing shows every project's stacks: names tell them.
    wanted = [(region, f"{user.name}-{region.lower()}-{number:04d}")
              for number in range(stacks) for region in regions]
    missing = [(region, name) for region, name in wanted
               if name not in have[region]]
    if missing:
        print(f"{user.name}: creating {len(missing)} stacks", flush=True)

    def create(item) -> str:
        region, name = item
        try:
            heat[region].stacks.create(stack_name=name, template=NONE,
                                       tags=TAG)
        except heat_exc.HTTPException as error:
            # A busy engine times out now and then: the next run retries.
            return f"{name}: {error}"
        return ""

    with futures.ThreadPoolExecutor(in_flight) as pool:
        for done, failed in enumerate(pool.map(create, missing), 1):
            if failed:
                print(f"  not created, {failed}", flush=True)
            if done % 200 == 0:
                print(f"  {done}/{len(missing)}", flush=True)
    for region, client in heat.items():
        while any(stack.stack_status.endswith("IN_PROGRESS") for stack in
                  client.stacks.list(filters={"tags": TAG})):
            time.sleep(5)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stacks", type=int, required=True)
    parser.add_argument("--regions", type=int, default=3)
    args = parser.parse_args()
    cloud = running_cloud()
    user = bench_user(cloud, args.stacks)
    took = fill(cloud, user, list(cloud.regions[:args.regions]), args.stacks)
    print(f"{user.name}: {args.stacks} stacks in each of "
          f"{args.regions} regions ({took:.0f} s)")


if __name__ == "__main__":
    main()
