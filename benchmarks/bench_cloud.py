"""The benchmarks' own projects on the demo cloud, and their stacks.

A benchmark project ``mrbench-<n>`` holds ``n`` stacks (OS::Heat::None,
tagged ``mrbench``) in each region a benchmark uses, and has a user of the
same name (roles ``member`` and ``heat_stack_owner``, a new password each
run) who looks at them. The stacks are kept between runs: a run creates
only what is missing. They are created by the cloud's admin scoped to the
project, whom Heat's ``max_stacks_per_tenant`` (512) does not bind; the
demo user's stacks, and the tests that count them, are left alone.

Heat's API creates ``seed`` stacks per region (all by default). With a
smaller seed the others are **copies made in the region's Heat database**
of the first stack the API made: a row of their own in ``stack`` (own id,
name and creation time; the seed's template, credentials and status) and
their tag in ``stack_tag``; no resources. Heat lists them like any other
stack, which is what the scale benchmark needs: on the shared 2-core
machine the API made 0.25-0.4 stacks per second, 2-3 hours for 3000. Being
copies, they cannot be deleted one by one through Heat (they share the
seed's template and trust); ``python3 -m democloud reset`` removes them
with everything else.

Usage (fill ahead of a benchmark; two creations in flight by default):

    python -m benchmarks.bench_cloud --stacks 1000 --regions 3 [--seed 20]
                                     [--in-flight 2]
"""

import argparse
import pathlib
import secrets
import subprocess
import time
from concurrent import futures
from dataclasses import dataclass

from heatclient import exc as heat_exc
from keystoneclient.v3 import client as ks_client

from democloud import configs
from democloud import layout
from tests.cloud import heat_client, keystone_session, running_cloud
from tests.waiting import wait_until

TAG = "mrbench"
NONE = {"heat_template_version": "2021-04-16",
        "resources": {"nothing": {"type": "OS::Heat::None"}}}
ROLES = ("member", "heat_stack_owner")
#: Stacks per region the benchmarks have Heat's API make; the rest are
#: copies.
SEED = 20


@dataclass(frozen=True)
class BenchUser:
    """A benchmark project's user, as a login form takes it."""

    name: str
    password: str
    project_id: str


def _admin(cloud) -> ks_client.Client:
    return ks_client.Client(session=keystone_session(cloud, "admin", timeout=120))


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
         in_flight: int = 2, seed: int | None = None) -> float:
    """Create the stacks missing from each region, ``in_flight`` at a
    time, the first ``seed`` of a region through Heat's API and the others
    as copies of them; wait until they are complete; returns the seconds
    taken."""
    started = time.monotonic()
    seed = stacks if seed is None else min(seed, stacks)
    session = keystone_session(cloud, "admin", project=user.name, timeout=120)
    heat = {region: heat_client(cloud, region, session) for region in regions}
    missing = {region: _missing(client, user, region, stacks)
               for region, client in heat.items()}
    made = [(region, name) for region, names in missing.items()
            for name in names if int(name[-4:]) < seed]
    if made:
        print(f"{user.name}: creating {len(made)} stacks", flush=True)

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
        for done, failed in enumerate(pool.map(create, made), 1):
            if failed:
                print(f"  not created, {failed}", flush=True)
            if done % 200 == 0:
                print(f"  {done}/{len(made)}", flush=True)
    for region, client in heat.items():
        wait_until(lambda: [stack.stack_status for stack in client.stacks.list(
                       filters={"tags": TAG}) if stack.stack_status.endswith("IN_PROGRESS")],
                   None, 5, what=f"the stacks of {region} complete", done=lambda busy: not busy)
        copies = [name for name in missing[region] if int(name[-4:]) >= seed]
        if copies:
            print(f"{user.name}: copying {len(copies)} stacks in "
                  f"{region}'s database", flush=True)
            _copy(region, _stack_name(user, region, 0), copies)
    return time.monotonic() - started


def _stack_name(user: BenchUser, region: str, number: int) -> str:
    # The admin's listing shows every project's stacks: names tell them.
    return f"{user.name}-{region.lower()}-{number:04d}"


def _missing(client, user: BenchUser, region: str, stacks: int) -> list:
    have = {stack.stack_name for stack in client.stacks.list(
        filters={"tags": TAG})}
    return [name for name in (_stack_name(user, region, number)
                              for number in range(stacks))
            if name not in have]


COPY_SQL = """
BEGIN;
CREATE TEMP TABLE copied AS
  SELECT gen_random_uuid()::text AS id, name FROM unnest(:'names'::text[])
  AS name;
INSERT INTO stack (id, created_at, name, raw_template_id, user_creds_id,
                   username, action, status, status_reason, timeout, tenant,
                   disable_rollback, stack_user_project_id, backup,
                   nested_depth, convergence, current_traversal,
                   current_deps)
  SELECT copied.id, now() AT TIME ZONE 'utc'
         - (row_number() OVER ()) * interval '1 second', copied.name,
         s.raw_template_id, s.user_creds_id, s.username, s.action, s.status,
         s.status_reason, s.timeout, s.tenant, s.disable_rollback,
         s.stack_user_project_id, s.backup, s.nested_depth, s.convergence,
         s.current_traversal, s.current_deps
  FROM copied, stack s WHERE s.name = :'seed' AND s.deleted_at IS NULL;
INSERT INTO stack_tag (created_at, tag, stack_id)
  SELECT now() AT TIME ZONE 'utc', :'tag', id FROM copied;
COMMIT;
"""


def _copy(region: str, seed: str, names: list[str]) -> None:
    """Copies of stack ``seed`` named ``names``, in ``region``'s Heat
    database (the demo cloud's PostgreSQL, through psql)."""
    psql = sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin/psql"))[-1]
    database = configs.heat_db(next(
        found for found in layout.regions(len(layout.REGION_NAMES))
        if found.name == region))
    subprocess.run(
        [str(psql), "-q", "-v", "ON_ERROR_STOP=1", "-h", layout.HOST,
         "-p", str(layout.PORTS["postgres"]), "-U", configs.DB_USER,
         "-v", "names={" + ",".join(names) + "}", "-v", f"seed={seed}",
         "-v", f"tag={TAG}", database],
        input=COPY_SQL, text=True, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stacks", type=int, required=True)
    parser.add_argument("--regions", type=int, default=3)
    parser.add_argument("--in-flight", type=int, default=2)
    parser.add_argument("--seed", type=int, default=None,
                        help="stacks per region made by Heat's API (all)")
    args = parser.parse_args()
    cloud = running_cloud()
    user = bench_user(cloud, args.stacks)
    took = fill(cloud, user, list(cloud.regions[:args.regions]), args.stacks,
                args.in_flight, args.seed)
    print(f"{user.name}: {args.stacks} stacks in each of "
          f"{args.regions} regions ({took:.0f} s)")


if __name__ == "__main__":
    main()
