"""Which stacks, in any region, use a credential secret.

Before a credential is deleted, every region's stacks are listed and each
stack's template read (all at once, within the plugin's deadline), with
its parameters when a ``credential_secret_id`` comes from one; an
``OS::Heat::Stack`` whose ``context.credential_secret_id`` resolves to the
secret uses it (see :func:`mr_dashboard.hot.context.remote_specs`).
Only the stacks' own templates are read: a credential used in a provider
template or a nested stack's template is not found. Regions that did not
answer are reported, so a warning never claims more than it knows.
"""

from dataclasses import dataclass
from dataclasses import field
from functools import partial

from django.http import HttpRequest

from mr_dashboard import conf
from mr_dashboard.api import barbican
from mr_dashboard.api import heat
from mr_dashboard.api.errors import RegionError
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.api.regions import heat_region_names
from mr_dashboard.api.parallel import Call
from mr_dashboard.api.parallel import CallScheduler
from mr_dashboard.hot import context


@dataclass(frozen=True)
class SecretUse:
    """A stack whose template uses the secret, and through which
    resources."""

    stack: heat.Stack
    resources: tuple[str, ...]


@dataclass
class Usage:
    """Stacks using a secret, and the regions that could not be read."""

    uses: list[SecretUse] = field(default_factory=list)
    #: Region, or region and stack name, that could not be read.
    unknown: dict[str, RegionError] = field(default_factory=dict)


def _same(secret: str | None, secret_id: str) -> bool:
    return bool(secret) and barbican.secret_uuid(secret) == secret_id


class _Search:
    def __init__(self, request: HttpRequest, secret_id: str) -> None:
        self.secret_id = secret_id
        self.usage = Usage()
        self.scheduler = CallScheduler(request, conf.max_parallel(),
                                       conf.fan_out_deadline())

    def run(self, regions: list[str]) -> Usage:
        for region in regions:
            self.scheduler.call(partial(self.listed, region),
                                Call(region, heat.stacks_list))
        self.scheduler.run()
        self.usage.uses.sort(key=lambda use: (use.stack.name,
                                              use.stack.region))
        return self.usage

    def listed(self, region: str, result: RegionResult) -> None:
        if not result.ok:
            self.usage.unknown[region] = result.error
            return
        for stack in result.value:
            self.scheduler.call(partial(self.read, stack), Call(
                region, heat.stack_template, (stack.identity,)))

    def read(self, stack: heat.Stack, result: RegionResult) -> None:
        """Compare plain ids at once; ask for the parameters only when a
        credential_secret_id comes from one."""
        if not result.ok:
            return self.failed(stack, result)
        secrets = [written[context.CREDENTIAL_KEY] for written in
                   context.cloud_contexts(result.value).values()]
        if any(not isinstance(secret, str) for secret in secrets):
            self.scheduler.call(partial(self.resolve, stack, result.value),
                                Call(stack.region, heat.stack_show,
                                     (stack.identity, False)))
        else:
            self.keep(stack, result.value, {})

    def resolve(self, stack: heat.Stack, template: dict,
                result: RegionResult) -> None:
        if not result.ok:
            return self.failed(stack, result)
        self.keep(stack, template, result.value.parameters)

    def failed(self, stack: heat.Stack, result: RegionResult) -> None:
        self.usage.unknown[f"{stack.region}: {stack.name}"] = result.error

    def keep(self, stack: heat.Stack, template: dict,
             parameters: dict) -> None:
        specs = context.remote_specs(template, parameters, stack.region)
        using = tuple(sorted(name for name, spec in specs.items()
                             if _same(spec.secret, self.secret_id)))
        if using:
            self.usage.uses.append(SecretUse(stack, using))


def stacks_using(request: HttpRequest, secret_id: str) -> Usage:
    """The stacks of every Heat region whose templates use ``secret_id``."""
    return _Search(request, secret_id).run(heat_region_names(request))
