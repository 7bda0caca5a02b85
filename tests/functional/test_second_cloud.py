"""The demo's second cloud: a stack in RegionOne whose child lives in the other cloud.

Reached the way Heat reaches it: with the demo user's credentials for the
other cloud's own Keystone (the credential secret's payload is not read here).
"""
from mr_dashboard.api import heat
from tests.functional.credentials_helpers import other_cloud_stacks


def test_cross_cloud_child_lives_in_the_other_cloud(cloud, demo_request):
    assert cloud.second_cloud_url, "the test command starts the demo with --second-cloud"
    parent = {s.name: s for s in heat.stacks_list(demo_request, "RegionOne")}["cross-cloud"]
    assert parent.status == "CREATE_COMPLETE"
    children = [(n, st) for n, (_, st) in other_cloud_stacks(cloud).items()
                if n.startswith("cross-cloud-")]
    assert [st for _, st in children] == ["CREATE_COMPLETE"]
    # ...and not in any region of the first cloud.
    assert not [s for r in cloud.regions for s in heat.stacks_list(demo_request, r)
                if s.name.startswith("cross-cloud-remote_db-")]
