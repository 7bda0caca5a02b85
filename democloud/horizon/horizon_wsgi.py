"""Horizon's WSGI application with its collected static files served by WhiteNoise.

Copied by democloud into the dashboard venv's site-packages; run by gunicorn.
"""
from django.conf import settings
from whitenoise import WhiteNoise

from openstack_dashboard.wsgi import application as _horizon

application = WhiteNoise(_horizon, root=settings.STATIC_ROOT, prefix=settings.STATIC_URL)
