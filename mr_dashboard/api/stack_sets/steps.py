"""A set operation's part in one region, as data: what is sent to that
region's Heat, so a part that failed (a region down or frozen) can be kept
and run again later, alone (:mod:`.pending`).

A step is a dict: ``kind`` (create, update, delete, leave), ``region``,
``name`` (the set's, which is the member's stack name), ``stack_id`` (the
member's ``name/id``, or None: looked up by name when run), ``fields``
(Heat's fields of a create or update) and, for creates and updates,
``tags`` (:class:`~.tags.SetTags` as a dict, whose parameters digest an
update works out once it has read the member's current values).
"""

from dataclasses import asdict
from dataclasses import replace
from typing import Any

from heatclient import exc as heat_exc

from mr_dashboard.api import heat
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.stack_sets import tags as set_tags

CREATE, UPDATE, DELETE, LEAVE = "create", "update", "delete", "leave"


def step(kind: str, region: str, name: str, stack_id: str | None = None,
         fields: dict | None = None,
         tags: set_tags.SetTags | None = None) -> dict[str, Any]:
    """One step, as stored."""
    return {"kind": kind, "region": region, "name": name,
            "stack_id": stack_id, "fields": fields or {},
            "tags": asdict(tags) if tags else None}


def _tags_of(data: dict) -> set_tags.SetTags:
    values = dict(data["tags"])
    values["regions"] = tuple(values["regions"])
    return set_tags.SetTags(**values)


def _member_id(request: ApiRequest, data: dict) -> str:
    return data["stack_id"] or heat.stack_get(
        request, data["region"], data["name"]).identity


def _updated_tags(request: ApiRequest, region: str, stack_id: str,
                  data: dict) -> tuple[set_tags.SetTags, tuple[str, ...]]:
    """The member's new set tags (its parameters digest worked out from
    its current values under the new ones) and its own other tags."""
    fields = data["fields"]
    detail = heat.stack_show(request, region, stack_id,
                             resolve_outputs=False)
    template = fields.get("template") or heat.stack_template(
        request, region, stack_id)
    given = {key: value for key, value in detail.parameters.items()
             if not key.startswith(("OS::", "AWS::"))}
    given.update(fields.get("parameters") or {})
    tags = replace(_tags_of(data), parameters_digest=set_tags.
                   parameters_digest(template, given))
    return tags, set_tags.own_tags(detail.stack.tags)


def run_step(request: ApiRequest, region: str, data: dict) -> str | None:
    """Send one step to its region; the member's ``name/id`` to follow
    (None once deleted or gone from the set)."""
    kind, fields = data["kind"], data["fields"]
    if kind == CREATE:
        new_id = heat.stack_create(
            request, region, stack_name=data["name"],
            tags=_tags_of(data).heat_tags(), **fields)
        return f"{data['name']}/{new_id}"
    try:
        stack_id = _member_id(request, data)
    except heat_exc.HTTPNotFound:
        if kind in (DELETE, LEAVE):
            return None  # nothing of the set is left there
        raise
    if kind == DELETE:
        heat.stack_delete(request, region, stack_id)
        return stack_id
    if kind == LEAVE:
        own = set_tags.own_tags(heat.stack_get(request, region,
                                               stack_id).tags)
        heat.stack_update(request, region, stack_id, existing=True,
                          tags=",".join(own))
        return stack_id
    tags, own = _updated_tags(request, region, stack_id, data)
    heat.stack_update(request, region, stack_id, existing=True,
                      tags=tags.heat_tags(own), **fields)
    return stack_id
