"""Helpers of the credential and other-cloud tests, functional and browser:
the demo's own credential secret, secrets of a name, a unique name whose
secrets go afterwards, the stacks of the second cloud, and a parent template
whose child Heat makes in the cloud of a credential.

Its fixtures (``barbican``, ``secret_name``) are registered for every test
in tests/conftest.py.
"""
import contextlib
import textwrap
import uuid
from collections.abc import Iterator

import pytest
from barbicanclient import client as barbican_client

from mr_dashboard.api import barbican as barbican_api
from tests.cloud import keystone_session, second_cloud_heat

#: The credential secret democloud stores for its second cloud (RegionOne).
DEMO_SECRET = "democloud-second-cloud"
PREFIX = "mrcred"


def in_other_cloud(child: str, ca_cert: bool = False, outputs: tuple[str, ...] = ()) -> str:
    """A template whose resource ``remote`` (an OS::Heat::Stack) makes the
    template ``child`` in the cloud of the credential secret passed as its
    parameter ``credential`` (a plain string: the launch form makes it a
    picker of secrets). With ``ca_cert``, the parameter ``ca_cert`` is the
    CA that cloud is reached with; ``outputs``: the child's outputs the
    parent passes on as its own."""
    ca_parameter = "  ca_cert: {type: string}\n" if ca_cert else ""
    ca_context = "        ca_cert: {get_param: ca_cert}\n" if ca_cert else ""
    passed = "".join(f"  {name}:\n    value: {{get_attr: [remote, outputs, {name}]}}\n"
                     for name in outputs)
    return (f"heat_template_version: 2021-04-16\n"
            f"parameters:\n"
            f"  credential:\n"
            f"    type: string\n"
            f"    description: The other cloud's credential secret\n"
            f"{ca_parameter}"
            f"resources:\n"
            f"  remote:\n"
            f"    type: OS::Heat::Stack\n"
            f"    properties:\n"
            f"      context:\n"
            f"        credential_secret_id: {{get_param: credential}}\n"
            f"{ca_context}"
            f"      template: |\n"
            f"{textwrap.indent(child, ' ' * 8)}"
            + (f"outputs:\n{passed}" if outputs else ""))


#: A parent whose child in the other cloud holds a value and gives it as
#: the output ``where`` (the parent's too).
LAUNCH_TEMPLATE = in_other_cloud("""heat_template_version: 2021-04-16
resources:
  marker:
    type: OS::Heat::Value
    properties: {value: in-the-other-cloud}
outputs:
  where:
    value: {get_attr: [marker, value]}
""", outputs=("where",))


def demo_secret(request) -> str:
    """The id of :data:`DEMO_SECRET`, read through the dashboard's API layer."""
    [found] = [s.id for s in barbican_api.secrets_list(request, "RegionOne")
               if s.name == DEMO_SECRET]
    return found


def secret_ids(barbican, name: str) -> list[str]:
    """The ids of the secrets called ``name`` (barbicanclient's view)."""
    return [s.secret_ref.rsplit("/", 1)[-1] for s in barbican.secrets.list(name=name)]


@contextlib.contextmanager
def unique_secret_name(barbican) -> Iterator[str]:
    """A unique name; whatever secret gets it is deleted afterwards."""
    name = f"{PREFIX}-{uuid.uuid4().hex[:8]}"
    try:
        yield name
    finally:
        for secret in barbican.secrets.list(name=name):
            secret.delete()


def other_cloud_stacks(cloud) -> dict[str, tuple[str, str]]:
    """``{name: (id, status)}`` of the demo project's stacks there."""
    return {s.stack_name: (s.id, s.stack_status)
            for s in second_cloud_heat(cloud).stacks.list()}


@pytest.fixture(scope="module")
def barbican(cloud):
    """Barbican as the demo user sees it, without the dashboard."""
    return barbican_client.Client(session=keystone_session(cloud), region_name="RegionOne")


@pytest.fixture
def secret_name(barbican):
    with unique_secret_name(barbican) as name:
        yield name
