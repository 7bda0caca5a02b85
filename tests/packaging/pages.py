"""The plugin's pages on a Horizon it was installed into, as README.md says.

Run by that Horizon's python (``DJANGO_SETTINGS_MODULE`` set to
``openstack_dashboard.settings``) once the install section ran: every panel
the enabled files add is rendered by Django's test client through Horizon's
own settings, URLs, middleware and offline-compressed pages, for a user
logged in the way Horizon's test helpers log one in (``get_user`` of
openstack_auth replaced). The user's catalog points at a server of this
script on 127.0.0.1 that answers Keystone's version document (Horizon's
menu asks for it) and 503 to everything else: Heat and Barbican are down in
both regions, and the plugin reports them so. Prints one JSON line: each
URL, its status and whether the page is the plugin's.
"""

import datetime
import http.server
import json
import threading
from types import SimpleNamespace

import django
from django.test.utils import override_settings, setup_test_environment

REGIONS = ("RegionOne", "RegionTwo")
PROJECT = "0123456789abcdef0123456789abcdef"
#: Horizon's default settings keep sessions in memcached; none runs here.
LOCAL = {"CACHES": {"default": {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    "SESSION_ENGINE": "django.contrib.sessions.backends.signed_cookies"}


class _Cloud(http.server.BaseHTTPRequestHandler):
    """Keystone's version document under /identity; 503 for the rest."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if not self.path.startswith("/identity/"):
            self.send_error(503)
            return
        url = f"http://127.0.0.1:{self.server.server_port}{self.path}"
        body = json.dumps({"version": {
            "id": "v3.14", "status": "stable", "updated": "2020-04-07T00:00:00Z",
            "links": [{"rel": "self", "href": url}],
            "media-types": [{"base": "application/json",
                             "type": "application/vnd.openstack.identity-v3+json"}]}})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def log_message(self, *args) -> None:
        """Quiet: the JSON line is this script's only output."""


def _catalog(base: str) -> list[dict]:
    def service(kind: str, path: str, regions=REGIONS) -> dict:
        return {"type": kind, "name": kind, "endpoints": [
            {"interface": interface, "region": region, "region_id": region,
             "url": f"{base}/{kind}/{region}{path}"}
            for region in regions
            for interface in ("public", "internal", "admin")]}
    return [service("identity", "/v3", REGIONS[:1]),
            service("orchestration", f"/v1/{PROJECT}"),
            service("key-manager", "")]


def _user(settings, base: str):
    from keystoneauth1 import access
    from openstack_auth import user as auth_user

    expires = (datetime.datetime.now(datetime.timezone.utc)
               + datetime.timedelta(hours=1)).isoformat()
    catalog = _catalog(base)
    # Keystone's member role implies reader, as in a real token.
    roles = [{"id": "member", "name": "member"},
             {"id": "reader", "name": "reader"}]
    body = {"token": {
        "methods": ["password"], "expires_at": expires, "roles": roles,
        "user": {"id": "packaging", "name": "packaging",
                 "domain": {"id": "default", "name": "Default"}},
        "project": {"id": PROJECT, "name": "packaging",
                    "domain": {"id": "default", "name": "Default"}},
        "catalog": catalog}}
    token = auth_user.Token(access.AccessInfoV3(body, "packaging-token"))
    tenant = SimpleNamespace(id=PROJECT, name="packaging", enabled=True,
                             domain_id="default")

    def get_user(request):
        user = auth_user.User(
            id="packaging", token=token, user="packaging",
            domain_id="default", user_domain_name="Default",
            tenant_id=PROJECT, tenant_name="packaging",
            service_catalog=catalog, roles=roles, enabled=True,
            authorized_tenants=[tenant], services_region=REGIONS[0],
            endpoint=settings.OPENSTACK_KEYSTONE_URL)
        user._is_system_user = False
        return user
    return get_user


def main() -> None:
    django.setup()
    setup_test_environment()
    import horizon
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse
    from openstack_auth import utils as auth_utils

    cloud = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Cloud)
    threading.Thread(target=cloud.serve_forever, daemon=True).start()
    auth_utils.get_user = _user(settings,
                                f"http://127.0.0.1:{cloud.server_port}")
    pages = {}
    with override_settings(**LOCAL):
        client = Client()
        client.get(reverse("horizon:user_home"))  # Horizon's registry loads
        for dashboard in horizon.get_dashboards():
            for panel in dashboard.get_panels():
                if not type(panel).__module__.startswith("mr_dashboard."):
                    continue
                url = panel.get_absolute_url()
                response = client.get(url)
                text = response.content.decode()
                pages[url] = {
                    "status": response.status_code,
                    "plugin": str(panel.name) in text,
                    "start": text[:300] if response.status_code != 200
                    else ""}
    print(json.dumps(pages))


if __name__ == "__main__":
    main()
