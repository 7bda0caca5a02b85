"""What a failed set operation keeps for its retry is sealed in the cache."""
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from mr_dashboard.api.stack_sets import pending
from mr_dashboard.api.stack_sets import steps

HIDDEN = "s3cret-db-password"


@pytest.fixture
def request_():
    cache.clear()
    return SimpleNamespace(user=SimpleNamespace(project_id="p1"))


def failed_step(region: str) -> dict:
    return steps.step(steps.UPDATE, region, "site", stack_id="site/1",
                      fields={"parameters": {"db_password": HIDDEN}})


def test_kept_steps_come_back_as_they_were(request_):
    kept = pending.keep(request_, "site", ["RegionOne", "RegionTwo"],
                        [failed_step("RegionTwo")])
    assert pending.kept(request_, "site") == kept == {"RegionTwo": failed_step("RegionTwo")}
    pending.keep(request_, "site", ["RegionTwo"], [])
    assert pending.kept(request_, "site") == {}


def test_the_cache_holds_nothing_readable(request_):
    pending.keep(request_, "site", ["RegionTwo"], [failed_step("RegionTwo")])
    raw = cache.get(pending._key(request_, "site"))
    assert isinstance(raw, str) and HIDDEN not in raw and "RegionTwo" not in raw


def test_a_changed_or_moved_entry_is_dropped(request_):
    pending.keep(request_, "site", ["RegionTwo"], [failed_step("RegionTwo")])
    key = pending._key(request_, "site")
    sealed = cache.get(key)
    cache.set(key, sealed[:-4] + "AAAA")
    assert pending.kept(request_, "site") == {}
    # Another set's (or project's) entry does not open under this key.
    other = SimpleNamespace(user=SimpleNamespace(project_id="p2"))
    cache.set(pending._key(other, "site"), sealed)
    assert pending.kept(other, "site") == {}
    cache.set(key, {"RegionTwo": failed_step("RegionTwo")})  # unsealed
    assert pending.kept(request_, "site") == {}
