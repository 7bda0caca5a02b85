"""A walked tree of three regions for the stack detail's view tests: a
root, a child being created in RegionTwo, one out of reach in RegionThree."""

from mr_dashboard import constants
from mr_dashboard.api import heat
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.tree.nodes import StackNode
from mr_dashboard.api.tree.nodes import StackTree


def walked_tree() -> StackTree:
    root = StackNode("RegionOne", "r00t", "top", constants.NODE_ROOT,
                     status="CREATE_COMPLETE", listed=True)
    child = StackNode("RegionTwo", "d8", "top-db-aaaaaaaaaaaa",
                      constants.NODE_REMOTE, status="CREATE_IN_PROGRESS",
                      parent=root, parent_resource="db", listed=True)
    lost = StackNode("RegionThree", "l0", "", constants.NODE_REMOTE,
                     parent=root, parent_resource="app",
                     error=RegionError(constants.KIND_UNREACHABLE, "refused"))
    root.resources = [heat.Resource("RegionOne", "r00t", "top", "db",
                                    "OS::Heat::Stack", "d8",
                                    "CREATE_COMPLETE")]
    root.children = [child, lost]
    return StackTree(root)
