"""What each region holds, through the browser (issue 20): a template of
our own passing one image and one flavor to children in RegionOne and
RegionTwo, uploaded as an archive, offers first the choices both regions
hold and marks the others ("only in RegionOne"); a RegionOne image fails
the Check naming RegionTwo and the image (the quotas: test_region_quota.py,
on the tight project). With RegionTwo's Nova frozen, the flavor and key
fields come as text, and become those pickers once it answers, without a
reload. A stack set whose RegionTwo member names a flavor
of RegionOne only fails there, and only there; its form says where the
common values go. Nothing is launched: the checks refuse first."""
import zipfile

from django.core.cache.backends.memcached import PyMemcacheCache

from democloud.layout import HOST
from democloud.layout import PORTS
from mr_dashboard.api.iaas import pickers
from tests.browser import launch_steps as steps
from tests.cloud import REPO
from tests.cloud import keystone_access
from tests.cloud import stopped
from tests.functional import launch_helpers as lh
from tests.functional import resource_stacks

ONE, TWO = "RegionOne", "RegionTwo"
TEMPLATES = REPO / "tests" / "browser" / "templates" / "region_values"


def zipped(tmp_path, folder: str):
    archive = tmp_path / f"{folder}.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted((TEMPLATES / folder).iterdir()):
            out.write(path, path.name)
    return archive


def names(cloud, region: str, kind: str) -> set[str]:
    sdk = resource_stacks.connection(cloud, region)
    items = sdk.image.images(status="active") if kind == "image" else sdk.compute.flavors()
    return {item.name for item in items}


def forget_kept_listings(cloud, region: str, constraints) -> None:
    """Drop what earlier late listings of ``constraints`` in ``region``
    kept for the demo user's next form (in the dashboard's cache, the
    demo's memcached): the next form asks them again."""
    access = keystone_access(cloud)
    owner = (access.user_id, access.project_id)
    PyMemcacheCache(f"{HOST}:{PORTS['memcached']}", {}).delete_many(
        [pickers.kept_key(owner, (constraint, region)) for constraint in constraints])


def reach_notes(browser) -> str:
    return " ".join(note.text for note in browser.all("#mr-reach-notes li"))


def test_a_value_for_two_regions_offers_both_first_then_fails_where_it_lacks(
        browser, cloud, tmp_path):
    flavors = {region: names(cloud, region, "flavor") for region in (ONE, TWO)}
    common = sorted(flavors[ONE] & flavors[TWO], key=lambda name: (name.lower(), name))
    assert common and flavors[ONE] - flavors[TWO]
    browser.login()
    steps.open_archive(browser, zipped(tmp_path, "two_regions"))

    listed = list(steps.choices(browser, "flavor").items())
    assert listed[:len(common)] == [(name, name) for name in common]
    assert all(label == f"{value} (only in {ONE})"
               for value, label in listed[len(common):]), listed
    images = steps.choices(browser, "image")
    assert images["ubuntu-regionone"] == f"ubuntu-regionone (only in {ONE})"
    assert images["debian-regiontwo"] == f"debian-regiontwo (only in {TWO})"
    said = reach_notes(browser)
    assert f"goes to {ONE}, {TWO}" in said and "No choice exists in every region" in said, \
        said
    assert "stack set" in said
    browser.screenshot("common-first")

    steps.fill(browser, lh.unique_name("reach"), image="ubuntu-regionone",
               flavor="m1.tiny")
    failed = steps.check_fails(browser)
    assert not failed.get(ONE), failed
    assert any(f"{TWO} has no image" in row and "ubuntu-regionone" in row
               for row in failed[TWO]), failed


def test_a_late_region_s_pickers_appear_when_it_answers(browser, cloud, tmp_path):
    flavors = {region: names(cloud, region, "flavor") for region in (ONE, TWO)}
    browser.login()
    steps.open_archive(browser, zipped(tmp_path, "two_regions"))  # paces learned
    forget_kept_listings(cloud, TWO, ("nova.flavor", "nova.keypair"))
    with stopped(cloud, "nova", TWO):
        steps.send_archive(browser, zipped(tmp_path, "two_regions"))
        late = {note.get_attribute("data-mr-field") for note in
                browser.all("#mr-picker-notes li[data-mr-field]")}
        assert late >= {"param__flavor", "param__key"}, late
        assert "answering slowly" in browser.find("#mr-picker-notes").text
        assert browser.find("#id_param__flavor").tag_name == "input"
        steps.choices(browser, "image")  # RegionTwo's Glance answered
        browser.screenshot("late-pickers")
    browser.wait(lambda d: d.execute_script(steps.PICKERS_SETTLED_JS), timeout=90)
    assert steps.pickers_listed(browser), browser.find(steps.PICKER_NOTES).text
    listed = steps.choices(browser, "flavor")
    assert set(listed) == flavors[ONE] | flavors[TWO]
    assert steps.choices(browser, "key")
    browser.screenshot("late-pickers-came")


def test_a_stack_set_member_naming_a_missing_flavor_fails_in_its_region(browser, cloud):
    flavors = {region: names(cloud, region, "flavor") for region in (ONE, TWO)}
    only_one = sorted(flavors[ONE] - flavors[TWO])[0]
    browser.login()
    steps.open_set_launch(browser, TEMPLATES / "set_member.yaml")
    # The common field: what both members hold first, RegionOne's own marked;
    # the form says where it goes, and that no image is in both.
    assert steps.choices(browser, "flavor")[only_one] == f"{only_one} (only in {ONE})"
    said = reach_notes(browser)
    assert f"flavor: Its value goes to {ONE}, {TWO}." in said, said
    assert f"image: No choice exists in every region it goes to ({ONE}, {TWO}): " \
        "give each member its own value" in said, said
    browser.find("#id_stack_name").send_keys(lh.unique_name("setflavor"))
    for field, image in (("image__0", "ubuntu-regionone"), ("image__1", "debian-regiontwo")):
        # A member's own picker lists its region's images by id.
        steps.pick(browser, field, next(value for value, label in steps.choices(
            browser, field).items() if label == image))
    steps.pick(browser, "flavor", only_one)

    failed = steps.check_fails(browser)

    assert not failed.get(ONE), failed
    assert any(f"{TWO} has no flavor" in row and only_one in row for row in failed[TWO]), \
        failed
