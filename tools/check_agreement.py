"""Agreement of the launch checks with Heat, on a folder of templates.

For every template of FOLDER (any depth; a file is a template when it has
a template version) and every region asked, the tool runs the checks the
launch form runs (:func:`mr_dashboard.checks.checklist.run_checks`, on a
real request of ``demo`` logged in through Horizon and the demo's
Keystone), then creates the stack in that region through Heat on the same
session and waits for Heat's outcome: CREATE_COMPLETE, CREATE_FAILED with
its reason, REFUSED (the create call itself answered an error) or
TIMEOUT (its own outcome, counted apart). Every stack it made is deleted.

A verdict **agrees** when the checks passed and Heat completed, or when
the checks failed and Heat failed for a reason they named: a value a
failed row quotes (`name`, or 'value' in the words of Heat's own
preview) is in Heat's reason, a refused preview meets a refused create
with the same words, a failed quota row meets
a quota error, a failed networks row meets Nova's "nics are required",
or a failed Heat validate meets a refused create.

**Parameters.** A value given with ``--param NAME=VALUE`` wins; else a
parameter with a default (or one in an environment) keeps it; else the
policy below gives one, by the parameter's ``custom_constraint`` or, for
plain strings, by words in its name: an image: the region's first active
image by name; a flavor: ``m1.tiny``; a key pair: ``demo-key``; a
network: the project's first own network of the region (else
``public``); an external network: ``public``; a subnet: the project's
first own subnet; ``allowed_values``: the first one; numbers: their
``min`` or 1; booleans: false; lists and JSON: empty; other strings:
``A1agreement`` cut or padded to its ``length`` (an upper case letter
and a digit first, as passwords' patterns often ask). An address (a
CIDR, gateway, pool start or end, name server) is never made up: the
tool types no address but 127.0.0.1, which Neutron refuses for a subnet
with DHCP, so a template needing one without ``--param`` is skipped.

**Skipped**, decided from the resource types of the template and of
everything it pulls in: a type the region's Heat does not offer (its
service does not run in the demo: Cinder, Swift, Trove...; or a name
only an environment not in the folder maps), and the types
that complete only when a server's own agent signals (wait conditions,
software deployments, Swift signals): the fake virt driver boots none.

Run from the repository with the dashboard venv's Python, the demo cloud
up::

    python tools/check_agreement.py /tmp/heat-templates/hot \\
        --regions RegionOne RegionTwo
"""

import argparse
import concurrent.futures
import dataclasses
import os
import pathlib
import re
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402
import django.test.utils  # noqa: E402

django.setup()
django.test.utils.setup_test_environment()

from django.test import override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from heatclient import exc as heat_exc  # noqa: E402
from keystoneauth1 import exceptions as ksa_exc  # noqa: E402

from mr_dashboard import constants  # noqa: E402
from mr_dashboard.api import heat  # noqa: E402
from mr_dashboard.api.iaas import sdk  # noqa: E402
from mr_dashboard.api.errors import explain  # noqa: E402
from mr_dashboard.checks import checklist  # noqa: E402
from mr_dashboard.checks import previews  # noqa: E402
from mr_dashboard.hot import children  # noqa: E402
from mr_dashboard.hot import parse  # noqa: E402
from mr_dashboard.hot import resolve  # noqa: E402
from mr_dashboard.hot.parse import TemplateError  # noqa: E402
from mr_dashboard.hot.params import custom_constraint  # noqa: E402
from tests.cloud import running_cloud  # noqa: E402
from tests.functional.conftest import login  # noqa: E402

#: Types that complete only when an agent inside a server signals them.
NEEDS_AGENT = frozenset((
    "OS::Heat::WaitCondition", "OS::Heat::WaitConditionHandle",
    "AWS::CloudFormation::WaitCondition",
    "AWS::CloudFormation::WaitConditionHandle",
    "OS::Heat::SwiftSignal", "OS::Heat::SwiftSignalHandle",
    "OS::Heat::SoftwareDeployment", "OS::Heat::SoftwareDeployments",
    "OS::Heat::SoftwareDeploymentGroup", "OS::Heat::StructuredDeployment",
    "OS::Heat::StructuredDeployments",
    "OS::Heat::StructuredDeploymentGroup"))
ENDED = ("CREATE_COMPLETE", "CREATE_FAILED")
TIMEOUT, REFUSED = "TIMEOUT", "REFUSED"
QUOTA_WORDS = re.compile(r"quota|exceed", re.IGNORECASE)
QUOTED = re.compile(r"`([^`]+)`|'([^']+)'")
#: What precedes Heat's own words in a preview's row.
PREVIEW_SAYS = " refuses it: "
#: Addresses by words of a parameter's name or its constraint (loopback
#: only: no other address is typed into anything here).
#: Words of a parameter's name or constraint that call for an address.
#: This tool types no address but 127.0.0.1, and Neutron refuses loopback
#: subnets with DHCP: such a template needs its addresses from --param.
ADDRESS_WORDS = ("cidr", "gateway", "pool_start", "pool_end", "dns",
                 "nameserver", "ip_addr")


@dataclasses.dataclass
class Run:
    """One template in one region: the checks' verdict and Heat's."""

    template: str
    region: str
    skipped: str = ""
    failed: list = dataclasses.field(default_factory=list)
    undecided: int = 0
    outcome: str = ""
    reason: str = ""
    stack_id: str = ""

    @property
    def checks_pass(self) -> bool:
        return not self.failed

    @property
    def holdings(self) -> bool:
        """Whether a value or a quota is in play (names and quotas)."""
        return any("(" in row.name or row.name.startswith(("Quota", "quota"))
                   or row.name.endswith(": networks") for row in self.failed) \
            or bool(self.outcome == "CREATE_FAILED" and re.search(
                r"not found|No \w+ matching|could not be found|quota|"
                r"exceed|nics are required", self.reason, re.IGNORECASE))

    @property
    def agrees(self) -> bool:
        if self.outcome == "CREATE_COMPLETE":
            return self.checks_pass
        if self.checks_pass or self.outcome == TIMEOUT:
            return False
        return any(_named(row, self.outcome, self.reason)
                   for row in self.failed)


def _named(row, outcome: str, reason: str) -> bool:
    """Whether Heat's failure is the one ``row`` names."""
    if outcome == REFUSED and row.name == str(checklist.VALIDATES):
        return True
    told = row.reason.partition(PREVIEW_SAYS)[2] \
        if row.name == str(previews.PREVIEW) else row.reason
    if told and outcome == REFUSED and told.strip() in reason:
        return True
    if any(value and value in reason for pair in QUOTED.findall(told)
           for value in pair):
        return True
    if row.name.endswith(": networks"):
        return "nics are required" in reason
    return "(" not in row.name and bool(QUOTA_WORDS.search(reason)) \
        and bool(QUOTA_WORDS.search(row.name + row.reason))


def _types(launchable: resolve.Launchable) -> set[str]:
    found = set()
    for template in launchable.templates.values():
        section = template.get("resources", template.get("Resources")) or {}
        for resource in section.values():
            if isinstance(resource, dict):
                kind = resource.get("type", resource.get("Type"))
                if isinstance(kind, str) and not parse.is_template_name(kind)\
                        and kind not in launchable.files:
                    found.add(kind)
    for spec in (launchable.environment.get("resource_registry") or {}
                 ).values():
        if isinstance(spec, str) and spec.startswith(("OS::", "AWS::")):
            found.add(spec)
    return found


class Policy:
    """The values of required parameters, per region (module docstring)."""

    def __init__(self, request, overrides: dict[str, str]) -> None:
        self.request, self.overrides, self.known = request, overrides, {}

    def _first(self, region: str, kind: str) -> str:
        if (region, kind) not in self.known:
            self.known[region, kind] = self._find(region, kind)
        return self.known[region, kind]

    def _find(self, region: str, kind: str) -> str:
        connection = sdk.region_connection(self.request, region)
        project = self.request.user.project_id
        if kind == "image":
            names = sorted(image.name for image in connection.image.images(
                status="active") if image.name and image.visibility
                in ("public", "shared", "community")
                or image.owner == project)
            return names[0] if names else ""
        if kind == "network":
            own = [net.name for net in connection.network.networks(
                project_id=project) if not net.is_router_external]
            return own[0] if own else "public"
        if kind == "subnet":
            own = [subnet.name or subnet.id for subnet in
                   connection.network.subnets(project_id=project)]
            return own[0] if own else ""
        return ""

    def values(self, template: dict, environment: dict,
               region: str) -> dict[str, str]:
        given = {**environment.get("parameter_defaults", {}),
                 **environment.get("parameters", {})}
        values = {}
        for name, spec in children.declared(template).items():
            if name in self.overrides:
                values[name] = self.overrides[name]
            elif "default" not in spec and "Default" not in spec \
                    and name not in given:
                values[name] = self.value(name, spec, region)
        return values

    def value(self, name: str, spec: dict, region: str) -> str:
        kind = (custom_constraint(spec) or "").split(".")[-1]
        word = name.lower()
        allowed = [value for item in spec.get("constraints") or ()
                   if isinstance(item, dict)
                   for value in item.get("allowed_values") or ()]
        type_ = str(spec.get("type", spec.get("Type", "string"))).lower()
        if allowed:
            return str(allowed[0])
        if type_ == "number":
            low = [item["range"].get("min") for item in
                   spec.get("constraints") or () if isinstance(item, dict)
                   and isinstance(item.get("range"), dict)]
            return str(next((value for value in low if value is not None),
                            1))
        if type_ == "boolean":
            return "false"
        if type_ in ("json", "comma_delimited_list", "commadelimitedlist"):
            return ""
        if kind == "image" or "image" in word:
            return self._first(region, "image")
        if kind == "flavor" or "flavor" in word or "instance_type" in word:
            return "m1.tiny"
        if kind == "keypair" or "key" in word:
            return "demo-key"
        if any(part in word for part in ADDRESS_WORDS) \
                or kind in ADDRESS_WORDS:
            raise LookupError(name)
        if "subnet" in word or kind == "subnet":
            return self._first(region, "subnet")
        if "public" in word or "external" in word or "ext_net" in word:
            return "public"
        if kind == "network" or "net" in word:
            return self._first(region, "network")
        return _sized("A1agreement", spec)


def _sized(text: str, spec: dict) -> str:
    """``text`` cut or padded to the parameter's ``length`` constraint."""
    for item in spec.get("constraints") or ():
        length = item.get("length") if isinstance(item, dict) else None
        if isinstance(length, dict):
            text = text[:int(length.get("max", len(text)))]
            text += "0" * max(0, int(length.get("min", 0)) - len(text))
    return text


def templates(folder: pathlib.Path) -> list[pathlib.Path]:
    """The files of ``folder`` that are templates, in path order."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".yaml", ".yml", ".template", ".json") \
                and path.is_file() \
                and resolve.looks_like_template(path.read_bytes()):
            found.append(path)
    return found


def _bundle(path: pathlib.Path) -> dict[str, bytes]:
    base = path.parent
    return {str(item.relative_to(base)): item.read_bytes()
            for item in base.rglob("*") if item.is_file()
            and item.stat().st_size < 1_000_000}


def prepare(request, policy: Policy, path: pathlib.Path, folder: pathlib.Path,
            region: str, offered: dict[str, set[str]]):
    """The run of ``path`` in ``region`` with its checks, and what Heat
    is given to create it (None when skipped)."""
    run = Run(str(path.relative_to(folder)), region)
    try:
        launchable = resolve.resolve(path.name, path.read_bytes(),
                                     _bundle(path))
    except TemplateError as exc:
        run.skipped = f"not launchable here: {exc}"
        return run, None
    types = _types(launchable)
    agent = sorted(types & NEEDS_AGENT)
    absent = sorted(types - offered[region] - NEEDS_AGENT)
    unmapped = [name for name in absent
                if not name.startswith(("OS::", "AWS::"))]
    if unmapped:
        run.skipped = "needs an environment mapping " + ", ".join(unmapped)
        return run, None
    if absent:
        run.skipped = "needs a service the demo does not run: " \
            + ", ".join(absent)
        return run, None
    if agent:
        run.skipped = "completes only when a server's agent signals: " \
            + ", ".join(agent)
        return run, None
    try:
        values = policy.values(launchable.template, launchable.environment,
                               region)
    except LookupError as exc:
        run.skipped = f"needs an address for parameter {exc.args[0]} " \
            "(give it with --param)"
        return run, None
    result = checklist.run_checks(request, launchable, children.placements(
        launchable, region, values), values)
    run.failed = result.failures()
    run.undecided = sum(1 for row in result.checks
                        if row.status == constants.CHECK_SKIPPED)
    return run, {**launchable.heat_fields(), "parameters": values}


def launch(request, run: Run, fields: dict, wait: float, name: str) -> Run:
    """Create, wait for Heat's outcome, record it."""
    try:
        run.stack_id = heat.stack_create(request, run.region,
                                         stack_name=name, **fields)
    except (heat_exc.HTTPException, ksa_exc.ClientException) as exc:
        run.outcome, run.reason = REFUSED, explain(
            exc, (request.user.token.id,))
        return run
    ends = time.monotonic() + wait
    while time.monotonic() < ends:
        try:
            stack = heat.stack_get(request, run.region, run.stack_id)
        except (heat_exc.HTTPException, ksa_exc.ClientException):
            time.sleep(3)  # a busy region's late answer: asked again
            continue
        if stack.status in ENDED:
            run.outcome, run.reason = stack.status, stack.status_reason
            return run
        time.sleep(3)
    run.outcome = TIMEOUT
    return run


def delete(request, run: Run, wait: float) -> str:
    """Delete the stack of ``run`` and wait until Heat has; "" or why
    not."""
    try:
        heat.stack_delete(request, run.region, run.stack_id)
        ends = time.monotonic() + wait
        while time.monotonic() < ends:
            stack = heat.stack_get(request, run.region, run.stack_id)
            if stack.status == "DELETE_COMPLETE":
                return ""
            if stack.status == "DELETE_FAILED":
                return stack.status_reason
            time.sleep(3)
        return "still deleting"
    except heat_exc.HTTPNotFound:
        return ""


def table(runs: list[Run]) -> None:
    """Print one line per run, then the figures."""
    for run in runs:
        if run.skipped:
            print(f"{run.template:55} {run.region:11} SKIPPED  {run.skipped}")
            continue
        verdict = "pass" if run.checks_pass else "fail: " + "; ".join(
            f"{row.stack} {row.name}: {row.reason}" for row in run.failed)
        print(f"{run.template:55} {run.region:11} "
              f"{'agree   ' if run.agrees else 'DISAGREE'} checks {verdict}"
              f" | Heat {run.outcome} {run.reason[:300]}")
    decided = [run for run in runs if not run.skipped
               and run.outcome != TIMEOUT]
    held = [run for run in decided if run.holdings]
    timeouts = sum(1 for run in runs if run.outcome == TIMEOUT)
    skipped = sum(1 for run in runs if run.skipped)
    agreed = sum(1 for run in decided if run.agrees)
    print(f"\nlaunches: {len(runs)}, skipped {skipped}, timed out "
          f"{timeouts}; agreement {agreed}/{len(decided)}"
          + (f" ({100 * agreed / len(decided):.0f} %)" if decided else "")
          + f"; on names and quotas {sum(run.agrees for run in held)}/"
          f"{len(held)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=pathlib.Path)
    parser.add_argument("--regions", nargs="+",
                        default=["RegionOne", "RegionTwo"])
    parser.add_argument("--param", action="append", default=[],
                        metavar="NAME=VALUE")
    parser.add_argument("--wait", type=float, default=300,
                        help="seconds to wait for a create (then TIMEOUT)")
    parser.add_argument("--parallel", type=int, default=4)
    args = parser.parse_args()
    overrides = dict(item.split("=", 1) for item in args.param)
    cloud = running_cloud()
    with override_settings(OPENSTACK_KEYSTONE_URL=cloud.keystone_url,
                           OPENSTACK_KEYSTONE_DEFAULT_DOMAIN="Default",
                           OPENSTACK_KEYSTONE_MULTIDOMAIN_SUPPORT=False,
                           AVAILABLE_REGIONS=[]):
        request = login(cloud).get(
            reverse(constants.REGIONS_INDEX_URL)).wsgi_request
        runs = agreement(request, args, overrides)
    table(runs)


def agreement(request, args, overrides: dict[str, str]) -> list[Run]:
    """Check, launch and delete every template in every region."""
    policy = Policy(request, overrides)
    offered = {region: set(heat.resource_types_list(request, region))
               for region in args.regions}
    prepared = [prepare(request, policy, path, args.folder.resolve(),
                        region, offered)
                for path in templates(args.folder.resolve())
                for region in args.regions]
    tag = time.strftime("%H%M%S")
    with concurrent.futures.ThreadPoolExecutor(args.parallel) as pool:
        started = [pool.submit(launch, request, run, fields, args.wait,
                               f"agree-{tag}-{index}")
                   for index, (run, fields) in enumerate(prepared) if fields]
        concurrent.futures.wait(started)
        for future in started:
            future.result()  # a failure of the tool itself is not a verdict
        made = [run for run, _fields in prepared if run.stack_id]
        for run, problem in zip(made, pool.map(
                lambda run: delete(request, run, args.wait), made)):
            if problem:
                print(f"NOT DELETED {run.region} {run.stack_id}: {problem}")
    return [run for run, _fields in prepared]


if __name__ == "__main__":
    main()
