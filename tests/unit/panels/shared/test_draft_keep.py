"""The rule of a hidden value in a launch draft (Draft.keep), for one
stack's field and for a stack set's region fields, and what a form says of
where a set's values go (reach.union, reach.notes)."""
from mr_dashboard.api.iaas.pickers import Picked
from mr_dashboard.panels.shared import reach
from mr_dashboard.panels.shared.draft import Draft


def draft() -> Draft:
    return Draft(region="RegionOne", root="t.yaml", template={})


def test_a_typed_value_is_kept_and_given_back_to_its_blank_field():
    kept = draft()
    kept.keep({"f": "s3cret"}, "f", "admin_pass")
    data = {"f": ""}
    kept.keep(data, "f", "admin_pass")
    assert data == {"f": "s3cret"} and kept.kept("admin_pass")
    assert kept.region_hidden == {}


def test_a_region_s_value_is_kept_for_that_region_only():
    kept = draft()
    kept.keep({"f__1": "two"}, "f__1", "admin_pass", "RegionTwo")
    assert kept.region_hidden == {"RegionTwo": {"admin_pass": "two"}}
    assert not kept.kept("admin_pass") and not kept.kept("admin_pass", "RegionOne")
    one, two = {}, {}
    kept.keep(one, "f__0", "admin_pass", "RegionOne")
    kept.keep(two, "f__1", "admin_pass", "RegionTwo")
    assert one == {} and two == {"f__1": "two"}
    assert "RegionOne" not in kept.region_hidden  # nothing kept, nothing added


def test_a_value_typed_again_replaces_the_kept_one():
    kept = draft()
    kept.keep({"f": "old"}, "f", "p", "RegionOne")
    kept.keep({"f": "new"}, "f", "p", "RegionOne")
    assert kept.region_hidden == {"RegionOne": {"p": "new"}}


def test_a_set_s_value_goes_where_every_member_s_goes_members_first():
    one = reach.Reach("glance.image", ("RegionThree", "RegionOne"))
    two = reach.Reach("glance.image", ("RegionTwo", "RegionThree"), ("Far",))
    both = reach.union([one, two], ["RegionOne", "RegionTwo"])
    assert both.regions == ("RegionOne", "RegionTwo", "RegionThree")
    assert both.elsewhere == ("Far",)
    assert reach.union([], ["RegionOne"]) is None


def test_the_way_out_depends_on_the_field():
    target = reach.Reach("glance.image", ("RegionOne", "RegionThree"))
    none_common = Picked("glance.image", "RegionOne, RegionThree",
                         choices=(("a", "a (only in RegionOne)"),),
                         regions=target.regions)
    said = {field: reach.notes(target, none_common, field)
            for field in (reach.STACK, reach.SET, reach.MEMBER)}
    assert all(notes[0] == "Its value goes to RegionOne, RegionThree."
               for notes in said.values())
    assert "launch a stack set" in said[reach.STACK][1]
    assert "give each member its own value" in said[reach.SET][1]
    assert "this member's value" in said[reach.MEMBER][1]
    assert reach.notes(reach.Reach("nova.flavor", ("RegionOne",)), None,
                       reach.MEMBER) == []
