"""A project's quotas where a launch's servers land, met through the
plugin's Launch form as the user ``tight``: democloud makes its quotas
tight in RegionTwo (democloud.layout.TIGHT_QUOTAS: one instance, one
core, 512 MiB) and leaves ``demo``'s own alone. A RegionTwo child booting
two servers fails naming the region, the kind, needed and free; one
server passes; a flavor bigger than the cores and RAM left fails by the
flavor's own sizes. Neutron's quotas too (two ports, one floating IP): two
floating IPs fail, a network made by the stack is counted and not looked
up. The same launch as ``demo`` passes, and an update counts no quota."""
import pytest
from django.test import override_settings
from django.urls import reverse

from democloud.layout import TIGHT
from democloud.layout import TIGHT_QUOTAS
from mr_dashboard import constants
from tests.functional import launch_helpers as lh
from tests.functional.conftest import login
from tests.functional.region_checks import FOLDER, QUOTA_CHILD, QUOTA_ROOT
from tests.functional.region_checks import rows, run, tight_connection
from tests.secret_watch import watch

TWO = "RegionTwo"
NETWORK = "quota_network.yaml"


@pytest.fixture(scope="module")
def room(cloud):
    """The tight project's absolute limits in RegionTwo, and the flavors
    there by name (the form's flavor picker lists them by id)."""
    sdk = tight_connection(cloud, TWO)
    limits = sdk.compute.get_limits().absolute
    assert limits.max_total_instances == TIGHT_QUOTAS[TWO]["compute"]["instances"]
    assert limits.max_total_cores == TIGHT_QUOTAS[TWO]["compute"]["cores"]
    assert limits.max_total_ram_size == TIGHT_QUOTAS[TWO]["compute"]["ram"]
    return limits, {flavor.name: flavor for flavor in sdk.compute.flavors()}


@pytest.fixture
def tight_client(cloud):
    watch(cloud.tight_password, "the tight password")
    return login(cloud, user=TIGHT, password=cloud.tight_password)


def checked(client, **values):
    """The Check of the Launch form on quota_root.yaml with ``values``:
    the form's checklist."""
    step = lh.select_folder(client, "region_values", parent=FOLDER.parent,
                            template_path=QUOTA_ROOT, files=[QUOTA_ROOT, QUOTA_CHILD])
    assert step.status_code == 200, step.content[:2000]
    with override_settings(MR_DASHBOARD=lh.PATIENT):
        page = lh.submit(client, lh.draft_of(step), "check",
                         stack_name=lh.unique_name("quota"), **values)
    assert page.status_code == 200
    assert not page.context["form"].errors, page.context["form"].errors
    return page.context["form"].checklist


def quota_rows(result) -> dict[str, tuple[str, str]]:
    """RegionTwo's quota rows: kind label -> (status, reason)."""
    return {check.name.removeprefix("Quota: "): (check.status, check.reason)
            for check in rows(result, "Quota:") if check.region == TWO}


def over(kind: str, needed: int, free: int, limit: int) -> tuple[str, str]:
    return (constants.CHECK_FAILED,
            f"{TWO}: {needed} {kind} needed, {free} free (limit {limit}).")


def test_two_servers_fail_on_instances_naming_region_needed_free(tight_client, room):
    limits, flavors = room
    free = limits.max_total_instances - limits.total_instances_used
    cores_free = limits.max_total_cores - limits.total_cores_used
    result = checked(tight_client, count="2", flavor=flavors["m1.tiny"].id)
    quotas = quota_rows(result)
    assert quotas["instances"] == over("instances", 2, free, limits.max_total_instances)
    # Two m1.tiny need two cores: one over the single core too.
    assert quotas["cores"] == over("cores", 2 * flavors["m1.tiny"].vcpus, cores_free,
                                   limits.max_total_cores)
    assert quotas["MiB of RAM"][0] == constants.CHECK_PASSED
    assert quotas["ports"][0] == constants.CHECK_PASSED  # 2 of 2
    assert not result.passed
    assert {check.name for check in result.failures()} == {"Quota: instances",
                                                           "Quota: cores"}


def test_one_server_passes_in_regiontwo(tight_client, room):
    result = checked(tight_client, count="1", flavor=room[1]["m1.tiny"].id)
    assert set(quota_rows(result)) >= {"instances", "cores", "MiB of RAM", "ports"}
    assert result.passed, [(c.region, c.name, c.reason) for c in result.failures()]


def test_cores_and_ram_are_counted_from_the_flavor_sizes(tight_client, room):
    limits, flavors = room
    medium = flavors["m1.medium"]
    quotas = quota_rows(checked(tight_client, count="1", flavor=medium.id))
    assert quotas["instances"][0] == constants.CHECK_PASSED
    assert quotas["cores"] == over(
        "cores", medium.vcpus, limits.max_total_cores - limits.total_cores_used,
        limits.max_total_cores)
    assert quotas["MiB of RAM"] == over(
        "MiB of RAM", medium.ram, limits.max_total_ram_size - limits.total_ram_used,
        limits.max_total_ram_size)
    # m1.small fills the one core and the 512 MiB exactly.
    exact = quota_rows(checked(tight_client, count="1", flavor=flavors["m1.small"].id))
    assert {kind: status for kind, (status, _) in exact.items()} == dict.fromkeys(
        exact, constants.CHECK_PASSED)


def test_the_demo_project_keeps_its_quotas(demo_client, room):
    quotas = quota_rows(checked(demo_client, count="2", flavor=room[1]["m1.medium"].id))
    assert quotas and all(status == constants.CHECK_PASSED
                          for status, _ in quotas.values()), quotas


@pytest.fixture
def tight_request(tight_client):
    request = tight_client.get(reverse(constants.REGIONS_INDEX_URL)).wsgi_request
    assert request.user.is_authenticated and request.user.username == TIGHT
    return request


def test_floating_ips_and_ports_are_counted_from_neutrons_quota(tight_request, cloud):
    sdk = tight_connection(cloud, TWO)
    quota = sdk.network.get_quota(sdk.current_project_id, details=True)
    assert quota.floating_ips["limit"] == TIGHT_QUOTAS[TWO]["network"]["floating_ips"]
    free = quota.floating_ips["limit"] - quota.floating_ips["used"] \
        - quota.floating_ips["reserved"]
    quotas = quota_rows(run(tight_request, NETWORK, region=TWO, count="2"))
    assert quotas["floating IPs"] == over("floating IPs", 2, free,
                                          quota.floating_ips["limit"])
    assert quotas["ports"][0] == constants.CHECK_PASSED  # 2 of 2
    assert quotas["networks"][0] == constants.CHECK_PASSED
    one = run(tight_request, NETWORK, region=TWO, count="1")
    # The ports' network is made by the stack: nothing to look up; public is.
    assert not rows(one, "ports.[member]: network")
    assert [c.status for c in rows(one, "floating_network")] == [constants.CHECK_PASSED]
    assert one.passed, [(c.region, c.name, c.reason) for c in one.failures()]


def test_an_update_counts_no_quota(tight_request):
    update = run(tight_request, QUOTA_ROOT, count_quotas=False, count="2")
    assert not rows(update, "Quota:")
    assert update.passed, [(c.region, c.name, c.reason) for c in update.failures()]
