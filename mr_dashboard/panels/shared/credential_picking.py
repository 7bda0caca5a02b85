"""Credentials in the launch form: a picker of secrets, TLS options.

Hooks for :mod:`mr_dashboard.panels.shared.stack_form`:

- :func:`with_secret_pickers` gives every parameter that a root
  ``OS::Heat::Stack`` uses as its ``credential_secret_id`` the custom
  constraint ``barbican.secret``, so it becomes a picker of the project's
  secrets (:data:`mr_dashboard.api.iaas.pickers.PICKERS`) like a parameter that
  declares the constraint itself.
- :func:`tls_fields_for` offers ``ca_cert`` (paste or file) and
  ``insecure`` for each root ``OS::Heat::Stack`` whose child lives in
  another cloud and whose template does not set them; :func:`with_tls`
  writes what was entered into that resource's ``context``, where Heat
  reads it.

Only resources of the root template are handled; an ``OS::Heat::Stack``
in a nested template keeps what its template says.
"""

import copy
import dataclasses
from typing import Any

from django import forms

from mr_dashboard.panels.shared import tls_fields
from mr_dashboard.hot import context
from mr_dashboard.hot.params import Group
from mr_dashboard.hot.resolve import Launchable

SECRET_CONSTRAINT = "barbican.secret"


def _picked(param, names: set[str]):
    if param.name not in names or any(
            "custom_constraint" in c for c in param.constraints):
        return param
    return dataclasses.replace(param, constraints=param.constraints + (
        {"custom_constraint": SECRET_CONSTRAINT},))


def with_secret_pickers(groups: list[Group], template: dict) -> list[Group]:
    """``groups`` with the credential parameters made secret pickers."""
    names = context.secret_parameters(template)
    return [dataclasses.replace(group, parameters=tuple(
        _picked(param, names) for param in group.parameters))
        for group in groups]


def _prefix(resource: str) -> str:
    return f"tls__{resource}__"


def tls_fields_for(template: dict) -> dict[str, forms.Field]:
    """TLS fields for each child in another cloud not set by the
    template; their labels name the resource."""
    fields = {}
    for name, written in context.cloud_contexts(template).items():
        if any(key in written for key in context.TLS_KEYS):
            continue
        for key, field in tls_fields.tls_fields(_prefix(name)).items():
            field.label = f"{name}: {field.label}"
            fields[key] = field
    return fields


def with_tls(launchable: Launchable, cleaned: dict[str, Any]) -> Launchable:
    """``launchable`` with the TLS options entered written into each
    child's context; a ValidationError for a CA that is not PEM."""
    template = copy.deepcopy(launchable.template)
    changed = False
    for name, written in context.cloud_contexts(template).items():
        prefix = _prefix(name)
        if prefix + "insecure" not in cleaned:
            continue
        ca_cert = tls_fields.ca_cert_of(cleaned, prefix)
        if ca_cert:
            written["ca_cert"], changed = ca_cert, True
        if cleaned.get(prefix + "insecure"):
            written["insecure"], changed = True, True
    if not changed:
        return launchable
    return dataclasses.replace(launchable, template=template, templates={
        **launchable.templates, launchable.root: template})
