"""The demo cloud: a real multi-region OpenStack control plane on 127.0.0.1.

One Keystone, one Heat (API + engine) per region, one Barbican, PostgreSQL,
RabbitMQ (one vhost per region), memcached and Horizon with mr_dashboard.
The launcher itself uses only the standard library; the services run from
their own virtual environments (see :mod:`democloud.install`).
"""
