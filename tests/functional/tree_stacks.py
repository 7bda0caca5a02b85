"""Stacks of the tree tests, made on the demo cloud as the demo user from
the templates of ``templates/tree/``, and deleted again.

Every name starts with ``mrtree-`` and ends with a random part, so tests
running side by side never meet, and every stack named after a deleted one
is deleted with it.
"""
import concurrent.futures
import contextlib
import pathlib
import secrets
import time

from heatclient import exc as heat_exc

from tests.cloud import heat_client
from tests.waiting import wait_until

TEMPLATES = pathlib.Path(__file__).parent / "templates" / "tree"
PREFIX = "mrtree"
#: The deletes going on beside the tests (:func:`delete_later`).
_LATER: list[concurrent.futures.Future] = []
_REAPER = concurrent.futures.ThreadPoolExecutor(2, thread_name_prefix="mr-reaper")


def unique_name(label: str) -> str:
    return f"{PREFIX}-{label}-{secrets.token_hex(3)}"


def create(cloud, region: str, name: str, template: str,
           folder: pathlib.Path = TEMPLATES, **parameters) -> str:
    """Start a stack from ``<folder>/<template>`` (every template of the
    folder goes along as a file); returns its id."""
    files = {path.name: path.read_text() for path in folder.glob("*.yaml")}
    body = heat_client(cloud, region).stacks.create(
        stack_name=name, template=files[template], files=files,
        parameters=parameters)
    return body["stack"]["id"]


def wait(cloud, region: str, stack_id: str, timeout: float = 240) -> str:
    """The stack's status once it is no longer in progress."""
    client = heat_client(cloud, region)
    return wait_until(lambda: client.stacks.get(stack_id, resolve_outputs=False).stack_status,
                      timeout, what=f"stack {stack_id} settled",
                      done=lambda status: not status.endswith("_IN_PROGRESS"))


def _delete_one(client, stack_id: str, deadline: float) -> None:
    """Delete the stack, again after each DELETE_FAILED, until it is gone
    (by ``deadline``, a ``time.monotonic()`` shared by a delete's stacks)."""
    def status() -> str:
        try:
            found = client.stacks.get(stack_id, resolve_outputs=False).stack_status
        except heat_exc.HTTPNotFound:
            return "GONE"
        if found == "DELETE_FAILED":
            client.stacks.delete(stack_id)
        return found
    client.stacks.delete(stack_id)
    wait_until(status, max(0.0, deadline - time.monotonic()), what=f"stack {stack_id} deleted",
               done=lambda seen: seen in ("DELETE_COMPLETE", "GONE"))


def delete(cloud, region: str, stack_id: str, timeout: float = 240) -> None:
    """Delete a stack and wait until it is gone. Heat deletes its remote
    children too, but was seen to leave a child whose creation had failed:
    any stack left in any region under the stack's name goes as well."""
    client = heat_client(cloud, region)
    deadline = time.monotonic() + timeout
    name = client.stacks.get(stack_id, resolve_outputs=False).stack_name
    _delete_one(client, stack_id, deadline)
    for other in cloud.regions:
        client = heat_client(cloud, other)
        left = sorted((found for found in client.stacks.list()
                       if found.stack_name.startswith(f"{name}-")),
                      key=lambda found: len(found.stack_name))
        for found in left:
            try:
                _delete_one(client, found.id, deadline)
            except heat_exc.HTTPNotFound:
                continue  # gone with its parent meanwhile


def delete_later(cloud, region: str, stack_id: str, timeout: float = 240) -> None:
    """:func:`delete` in the background, for a teardown whose stacks no
    later test reads: Heat takes tens of seconds to delete some trees (a
    parent of many resources whose remote child failed: 35 s). Waited for
    by :func:`reap` at the end of the session."""
    _LATER.append(_REAPER.submit(delete, cloud, region, stack_id, timeout))


def reap() -> None:
    """Wait for every background delete; the first that failed raises."""
    while _LATER:
        _LATER.pop(0).result()


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
            statuses, heat_client(cloud, "RegionOne").stacks.get(ids["tree"]).stack_status_reason)
        yield {key: (ids[key], names[key]) for key in ids}
    finally:
        for stack_id in ids.values():
            delete(cloud, "RegionOne", stack_id)
