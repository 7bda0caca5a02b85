"""Fixtures of the functional tests: Horizon in-process, talking to the real demo cloud.

The Django test client logs ``demo`` in through the real Keystone; the
request Horizon then builds carries the real token and catalog, so the API
layer is exercised exactly as a view would use it.
"""
import pytest
from django.test import Client, override_settings
from django.urls import reverse

from mr_dashboard import constants
from tests.cloud import running_cloud
from tests.functional import tree_stacks


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


@pytest.fixture
def demo_request(demo_client):
    """A real request of the logged-in demo user (token and catalog from Keystone)."""
    response = demo_client.get(reverse(constants.REGIONS_INDEX_URL))
    assert response.status_code == 200
    request = response.wsgi_request
    assert request.user.is_authenticated
    return request


@pytest.fixture(scope="session")
def stack_trees(cloud):
    """The stack-tree tests' stacks (tree_stacks.made), made once."""
    with tree_stacks.made(cloud) as made:
        yield made
