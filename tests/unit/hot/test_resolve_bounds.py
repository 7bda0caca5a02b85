"""What one launch may fetch is bounded before each fetch: the number of
URLs (TEMPLATE_MAX_FILES), their running total (TEMPLATE_MAX_TOTAL_BYTES)
and their time (one TEMPLATE_URL_TIMEOUT for all), each fetch capped at
what is left. The fetcher here stands in for
api/transport/fetch (whose own limits test_outbound_bounds.py tests on real
servers): it records what it was asked and never connects; the time it
takes passes on the clock resolve reads, kept by the test (no test waits)."""

import json

import pytest
from django.test import override_settings

from mr_dashboard.hot import resolve
from mr_dashboard.hot.parse import TemplateError

BASE = "http://127.0.0.1:1/t/"


def template(count: int) -> bytes:
    return json.dumps({"heat_template_version": "2021-04-16", "resources": {
        f"r{i}": {"type": "OS::Heat::Value",
                  "properties": {"value": {"get_file": f"f{i}.txt"}}}
        for i in range(count)}}).encode()


class Clock:
    """What resolve reads as ``time.monotonic()``: moves only when told."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now


class Fetcher:
    """Answers ``size`` bytes per URL (never more than allowed) after
    ``delay`` seconds of ``clock`` (never more than allowed), and records
    each call's caps."""

    def __init__(self, size: int, delay: float = 0.0,
                 clock: Clock | None = None) -> None:
        self.size, self.delay, self.clock = size, delay, clock
        self.caps, self.times = [], []

    def __call__(self, url: str, max_bytes: int, seconds: float) -> bytes:
        self.caps.append(max_bytes)
        self.times.append(seconds)
        if self.clock is not None:
            self.clock.now += min(self.delay, seconds)
        return b"x" * min(self.size, max_bytes)


def test_no_more_urls_are_fetched_than_allowed():
    fetcher = Fetcher(10)
    with override_settings(MR_DASHBOARD={"TEMPLATE_MAX_FILES": 5}):
        with pytest.raises(TemplateError, match="fetches more than 5 URLs"):
            resolve.resolve(BASE + "main.yaml", template(50), {}, fetch=fetcher)
    assert len(fetcher.caps) == 5  # refused before the sixth, not after the fiftieth


def test_each_fetch_is_capped_at_what_the_launch_has_left():
    fetcher = Fetcher(400)
    with override_settings(MR_DASHBOARD={"TEMPLATE_MAX_TOTAL_BYTES": 1000}):
        with pytest.raises(TemplateError, match="pulls in more than 1000 bytes"):
            resolve.resolve(BASE + "main.yaml", template(10), {}, fetch=fetcher)
    assert fetcher.caps == [1000, 600, 200]  # the fourth is never asked


def test_within_the_limits_everything_is_fetched():
    fetcher = Fetcher(10)
    launchable = resolve.resolve(BASE + "main.yaml", template(3), {}, fetch=fetcher)
    assert sorted(launchable.files) == [f"{BASE}f{i}.txt" for i in range(3)]
    assert fetcher.caps == [1048576, 1048566, 1048556]


def test_all_fetches_share_one_timeout(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(resolve, "time", clock)
    fetcher = Fetcher(10, delay=0.25, clock=clock)
    with override_settings(MR_DASHBOARD={"TEMPLATE_URL_TIMEOUT": 1.0}):
        with pytest.raises(TemplateError, match="could not all be fetched within 1.0 s"):
            resolve.resolve(BASE + "main.yaml", template(50), {}, fetch=fetcher)
    # 0.25 s each: the first has the whole timeout, each next one what is
    # left, the fifth finds none (not the fiftieth: given up at the timeout).
    assert fetcher.times == [1.0, 0.75, 0.5, 0.25]
