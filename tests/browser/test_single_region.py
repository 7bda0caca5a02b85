"""With one Heat region in the catalog the region dropdown is absent, not disabled.

The one-region catalog comes from Keystone's endpoint filtering (OS-EP-FILTER):
a project of its own is associated with RegionOne's endpoints only, so its
tokens carry a one-region catalog while the demo's other regions keep running.
"""
import uuid

import pytest

from tests.cloud import keystone_session

ONLY = "RegionOne"


def _ids(sess, path: str, key: str, **params) -> list[str]:
    body = sess.get(path, endpoint_filter={"service_type": "identity", "interface": "public"},
                    params=params).json()
    return [item["id"] for item in body[key]]


@pytest.fixture
def one_region_project(cloud):
    """A project whose catalog holds RegionOne only; the demo user is a member."""
    sess = keystone_session(cloud, "admin", timeout=None)
    ident = {"endpoint_filter": {"service_type": "identity", "interface": "public"}}
    name = f"mrd-one-region-{uuid.uuid4().hex[:8]}"
    project = sess.post("/projects", json={"project": {"name": name, "domain_id": "default"}},
                        **ident).json()["project"]["id"]
    try:
        user = _ids(sess, "/users", "users", name="demo")[0]
        role = _ids(sess, "/roles", "roles", name="member")[0]
        sess.put(f"/projects/{project}/users/{user}/roles/{role}", **ident)
        for endpoint in _ids(sess, "/endpoints", "endpoints", region_id=ONLY):
            sess.put(f"/OS-EP-FILTER/projects/{project}/endpoints/{endpoint}", **ident)
        yield project
    finally:
        sess.delete(f"/projects/{project}", **ident)


def test_dropdown_is_absent_with_one_region(browser, one_region_project):
    browser.login()
    browser.open(f"/auth/switch/{one_region_project}/?next=/project/mr_regions/")
    browser.wait(lambda d: [c.get_attribute("data-mr-health-region")
                            for c in browser.all("[data-mr-health-region]")] == [ONLY])
    browser.wait(lambda d: [c.get_attribute("data-mr-health-state")
                            for c in browser.all("[data-mr-health-region]")] == ["ok"])
    assert browser.all("#mr-region-select") == []
    assert browser.all("#mr-region-form") == []
    browser.screenshot("one-region")
