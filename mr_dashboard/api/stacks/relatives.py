"""Finding the remote parents and children of stacks, by asking Heat.

For each stack, :class:`Search` lists its resources; a stack with
``OS::Heat::Stack`` resources is a remote parent, and its template and
parameters (:mod:`~mr_dashboard.hot.context`) place each child in its
region, where one look-up by id names them. A stack named like a remote
child (``<parent>-<resource>-<12 characters>``) is traced up by name
(:mod:`~mr_dashboard.api.stacks.lineage`). All calls run in parallel on the
plugin's scheduler, within its deadline; a call that fails leaves its stack
out of what is found. :mod:`~mr_dashboard.api.stacks.family` decides what to
search for and keeps what is found.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import partial

from mr_dashboard import conf
from mr_dashboard.api import heat
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.stacks import lineage
from mr_dashboard.api.parallel import RegionResult
from mr_dashboard.api.parallel import Call
from mr_dashboard.api.parallel import CallScheduler
from mr_dashboard.hot import context


@dataclass(frozen=True)
class Relative:
    """A stack at the other end of an OS::Heat::Stack link; ``region`` is
    None when the template does not say (e.g. another cloud).

    A child in another cloud keeps ``via``: the region and id of the stack
    holding it and the OS::Heat::Stack resource whose credential reaches
    it (its page is found through them; it runs in the holder's region
    over there, as Heat's remote stacks do)."""

    region: str | None
    id: str
    name: str = ""
    via: tuple[str, str, str] | tuple[()] = ()


@dataclass(frozen=True)
class Family:
    """A stack's remote parent and children."""

    parent: Relative | None = None
    children: tuple[Relative, ...] = ()


def _lineage(request: ApiRequest, region: str,
             stack: heat.Stack) -> lineage.Lineage:
    return lineage.stack_lineage(request, stack)


class Search:
    """Calls in flight for one page, and what they found."""

    def __init__(self, request: ApiRequest,
                 shown: list[heat.Stack]) -> None:
        self.request = request
        self.names = {stack.id: stack.name for stack in shown}
        self.scheduler = CallScheduler(request, conf.max_parallel(),
                                       conf.fan_out_deadline())
        self.children: dict[str, tuple[Relative, ...]] = {}
        self.parents: dict[str, Relative | None] = {}

    def run(self, unknown: list[heat.Stack],
            orphans: list[heat.Stack]) -> None:
        for stack in unknown:
            self.scheduler.call(partial(self._listed, stack), Call(
                stack.region, heat.resources_list, (stack.identity,)))
        for stack in orphans:
            self.scheduler.call(partial(self._traced, stack), Call(
                stack.region, _lineage, (stack,)))
        self.scheduler.run()

    def _listed(self, stack: heat.Stack, result: RegionResult) -> None:
        if not result.ok:
            return
        remote = [res for res in result.value
                  if res.type == context.REMOTE_STACK
                  and res.physical_id]
        if not remote:
            self.children[stack.id] = ()
            return
        self.scheduler.call_all(partial(self._placed, stack, remote), {
            "template": Call(stack.region, heat.stack_template,
                             (stack.identity,)),
            "show": Call(stack.region, heat.stack_show,
                         (stack.identity, False))})

    def _placed(self, stack: heat.Stack, remote: list[heat.Resource],
                results: dict[str, RegionResult]) -> None:
        if not all(result.ok for result in results.values()):
            return
        specs = context.remote_specs(
            results["template"].value, results["show"].value.parameters,
            stack.region)
        children = []
        for res in remote:
            spec = specs.get(res.name)
            elsewhere = bool(spec and spec.secret)
            region = spec.region if spec and not elsewhere else None
            children.append(Relative(
                region, res.physical_id,
                self.names.get(res.physical_id, ""),
                (stack.region, stack.id, res.name) if elsewhere else ()))
        unnamed = defaultdict(list)
        for child in children:
            if child.region and not child.name:
                unnamed[child.region].append(child.id)
        if not unnamed:
            self._named(stack, children, {})
            return
        self.scheduler.call_all(partial(self._named, stack, children), {
            region: Call(region, heat.stacks_by_id, (ids,))
            for region, ids in unnamed.items()})

    def _named(self, stack: heat.Stack, children: list[Relative],
               results: dict[str, RegionResult]) -> None:
        if not all(result.ok for result in results.values()):
            return
        names = {found.id: found.name for result in results.values()
                 for found in result.value}
        self.children[stack.id] = tuple(
            replace(child, name=child.name or names.get(child.id, ""))
            for child in children)
        for child in children:
            self.parents[child.id] = Relative(stack.region, stack.id,
                                              stack.name)

    def _traced(self, stack: heat.Stack, result: RegionResult) -> None:
        if not result.ok or result.value.errors:
            return
        ancestors = result.value.ancestors
        self.parents[stack.id] = (
            Relative(ancestors[-1].region, ancestors[-1].id,
                     ancestors[-1].name) if ancestors else None)
