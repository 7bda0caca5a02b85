"""Heat's answers to the checklist, replaced for the checks' unit tests:
every template version asked answers ``versions`` (a function of the
call), the resource types are OS::Heat::Value and OS::Heat::Stack, whose
properties name no cloud object; validate and preview pass."""

from unittest import mock

from mr_dashboard.api import heat


def versions_of(region: str) -> list:
    return [heat.TemplateVersion(region, "heat_template_version.2021-04-16", "hot",
                                 ("heat_template_version.wallaby",))]


def stand_in(case, versions) -> dict:
    """Heat's functions replaced for ``case``'s test (undone at its end),
    ``template_versions`` by ``versions``; the stand-ins by name."""
    patches = {
        "template_versions": mock.patch.object(heat, "template_versions",
                                               side_effect=versions),
        "resource_types_list": mock.patch.object(
            heat, "resource_types_list", return_value=["OS::Heat::Value", "OS::Heat::Stack"]),
        "template_validate": mock.patch.object(heat, "template_validate"),
        "stack_preview": mock.patch.object(heat, "stack_preview"),
        "resource_type_show": mock.patch.object(
            heat, "resource_type_show", return_value={"properties": {}}),
    }
    for patch in patches.values():
        case.addCleanup(patch.stop)
    return {name: patch.start() for name, patch in patches.items()}
