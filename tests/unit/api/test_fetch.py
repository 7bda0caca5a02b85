"""Tests of mr_dashboard.api.transport.fetch: template URLs through the outbound
guard."""

import pytest
from django.test import override_settings

from mr_dashboard.api.transport import fetch

ALLOW = {"TEMPLATE_URL_ALLOWED_NETWORKS": ["127.0.0.0/8"], "TEMPLATE_MAX_BYTES": 1000,
         "TEMPLATE_URL_TIMEOUT": 1.0}


@pytest.mark.parametrize("url, message", [
    ("ftp://example.com/t.yaml", "Only http and https"),
    ("http://example.com:99999/t.yaml", "has no valid port"),
    ("http://127.0.0.1:5000/t.yaml", "loopback, link-local or private"),
    ("http://169.254.169.254/latest", "loopback, link-local or private"),
])
def test_urls_that_are_not_public_http_are_refused(url, message):
    with pytest.raises(fetch.UrlRefused) as caught:
        fetch.fetch(url)
    assert message in str(caught.value)


def test_an_allowed_url_is_fetched_with_its_host(http_server):
    seen = []
    port = http_server(lambda handler: (seen.append(handler.headers["Host"])
                                        or (200, {"ok": True})))
    with override_settings(MR_DASHBOARD=ALLOW):
        body = fetch.fetch(f"http://localhost:{port}/t.yaml")
    assert body == b'{"ok": true}'
    assert seen == [f"localhost:{port}"]


def test_large_slow_and_failing_urls_are_cut_off(http_server, silent_port):
    large = http_server(lambda handler: (200, {"blob": "x" * 2000}))
    missing = http_server(lambda handler: (404, {}))
    with override_settings(MR_DASHBOARD=ALLOW):
        for url, message in [
                (f"http://127.0.0.1:{large}/", "larger than 1000 bytes"),
                (f"http://127.0.0.1:{missing}/", "answered HTTP 404"),
                (f"http://127.0.0.1:{silent_port}/", "could not be fetched")]:
            with pytest.raises(fetch.UrlRefused) as caught:
                fetch.fetch(url)
            assert message in str(caught.value)
