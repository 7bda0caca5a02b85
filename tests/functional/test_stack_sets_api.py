"""Stack sets through the API layer against the real demo cloud, on light
templates (OS::Heat::None, RandomString): the tags, drift, batches and
tolerated failures, leave vs delete (a frozen region's retry:
test_stack_sets_pages)."""

from mr_dashboard.api import heat
from mr_dashboard.api.stack_sets import outside
from mr_dashboard.api.stack_sets import operations
from mr_dashboard.api.stack_sets import pending
from mr_dashboard.api.stack_sets import rollout
from mr_dashboard.api.stack_sets import tags as set_tags
from tests.functional import launch_helpers as lh
from tests.functional import stack_sets_helpers as helpers

ONE, TWO, THREE = "RegionOne", "RegionTwo", "RegionThree"
ALL = (ONE, TWO, THREE)


def fields() -> dict:
    return {"template": helpers.light(), "files": {}, "timeout_mins": 5}


def changes(request, found) -> dict[str, list[str]]:
    """What changed outside the set, member by member (read back from Heat)."""
    return {region: outside.member_changes(request, region, member)
            for region, member in found.members.items()}


def test_create_update_grow_shrink_delete(request_, name):
    values = {ONE: {"image": "img-one", "cidr": "10.1.0.0/24"},
              TWO: {"image": "img-two", "cidr": "10.2.0.0/24", "size": "3"}}
    outcomes = operations.create(request_, name, [ONE, TWO], fields(), values)
    assert {o.state for o in outcomes.values()} == {rollout.DONE}, outcomes

    found = helpers.settled(request_, name, (ONE, TWO))
    assert {r: m.stack.status for r, m in found.members.items()} == {
        ONE: "CREATE_COMPLETE", TWO: "CREATE_COMPLETE"}
    tags = found.members[ONE].tags
    assert (tags.name, tags.rev, tags.regions) == (name, 1, (ONE, TWO))
    assert found.members[TWO].tags.set_id == tags.set_id
    assert all(len(tag) <= set_tags.MAX_TAG and "," not in tag
               for tag in found.members[ONE].stack.tags)
    assert found.drifted() == [] and found.missing() == []
    # The digests the tags carry are Heat's own view of the members.
    assert changes(request_, found) == {ONE: [], TWO: []}

    # A member changed outside the set is seen from Heat alone.
    heat.stack_update(request_, TWO, found.members[TWO].stack.identity,
                      existing=True, parameters={"cidr": "10.9.0.0/24"})
    found = helpers.settled(request_, name, (ONE, TWO))
    assert changes(request_, found) == {
        ONE: [], TWO: ["Its parameters were changed outside the set."]}

    # Update the set: every member gets its values and the next revision.
    outcomes = operations.update(request_, found, {ONE: {"cidr": "10.3.0.0/24"},
                                                   TWO: {"cidr": "10.4.0.0/24"}})
    assert all(o.ok for o in outcomes.values()), outcomes
    found = helpers.settled(request_, name, (ONE, TWO))
    assert {m.tags.rev for m in found.members.values()} == {2}
    assert {r: m.stack.status for r, m in found.members.items()} == {
        ONE: "UPDATE_COMPLETE", TWO: "UPDATE_COMPLETE"}
    detail = heat.stack_show(request_, TWO, found.members[TWO].stack.identity)
    assert (detail.parameters["cidr"], detail.parameters["image"]) == ("10.4.0.0/24", "img-two")
    assert changes(request_, found) == {ONE: [], TWO: []}

    # Grow: RegionThree joins, the others learn it.
    outcomes = operations.add_region(request_, found, THREE, fields(),
                                     {"image": "img-three"})
    assert all(o.ok for o in outcomes.values()), outcomes
    found = helpers.settled(request_, name, ALL)
    assert found.regions == ALL and found.drifted() == []
    assert {m.tags.rev for m in found.members.values()} == {3}

    # Shrink: RegionThree leaves (its stack stays, untagged), RegionTwo's
    # member is deleted.
    operations.remove_region(request_, found, THREE, delete=False)
    found = helpers.settled(request_, name, (ONE, TWO))
    assert set(found.members) == {ONE, TWO} and found.regions == (ONE, TWO)
    # The set does not wait for the member that left: its last batch.
    lh.wait_settled(request_, THREE, name)
    left = heat.stack_get(request_, THREE, name)
    assert helpers.set_tags_of(left) is None and left.status == "UPDATE_COMPLETE"
    operations.remove_region(request_, found, TWO, delete=True)
    helpers.gone(request_, name, (TWO,))
    found = helpers.settled(request_, name, (ONE,))
    assert found.regions == (ONE,) and found.drifted() == []

    # Delete the set: nothing of it left (the RegionThree stack left the set).
    assert all(o.ok for o in operations.delete(request_, found).values())
    helpers.gone(request_, name, (ONE, TWO))
    assert set(helpers.stacks_named(request_, name, ALL)) == {THREE}


def test_batches_stop_past_the_tolerated_failures(request_, name):
    bad = {"image": "x", "size": "9"}  # out of range: Heat refuses
    good = {"image": "y"}
    outcomes = operations.create(request_, name, list(ALL), fields(),
                                 {ONE: bad, TWO: good, THREE: good},
                                 max_at_once=1, failures_tolerated=0)
    assert [o.state for o in outcomes.values()] == [
        rollout.FAILED, rollout.NOT_STARTED, rollout.NOT_STARTED]
    assert "size" in outcomes[ONE].message
    assert "more than the 0 tolerated" in outcomes[TWO].message
    assert helpers.stacks_named(request_, name, ALL) == {}
    assert set(pending.kept(request_, name)) == set(ALL)

    # One failure tolerated: the next batches go on, one region at a time.
    outcomes = operations.create(request_, name, list(ALL), fields(),
                                 {ONE: bad, TWO: good, THREE: good},
                                 max_at_once=1, failures_tolerated=1)
    assert [o.state for o in outcomes.values()] == [
        rollout.FAILED, rollout.DONE, rollout.DONE]
    # RegionTwo was waited for before RegionThree started.
    assert heat.stack_get(request_, TWO, name).status == "CREATE_COMPLETE"
    assert set(pending.kept(request_, name)) == {ONE}
