"""The blueprint's use case 2, launched for real in a browser: a database
server in RegionTwo whose address feeds the application server in RegionOne
(the demo's own templates). Each image picker lists its target region's own
images; the checks pass; the stack is CREATE_COMPLETE; the tree shows both
children in their regions; the RegionOne application server was given the
address of the RegionTwo database server (as the regions' own APIs say);
then it is deleted and both servers are gone."""
import pytest

from tests.browser import launch_steps as steps
from tests.functional import launch_helpers as lh
from tests.functional import resource_stacks
from tests.functional import tree_stacks
from tests.functional import use_case_2

ONE, TWO = resource_stacks.ONE, resource_stacks.TWO


@pytest.fixture
def folder(tmp_path):
    return steps.demo_folder(tmp_path, "use_case_2", use_case_2.FILES)


def test_use_case_2_the_database_address_crosses_regions(browser, cloud, folder):
    images = resource_stacks.active_images(cloud)
    browser.login()
    steps.open_folder(browser, folder, pickers=True)
    assert steps.choices(browser, "db_image") == images[TWO]
    assert steps.choices(browser, "app_image") == images[ONE]
    stack_id = steps.launch(browser, lh.unique_name("uc2"), db_image=next(iter(images[TWO])),
                            app_image=next(iter(images[ONE])), flavor="m1.tiny")
    found = None
    try:
        found = use_case_2.created(cloud, stack_id)
        browser.open(f"/project/mr_stacks/{ONE}/{stack_id}/")
        steps.tree_settled(browser)
        nodes = steps.tree_nodes(browser)
        assert nodes == [("remote", ONE, "complete"), ("remote", TWO, "complete"),
                         ("root", ONE, "complete")], nodes
        browser.screenshot("tree")
    finally:
        tree_stacks.delete(cloud, ONE, stack_id, timeout=600)
    use_case_2.wait_servers_gone(cloud, found)
