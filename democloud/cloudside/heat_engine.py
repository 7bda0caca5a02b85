"""heat-engine for the demo cloud, with one fix to Heat 27's multi-cloud child
stacks and a shorter wait between a resource's checks (STEP_SECONDS).

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
from heat.engine import scheduler
from heat.engine.resources.openstack.heat import remote_stack

#: Seconds Heat's engine waits between two checks of a resource in progress
#: (scheduler.TaskRunner's ``wait_time``, 1 s in Heat, not a setting): the
#: demo's fake servers, its light resources and its child stacks are ready
#: long before a second, and the tests wait for hundreds of them.
STEP_SECONDS = 0.5

_run = scheduler.TaskRunner.__call__


def run(self, *args, **kwargs):
    if not args:
        kwargs.setdefault("wait_time", STEP_SECONDS)
    return _run(self, *args, **kwargs)


scheduler.TaskRunner.__call__ = run
_prepare_cloud_context = remote_stack.RemoteStack._prepare_cloud_context


def prepare_cloud_context(self):
    context = _prepare_cloud_context(self)
    context.keystone_session.auth = context.auth_plugin  # the remote cloud's plugin
    return context


remote_stack.RemoteStack._prepare_cloud_context = prepare_cloud_context

if __name__ == "__main__":
    sys.argv[0] = "heat-engine"
    sys.exit(engine.main())
