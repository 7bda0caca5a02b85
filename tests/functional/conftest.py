"""Fixtures of the functional tests: Horizon in-process, talking to the real demo cloud.

The Django test client logs ``demo`` in through the real Keystone; the
request Horizon then builds carries the real token and catalog, so the API
layer is exercised exactly as a view would use it.
"""
import pytest
from django.test import Client, override_settings
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api.other_cloud import remote
from tests.cloud import running_cloud
from tests.functional import stack_sets_helpers
from tests.functional import tree_stacks

#: The demo Horizon's own setting: its second cloud (and any cloud a test
#: serves) is on 127.0.0.1, which the credential check and the requests
#: into another cloud may then reach.
# (Tests set the plugin's settings whole: they keep the pages' budget off,
# as tests/settings.py does, unless they are about it.)
LOOPBACK = {"CREDENTIAL_CHECK_ALLOWED_NETWORKS": ["127.0.0.0/8", "::1/128"],
            "PAGE_BUDGET_CEILING": 0}


@pytest.fixture(scope="session")
def cloud():
    return running_cloud()


@pytest.fixture(scope="package", autouse=True)
def real_keystone(cloud):
    with override_settings(OPENSTACK_KEYSTONE_URL=cloud.keystone_url,
                           OPENSTACK_KEYSTONE_DEFAULT_DOMAIN="Default",
                           OPENSTACK_KEYSTONE_MULTIDOMAIN_SUPPORT=False,
                           AVAILABLE_REGIONS=[]):
        yield


def forget_other_clouds() -> None:
    """Drop the requests into other clouds this process keeps (a login
    there, with the TLS it was made with), as a new Horizon worker starts
    (the plugin's public reset)."""
    remote.reset()


def login(cloud, user: str = "demo", password: str | None = None) -> Client:
    """A client logged in through Horizon and the real Keystone (``demo``,
    or the tight project's user with its password)."""
    client = Client()
    response = client.post(reverse("login"), {"username": user,
                                              "password": password or cloud.demo_password,
                                              "domain": "Default", "region": "default"})
    assert response.status_code == 302, response.content[:2000]
    return client


@pytest.fixture
def demo_client(cloud):
    return login(cloud)


@pytest.fixture(scope="module")
def loopback_client(cloud):
    """``demo`` logged in once for the module, which runs with
    :data:`LOOPBACK` set."""
    with override_settings(MR_DASHBOARD=LOOPBACK):
        yield login(cloud)


@pytest.fixture
def demo_request(demo_client):
    """A real request of the logged-in demo user (token and catalog from Keystone)."""
    response = demo_client.get(reverse(constants.REGIONS_INDEX_URL))
    assert response.status_code == 200
    request = response.wsgi_request
    assert request.user.is_authenticated
    return request


@pytest.fixture
def patient(settings):
    """The shared 2-core test machine may take seconds per call: the tests
    that use this are about what is found, not how fast (see
    benchmarks/tree_bench.py)."""
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": 20.0, "PAGE_BUDGET_CEILING": 0}


@pytest.fixture(scope="session")
def stack_trees(cloud):
    """The stack-tree tests' stacks (tree_stacks.made), made once."""
    with tree_stacks.made(cloud) as made:
        yield made


@pytest.fixture(name="request_")
def request_fixture(settings, demo_request):
    """The demo user's request, patient (a busy shared machine), with a
    cache roomy enough to keep the sets' kept parts."""
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": 20.0, "STACK_ACTION_TIMEOUT": 30.0,
                             "PAGE_BUDGET_CEILING": 0}
    settings.CACHES = stack_sets_helpers.ROOMY_CACHE
    return demo_request


@pytest.fixture(name="name")
def name_fixture(request_):
    """A fresh set name; whatever is left of that set is deleted after."""
    made = stack_sets_helpers.unique_name("set")
    yield made
    stack_sets_helpers.clean(request_, made, ("RegionOne", "RegionTwo", "RegionThree"))
