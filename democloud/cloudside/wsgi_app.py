"""One WSGI entry point for the cloud's APIs under gunicorn.

``MRD_SERVICE`` names the service and ``MRD_CONFIG`` its config file (for
Placement, Glance, Neutron and Nova the launcher sets the environment
variables their own entry points read instead). The services' own entry
points parse ``sys.argv`` (under gunicorn, gunicorn's arguments) and
Barbican's reads a fixed paste file, hence this wrapper.
"""
import os
import sys

SERVICE = os.environ["MRD_SERVICE"]
CONFIG = os.environ.get("MRD_CONFIG", "")


def _close(app):
    """Answer with ``Connection: close``: keep-alive clients otherwise met resets and stalls."""
    def wrapped(environ, start_response):
        def start(status, headers, exc_info=None):
            headers = [(k, v) for k, v in headers if k.lower() != "connection"]
            headers.append(("Connection", "close"))
            return start_response(status, headers, exc_info)
        return app(environ, start)
    return wrapped


# oslo.config parses sys.argv, which under gunicorn holds gunicorn's own options.
sys.argv = [f"{SERVICE}-api"]
if SERVICE == "keystone":
    os.environ["OS_KEYSTONE_CONFIG_DIR"] = os.path.dirname(CONFIG)
    os.environ["OS_KEYSTONE_CONFIG_FILES"] = os.path.basename(CONFIG)
    from keystone.wsgi.api import application as _app
elif SERVICE == "heat":
    sys.argv += ["--config-file", CONFIG]
    from heat.wsgi.api import application as _app
elif SERVICE == "barbican":
    from paste import deploy
    _app = deploy.loadapp("config:" + os.environ["MRD_PASTE"])
elif SERVICE == "placement":
    from placement.wsgi.api import application as _app
elif SERVICE == "glance":
    from glance.wsgi.api import application as _app
elif SERVICE == "neutron":
    from neutron.wsgi.api import application as _app
    from neutron import policy
    # Neutron builds its policy enforcer at the first check and publishes it
    # before registering its rules: requests arriving together in a new
    # worker's threads could be judged by an enforcer without rules ("rule:
    # create_network is disallowed by policy", seen for 3 of 35 networks
    # one template made at once). Built here, before any request.
    policy.init()
elif SERVICE == "nova":
    from nova.wsgi.osapi_compute import application as _app
else:
    raise SystemExit(f"unknown service {SERVICE}")

application = _close(_app)
