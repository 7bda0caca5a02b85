"""heat-engine for the demo cloud, with one fix to Heat 27's multi-cloud child stacks.

Found here (November 2026, openstack-heat 27.0.1): for an ``OS::Heat::Stack``
with ``context.credential_secret_id``, ``RemoteStack._prepare_cloud_context``
sets the TLS option on the new context's keystone session *before* it swaps in
the auth plugin built from the secret; reading ``keystone_session`` binds the
session to the local (trust) auth, so the child is created in the LOCAL cloud
without any error. This wrapper binds the session to the remote auth plugin
after Heat built it, then runs Heat's own engine. See docs/democloud.md.
Usage: python heat_engine.py --config-file heat.conf
"""
import sys

from heat.cmd import engine  # first: it chooses oslo.service's backend
from heat.engine.resources.openstack.heat import remote_stack

_prepare_cloud_context = remote_stack.RemoteStack._prepare_cloud_context


def prepare_cloud_context(self):
    context = _prepare_cloud_context(self)
    context.keystone_session.auth = context.auth_plugin  # the remote cloud's plugin
    return context


remote_stack.RemoteStack._prepare_cloud_context = prepare_cloud_context

if __name__ == "__main__":
    sys.argv[0] = "heat-engine"
    sys.exit(engine.main())
