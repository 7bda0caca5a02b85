"""Templates in a region's Heat: what it accepts and offers, what a
stack runs, validation and previews.
"""

from dataclasses import dataclass
from typing import Any

from mr_dashboard import constants
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.heat.client import action_heatclient
from mr_dashboard.api.heat.client import heatclient


@dataclass(frozen=True)
class TemplateVersion:
    """A template version a region's Heat accepts, with its aliases."""

    region: str
    version: str
    type: str
    aliases: tuple[str, ...] = ()


def template_versions(request: ApiRequest,
                      region: str) -> list[TemplateVersion]:
    """The template versions ``region``'s Heat accepts."""
    return [TemplateVersion(region=region, version=item.version,
                            type=getattr(item, "type", ""),
                            aliases=tuple(getattr(item, "aliases", ())))
            for item in heatclient(request, region).template_versions.list()]


def resource_types_list(request: ApiRequest, region: str) -> list[str]:
    """Names of the resource types ``region``'s Heat offers this user
    (Heat leaves out those whose service is not in the catalog)."""
    return [item.resource_type
            for item in heatclient(request, region).resource_types.list()]


def resource_type_show(request: ApiRequest, region: str,
                       type_name: str) -> dict[str, Any]:
    """The schema (properties, attributes, support status) of a type."""
    return heatclient(request, region).resource_types.get(
        type_name, with_description=True)


def stack_template(request: ApiRequest, region: str,
                   stack_id: str) -> dict[str, Any]:
    """The template a stack of ``region`` runs."""
    return heatclient(request, region).stacks.template(stack_id)


def stack_environment(request: ApiRequest, region: str,
                      stack_id: str) -> dict[str, Any]:
    """The environment a stack of ``region`` runs with."""
    return heatclient(request, region).stacks.environment(stack_id)


def stack_files(request: ApiRequest, region: str,
                stack_id: str) -> dict[str, str]:
    """The files (get_file contents, nested templates) a stack runs with."""
    return heatclient(request, region).stacks.files(stack_id)


def template_validate(request: ApiRequest, region: str,
                      **fields: Any) -> dict[str, Any]:
    """Heat's validation of a template in ``region`` (it does not reach
    the regions of the template's OS::Heat::Stack children)."""
    return heatclient(request, region).stacks.validate(**fields)


@dataclass(frozen=True)
class PlannedResource:
    """A resource a preview says would be created, and how deep."""

    region: str
    name: str
    type: str
    depth: int = 0


def _planned(region: str, items: list, depth: int) -> list[PlannedResource]:
    found = []
    for item in items:
        if isinstance(item, list):  # a nested stack's resources
            found += _planned(region, item, depth + 1)
        else:
            found.append(PlannedResource(region, item.get("resource_name",
                                                          ""),
                                         item.get("resource_type", ""),
                                         depth))
    return found


def stack_preview(request: ApiRequest, region: str,
                  **fields: Any) -> list[PlannedResource]:
    """What creating a stack in ``region`` would create there."""
    stack = action_heatclient(request, region).stacks.preview(**fields)
    return _planned(region, stack.to_dict().get("resources") or [], 0)


@dataclass(frozen=True)
class ResourceChange:
    """What an update would do to one resource."""

    region: str
    name: str
    type: str
    change: str  # added, deleted, replaced, updated or unchanged

    @property
    def label(self) -> str:
        """The change, in words for people."""
        return constants.CHANGE_LABELS.get(self.change, self.change)


def stack_preview_update(request: ApiRequest, region: str, stack_id: str,
                         existing: bool = False,
                         **fields: Any) -> list[ResourceChange]:
    """What an update (a PATCH with ``existing``) would change."""
    body = action_heatclient(request, region).stacks.preview_update(
        stack_id, existing=existing, **fields)
    changes = body.get("resource_changes") or {}
    return [ResourceChange(region, item.get("resource_name", ""),
                           item.get("resource_type", ""), change)
            for change, items in changes.items() for item in items or ()]
