"""Settings of the benchmarks' own gunicorn (:mod:`benchmarks.concurrency`).

``benchmarks.settings`` (the plugin and heat-dashboard side by side),
served the way the demo serves Horizon: sessions and Django's cache in the
demo cloud's memcached, shared by every worker, under a key prefix of their
own; on 127.0.0.1 only. Heat goes through the delaying proxies only if
``MRD_BENCH_PROXIES`` says so.
"""

from democloud.layout import HOST, PORTS

from benchmarks.settings import *  # noqa: F401,F403,H303

ALLOWED_HOSTS = [HOST]
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
CACHES = {"default": {
    "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
    "LOCATION": f"{HOST}:{PORTS['memcached']}",
    "KEY_PREFIX": "mrbench"}}
