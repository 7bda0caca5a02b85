"""A stack set's values per region through the Launch Stack Set pages,
against the demo cloud (issue 20, items 3, 5 and 6): each member's own
field says where its value lands (its region, and every region its
template sends it on to: a child in RegionThree), the common field where
it lands in all, and the way out when no choice is held in every one of
them, all escaped; a ``hidden`` value typed for every region or for one
region is kept, sealed, through a Check, without being typed again, and
never shows in the page or the draft. (A member naming a flavor its region lacks failing
in that region: tests/functional/test_region_values.py.)"""
from django.test import override_settings
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.panels.shared.draft import Draft
from tests.functional import launch_helpers as lh

ONE, TWO, THREE = "RegionOne", "RegionTwo", "RegionThree"

# Each member's image goes to its own server and to a child in RegionThree;
# the demo's regions hold no image in common.
FAR_CHILD = """
heat_template_version: 2021-04-16
parameters:
  image:
    type: string
    constraints: [{custom_constraint: glance.image}]
  admin_pass: {type: string, hidden: true}
resources:
  near:
    type: OS::Heat::None
    properties:
      image: {get_param: image}
      admin_pass: {get_param: admin_pass}
  far:
    type: OS::Heat::Stack
    properties:
      context: {region_name: RegionThree}
      parameters: {image: {get_param: image}}
      template: |
        heat_template_version: 2021-04-16
        parameters:
          image:
            type: string
            constraints: [{custom_constraint: glance.image}]
        resources: {}
"""


def parameters_step(client, template: str = FAR_CHILD):
    step = client.post(reverse(constants.STACK_SET_LAUNCH_URL), {
        "regions": [ONE, TWO], "template_source": "raw", "template_data": template}, follow=True)
    assert step.status_code == 200, step.content[:2000]
    return step


def check(client, draft: str, **fields):
    with override_settings(MR_DASHBOARD=lh.PATIENT):
        checked = client.post(reverse(constants.STACK_SET_LAUNCH_STACK_URL), {
            "draft": draft, "action": "check", "timeout_mins": 5,
            "stack_name": lh.unique_name("setvalues"), **fields})
    assert checked.status_code == 200, checked.content[:2000]
    return checked


def test_each_region_field_says_where_its_member_s_value_lands(demo_client):
    with override_settings(MR_DASHBOARD=lh.PATIENT):
        step = parameters_step(demo_client)
    form = step.context["form"]
    assert not form.picker_notes, form.picker_notes
    notes = [f"{label}: {note}" for label, note in form.reach_notes]

    # A member's value: its own region first, then RegionThree's child.
    assert form.region_reach["image", ONE].regions == (ONE, THREE)
    assert form.region_reach["image", TWO].regions == (TWO, THREE)
    for region in (ONE, TWO):
        assert f"image in {region}: Its value goes to {region}, {THREE}." in notes, notes
        assert any(note.startswith(f"image in {region}: No choice exists in every region "
                                   f"this member's value goes to ({region}, {THREE})")
                   for note in notes), notes
    # The value for every member goes to all three; the way out is a
    # member's own value.
    assert f"image: Its value goes to {ONE}, {TWO}, {THREE}." in notes, notes
    assert any(note.startswith("image: No choice exists") and "give each member its own value"
               in note for note in notes), notes
    assert f"Its value goes to {ONE}, {THREE}." in form.fields["param__image__0"].help_text
    # No name is chosen for every member unasked: blank first.
    assert form.fields["param__image"].choices[0] == ("", "(each region's own value)")

    # A member's picker marks what only some of its regions hold.
    labels = dict(form.fields["param__image__1"].choices)
    assert labels["debian-regiontwo"] == f"debian-regiontwo (only in {TWO})"
    assert labels["fedora-regionthree"] == f"fedora-regionthree (only in {THREE})"
    assert "ubuntu-regionone" not in labels
    page = step.content.decode()
    assert page.count("data-mr-reach-note") == len(notes)
    # The hidden value is never a picker, and no reach is said of it.
    assert not any(label.startswith("admin_pass") for label, _note in form.reach_notes)


def test_hidden_values_of_each_region_are_kept_sealed_through_a_check(demo_client):
    common, own = "s3cret-every-member", "s3cret-only-regiontwo"
    step = parameters_step(demo_client)
    images = {ONE: "ubuntu-regionone", TWO: "debian-regiontwo"}

    typed = check(demo_client, step.context["form"]["draft"].value(),
                  param__image__0=images[ONE], param__image__1=images[TWO],
                  param__admin_pass=common, param__admin_pass__1=own)
    form = typed.context["form"]
    assert not form.errors, form.errors
    assert form.values_by_region[ONE]["admin_pass"] == common
    assert form.values_by_region[TWO]["admin_pass"] == own
    sealed = form["draft"].value()
    kept = Draft.loads(sealed, typed.wsgi_request)
    assert kept.hidden == {"admin_pass": common}
    assert kept.region_hidden == {TWO: {"admin_pass": own}}
    for secret in (common, own):
        assert secret not in typed.content.decode()
        assert secret not in lh.readable(sealed)
    assert "Kept, sealed" in form.fields["param__admin_pass__1"].help_text
    assert "Kept, sealed" not in form.fields["param__admin_pass__0"].help_text

    # Checked again with both password fields blank: the kept values go on.
    again = check(demo_client, sealed, param__image__0=images[ONE],
                  param__image__1=images[TWO])
    form = again.context["form"]
    assert not form.errors, form.errors
    assert form.values_by_region == {
        ONE: {"image": images[ONE], "admin_pass": common},
        TWO: {"image": images[TWO], "admin_pass": own}}
    for secret in (common, own):
        assert secret not in again.content.decode()
        assert secret not in lh.readable(form["draft"].value())

    # A new value typed for one region replaces only that region's.
    changed = check(demo_client, form["draft"].value(), param__image__0=images[ONE],
                    param__image__1=images[TWO], param__admin_pass__0="s3cret-new-one")
    assert changed.context["form"].values_by_region[ONE]["admin_pass"] == "s3cret-new-one"
    assert changed.context["form"].values_by_region[TWO]["admin_pass"] == own
    assert "s3cret-new-one" not in changed.content.decode()


def test_a_hidden_value_never_typed_is_still_asked_for(demo_client):
    step = parameters_step(demo_client)
    checked = check(demo_client, step.context["form"]["draft"].value(),
                    param__image="ubuntu-regionone", param__admin_pass__0="s3cret-one-only")
    assert "one for each of: RegionTwo" in checked.content.decode()
    assert "s3cret-one-only" not in checked.content.decode()


def test_labels_and_notes_of_region_fields_are_escaped(demo_client):
    template = FAR_CHILD.replace("    type: string\n    constraints",
                                 "    type: string\n    label: <i>pic</i>\n    constraints", 1)
    with override_settings(MR_DASHBOARD=lh.PATIENT):
        page = parameters_step(demo_client, template).content.decode()
    assert "<i>pic" not in page
    assert f"&lt;i&gt;pic&lt;/i&gt; in {ONE}: Its value goes to {ONE}, {THREE}." in page
