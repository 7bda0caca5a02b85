"""Helpers of the tests of what each region holds (functional and browser):
the launch's checks run as the Check button runs them on a folder of
templates/region_values, their rows, the quota templates and the tight
user's own connection, and a credential secret for the second cloud."""
import contextlib
import pathlib
import uuid
from collections.abc import Iterator

from django.test import override_settings

from democloud.layout import TIGHT
from mr_dashboard.api import barbican
from mr_dashboard.api.other_cloud import plugins
from mr_dashboard.checks import checklist
from mr_dashboard.credentials import store
from mr_dashboard.hot import children
from mr_dashboard.hot import resolve
from tests.cloud import password_auth
from tests.functional import launch_helpers as lh
from tests.functional import resource_stacks

FOLDER = pathlib.Path(__file__).resolve().parent / "templates" / "region_values"
ONE, TWO, THREE = "RegionOne", "RegionTwo", "RegionThree"
#: The quota tests' root and its RegionTwo child (in :data:`FOLDER`).
QUOTA_ROOT, QUOTA_CHILD = "quota_root.yaml", "quota_group.yaml"


def launchable_of(root: str, parent: pathlib.Path = FOLDER) -> resolve.Launchable:
    folder = {path.name: path.read_bytes() for path in parent.glob("*.yaml")}
    return resolve.resolve(root, folder[root], folder)


def run(request, root: str, region: str = ONE, parent: pathlib.Path = FOLDER,
        count_quotas: bool = True, **values) -> checklist.Checklist:
    """The launch's checks, as the Check button runs them."""
    launchable = launchable_of(root, parent)
    placements = children.placements(launchable, region, values)
    with override_settings(MR_DASHBOARD=lh.PATIENT):
        return checklist.run_checks(request, launchable, placements, values,
                                    count_quotas)


def rows(result: checklist.Checklist, name_part: str) -> list:
    return [check for check in result.checks if name_part in check.name]


def tight_connection(cloud, region: str):
    """The tight user's own openstacksdk connection, outside the dashboard."""
    return resource_stacks.connection(cloud, region, user=TIGHT)


@contextlib.contextmanager
def second_cloud_secret(request, cloud, label: str) -> Iterator[str]:
    """A credential secret (RegionOne) of the demo user on the second
    cloud, named ``<label>-<random>``; deleted afterwards."""
    secret_id = store.credential_store(
        request, ONE, f"{label}-{uuid.uuid4().hex[:6]}",
        plugins.payload_of("password", password_auth(cloud, auth_url=cloud.second_cloud_url)))
    try:
        yield secret_id
    finally:
        barbican.secret_delete(request, ONE, secret_id)
