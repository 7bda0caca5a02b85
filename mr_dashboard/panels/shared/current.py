"""The stack an update starts from: its template, files, registry and
parameter values, read from its region's Heat.

Only the environment's resource registry is kept: an environment's
parameters may hold hidden values, which must never reach a page. Hidden
parameter values come back from Heat masked and are left out too.
"""

from dataclasses import dataclass

from django.http import HttpRequest

from mr_dashboard.api import heat
from mr_dashboard.hot import children
from mr_dashboard.hot import resolve
from mr_dashboard.panels.shared.draft import Draft

ROOT = "(current template)"
MASKED = "******"


def shown_values(parameters: dict) -> dict:
    """A stack's parameters as Heat shows them, without Heat's own and
    hidden ones (masked)."""
    return {name: value for name, value in parameters.items()
            if not name.startswith(("OS::", "AWS::")) and value != MASKED}


@dataclass(frozen=True)
class CurrentStack:
    """An existing stack, as an update needs it."""

    region: str
    stack_id: str
    name: str
    template: dict
    files: dict
    registry: dict
    parameters: dict

    def values(self) -> dict:
        """Its parameter values, without Heat's own and hidden ones."""
        return shown_values(self.parameters)

    def draft(self) -> Draft:
        return Draft(region=self.region, root=ROOT, template=self.template,
                     files=self.files, environment=(
                         {"resource_registry": self.registry}
                         if self.registry else {}))

    def placements(self) -> list[children.Placement]:
        """Where its children run now."""
        launchable = resolve.from_heat(ROOT, self.template, self.files,
                                       environment=self.draft().environment)
        return children.placements(launchable, self.region, self.values())


def load(request: HttpRequest, region: str, stack_id: str) -> CurrentStack:
    """Read the stack ``stack_id`` of ``region``."""
    detail = heat.stack_show(request, region, stack_id, resolve_outputs=False)
    environment = heat.stack_environment(request, region, stack_id) or {}
    registry = {name: target for name, target in
                (environment.get("resource_registry") or {}).items()
                if isinstance(target, str)}
    return CurrentStack(
        region=region, stack_id=detail.stack.id, name=detail.stack.name,
        template=heat.stack_template(request, region, stack_id),
        files=heat.stack_files(request, region, stack_id) or {},
        registry=registry, parameters=detail.parameters)
