"""A quota met through the browser (issue 20), as the user ``tight``, whose
quotas democloud makes tight in RegionTwo (one instance): a RegionTwo child
booting two servers fails the Check there, naming the region, the kind,
needed and free; the same launch with one server passes. The templates go
up as a tar.gz archive. Nothing is launched."""
import tarfile

from democloud.layout import TIGHT
from tests.browser import launch_steps as steps
from tests.functional import launch_helpers as lh
from tests.functional.region_checks import FOLDER, QUOTA_CHILD, QUOTA_ROOT
from tests.functional.region_checks import tight_connection
from tests.secret_watch import watch

TWO = "RegionTwo"


def test_two_servers_over_the_instances_quota_fail_one_passes(browser, cloud, tmp_path):
    limits = tight_connection(cloud, TWO).compute.get_limits().absolute
    free = limits.max_total_instances - limits.total_instances_used
    archive = tmp_path / "quota.tar.gz"
    with tarfile.open(archive, "w:gz") as out:
        for name in (QUOTA_ROOT, QUOTA_CHILD):
            out.add(FOLDER / name, name)
    watch(cloud.tight_password, "the tight password")
    browser.login(cloud.tight_password, user=TIGHT)
    steps.open_archive(browser, archive)
    tiny = next(value for value, label in steps.choices(browser, "flavor").items()
                if label == "m1.tiny")
    steps.fill(browser, lh.unique_name("quota"), flavor=tiny)
    steps.type_into(browser, "count", "2")

    failed = steps.check_fails(browser)

    assert not any(rows for region, rows in failed.items() if region != TWO), failed
    assert any("Quota: instances" in row and
               f"{TWO}: 2 instances needed, {free} free" in row for row in failed[TWO]), failed
    steps.type_into(browser, "count", "1")
    steps.check_passes(browser)
