"""Stacks of the tree tests, made on the demo cloud as the demo user from
the templates of ``templates/tree/``, and deleted again.

Every name starts with ``mrtree-`` and ends with a random part, so tests
running side by side never meet, and every stack named after a deleted one
is deleted with it.
"""
import contextlib
import pathlib
import secrets
import time

from heatclient import client as heat_client
from heatclient import exc as heat_exc
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

TEMPLATES = pathlib.Path(__file__).parent / "templates" / "tree"
PREFIX = "mrtree"


def heat(cloud, region: str) -> heat_client.Client:
    auth = v3.Password(auth_url=cloud.keystone_url, username="demo",
                       password=cloud.demo_password, project_name="demo",
                       user_domain_id="default", project_domain_id="default")
    return heat_client.Client("1", session=ks_session.Session(auth=auth, timeout=30),
                              region_name=region)


def unique_name(label: str) -> str:
    return f"{PREFIX}-{label}-{secrets.token_hex(3)}"


def create(cloud, region: str, name: str, template: str,
           folder: pathlib.Path = TEMPLATES, **parameters) -> str:
    """Start a stack from ``<folder>/<template>`` (every template of the
    folder goes along as a file); returns its id."""
    files = {path.name: path.read_text() for path in folder.glob("*.yaml")}
    body = heat(cloud, region).stacks.create(
        stack_name=name, template=files[template], files=files,
        parameters=parameters)
    return body["stack"]["id"]


def wait(cloud, region: str, stack_id: str, timeout: float = 240) -> str:
    """The stack's status once it is no longer in progress."""
    client = heat(cloud, region)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.stacks.get(stack_id, resolve_outputs=False).stack_status
        if not status.endswith("_IN_PROGRESS"):
            return status
        time.sleep(1)
    raise TimeoutError(f"stack {stack_id} still in progress after {timeout} s")


def _delete_one(client, stack_id: str, deadline: float) -> None:
    client.stacks.delete(stack_id)
    while time.monotonic() < deadline:
        try:
            status = client.stacks.get(stack_id, resolve_outputs=False).stack_status
        except heat_exc.HTTPNotFound:
            return
        if status == "DELETE_COMPLETE":
            return
        if status == "DELETE_FAILED":
            client.stacks.delete(stack_id)
        time.sleep(1)
    raise TimeoutError(f"stack {stack_id} not deleted in time")


def delete(cloud, region: str, stack_id: str, timeout: float = 240) -> None:
    """Delete a stack and wait until it is gone. Heat deletes its remote
    children too, but was seen to leave a child whose creation had failed:
    any stack left in any region under the stack's name goes as well."""
    client = heat(cloud, region)
    deadline = time.monotonic() + timeout
    name = client.stacks.get(stack_id, resolve_outputs=False).stack_name
    _delete_one(client, stack_id, deadline)
    for other in cloud.regions:
        client = heat(cloud, other)
        left = sorted((found for found in client.stacks.list()
                       if found.stack_name.startswith(f"{name}-")),
                      key=lambda found: len(found.stack_name))
        for found in left:
            try:
                _delete_one(client, found.id, deadline)
            except heat_exc.HTTPNotFound:
                continue  # gone with its parent meanwhile


@contextlib.contextmanager
def made(cloud):
    """The tree tests' stacks in RegionOne, made at once and deleted after:
    ``{"tree": (id, name), "failed": (id, name)}`` (templates/tree/
    parent.yaml and failing_parent.yaml)."""
    names = {"tree": unique_name("tree"), "failed": unique_name("failed")}
    templates = {"tree": "parent.yaml", "failed": "failing_parent.yaml"}
    ids = {}
    try:
        for key, name in names.items():
            ids[key] = create(cloud, "RegionOne", name, templates[key])
        statuses = {key: wait(cloud, "RegionOne", stack_id)
                    for key, stack_id in ids.items()}
        assert statuses == {"tree": "CREATE_COMPLETE", "failed": "CREATE_FAILED"}, (
            statuses, heat(cloud, "RegionOne").stacks.get(ids["tree"]).stack_status_reason)
        yield {key: (ids[key], names[key]) for key in ids}
    finally:
        for stack_id in ids.values():
            delete(cloud, "RegionOne", stack_id)
