"""The picture test's big tree (test_resource_picture.py), started early.

A RegionOne parent with 90 resources in a nested group (more than the
picture draws unfolded) and, after them, a RegionTwo child whose only
resource fails. Heat takes about 90 s to make it, nearly all of it
waiting (13 s of its engine's CPU, measured on the demo): the browser
tests' package fixture ``big_tree`` starts it with the first browser
test when the picture test is to run, and the other tests run meanwhile.
"""
import json
import uuid
from dataclasses import dataclass

from tests.cloud import heat_client
from tests.waiting import wait_until

ONE, TWO = "RegionOne", "RegionTwo"


def template() -> dict:
    child = {"heat_template_version": "2021-04-16",
             "resources": {"broken": {"type": "OS::Heat::TestResource",
                                      "properties": {"fail": True}}}}
    return {"heat_template_version": "2021-04-16", "resources": {
        "many": {"type": "OS::Heat::ResourceGroup", "properties": {
            "count": 90, "resource_def": {"type": "OS::Heat::None"}}},
        "far": {"type": "OS::Heat::Stack", "depends_on": "many", "properties": {
            "context": {"region_name": TWO}, "template": json.dumps(child)}}}}


@dataclass
class BigTree:
    """The big tree being made in RegionOne."""

    cloud: object
    stack_id: str

    @classmethod
    def start(cls, cloud) -> "BigTree":
        heat = heat_client(cloud, ONE)
        made = heat.stacks.create(stack_name=f"mrpic-{uuid.uuid4().hex[:8]}",
                                  template=template())["stack"]["id"]
        return cls(cloud, made)

    def failed(self) -> str:
        """Wait for the parent to fail through its child; the child's
        failed resource's reason."""
        heat = heat_client(self.cloud, ONE)
        wait_until(lambda: heat.stacks.get(self.stack_id).stack_status, 180, 1,
                   what="the parent failing", done=lambda s: s.endswith("FAILED"))
        child = heat.resources.get(self.stack_id, "far").physical_resource_id
        [broken] = heat_client(self.cloud, TWO).resources.list(child)
        return broken.resource_status_reason

    def delete(self) -> None:
        heat_client(self.cloud, ONE).stacks.delete(self.stack_id)
