"""WSGI entry of the benchmarks' own gunicorn
(``benchmarks.served_settings``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.served_settings")
application = get_wsgi_application()
