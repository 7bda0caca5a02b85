"""The corpus made in the demo cloud for the untrusted-text tests, functional
and browser (registered for every test in tests/conftest.py): a stack set
of payloads, the networks named by payloads, the launch-sinks folders."""
import secrets
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.cloud import heat_client
from tests.functional import launch_helpers as lh
from tests.functional import resource_stacks
from tests.functional import tree_stacks
from tests.untrusted import launch_sinks as sinks
from tests.untrusted import stacks

ONE, TWO = "RegionOne", "RegionTwo"


@pytest.fixture(scope="module")
def payload_set(cloud):
    """A stack set made straight in Heat (docs/stack_sets.md's tags), two
    members of payload parameters and tags, a payload among its regions,
    its parameters changed outside the set; and a stack tagged with a set
    name no set can have. The set's name."""
    name, set_id = lh.unique_name("pset"), secrets.token_hex(6)
    made = []
    members = {region: (name, stacks.set_member_tags(name, set_id, (ONE, TWO)))
               for region in (ONE, TWO)}
    stray = (ONE, (lh.unique_name("pstray"),
                   f"mrd-set={stacks.BAD_SET_NAME},mrd-set-id={set_id},mrd-set-rev=1"))
    try:
        for region, (stack_name, tags) in [*members.items(), stray]:
            made.append((region, heat_client(cloud, region).stacks.create(
                stack_name=stack_name, template=stacks.set_member_template(),
                parameters=stacks.set_member_values(), tags=tags)["stack"]["id"]))
        assert {tree_stacks.wait(cloud, *one) for one in made} == {"CREATE_COMPLETE"}
        yield name
    finally:
        for region, stack_id in made:
            tree_stacks.delete_later(cloud, region, stack_id)


@pytest.fixture(scope="module")
def payload_networks(cloud):
    """The networks named by payloads, made by the demo user in
    RegionThree (the demo project), deleted after."""
    network = resource_stacks.connection(cloud, sinks.THREE).network
    made = []

    def create(name: str) -> None:
        made.append(network.create_network(name=name))  # each one, for the cleanup

    try:
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(create, sinks.NETWORK_NAMES))
        yield made
    finally:
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(network.delete_network, made))


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """Each folder of launch_sinks.FOLDERS, by name."""
    root = tmp_path_factory.mktemp("launch_sinks")
    return {name: sinks.write_folder(root, name) for name in sinks.FOLDERS}
