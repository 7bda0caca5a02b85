"""Stacks of the snapshot tests (functional and browser), made on the demo
cloud from the templates of ``templates/snapshots/`` and deleted again."""
import contextlib
import pathlib

from tests.functional import tree_stacks

TEMPLATES = pathlib.Path(__file__).parent / "templates" / "snapshots"
ONE = "RegionOne"


@contextlib.contextmanager
def made(cloud, label: str, template: str, region: str = ONE):
    """``(id, name)`` of a stack of templates/snapshots/ in ``region``,
    deleted after."""
    name = tree_stacks.unique_name(label)
    stack_id = tree_stacks.create(cloud, region, name, template, folder=TEMPLATES)
    try:
        assert tree_stacks.wait(cloud, region, stack_id) == "CREATE_COMPLETE"
        yield stack_id, name
    finally:
        tree_stacks.delete(cloud, region, stack_id)
