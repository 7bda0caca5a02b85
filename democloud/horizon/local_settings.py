# Horizon settings of the demo cloud, written by democloud into the dashboard
# venv's openstack_dashboard/local/local_settings.py. Values in @@...@@ are
# filled in by the launcher.
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECRET_KEY = "@@SECRET_KEY@@"

OPENSTACK_HOST = "127.0.0.1"
OPENSTACK_KEYSTONE_URL = "@@KEYSTONE_URL@@"
OPENSTACK_KEYSTONE_DEFAULT_DOMAIN = "Default"
OPENSTACK_ENDPOINT_TYPE = "publicURL"

# Sessions live server-side in memcached: no token in the browser's cookie,
# and every Horizon worker process shares them (and mr_dashboard's region state).
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
        "LOCATION": "@@MEMCACHED@@",
    },
}

STATIC_ROOT = "@@STATIC_ROOT@@"
COMPRESS_ROOT = STATIC_ROOT
COMPRESS_OFFLINE = True

TIME_ZONE = "UTC"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {
        "format": "%(asctime)s %(process)d %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        # keystoneauth logs request headers at DEBUG: never below INFO here.
        "keystoneauth": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
    },
}
