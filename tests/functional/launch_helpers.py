"""Helpers of the launch tests: post a template folder through the real
Launch Stack pages, read a picker's choices and what a user could decode
from a draft, wait for stacks, clean up."""
import base64
import html
import json
import pathlib
import re
import uuid
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from heatclient import exc as heat_exc

from mr_dashboard import constants
from mr_dashboard.api import heat
from tests.waiting import wait_until

TEMPLATES = pathlib.Path(__file__).resolve().parent / "templates" / "launch"
PREFIX = "mrlaunch"
# The machine is shared and busy: the pickers' regions are given time here
# (settings for override_settings(MR_DASHBOARD=...)).
PATIENT = {"REGION_TIMEOUT": 30.0, "PAGE_BUDGET_CEILING": 0}


def unique_name(what: str) -> str:
    return f"{PREFIX}-{what}-{uuid.uuid4().hex[:6]}"


def folder_files(name: str, files=None, parent: pathlib.Path = TEMPLATES
                 ) -> tuple[list[SimpleUploadedFile], list[str]]:
    """The files of the folder ``parent/name`` (only ``files`` if given,
    e.g. some of democloud/templates), and their paths as a browser sends
    them."""
    root = parent / name
    paths = sorted(p for p in root.rglob("*")
                   if p.is_file() and (files is None or p.name in files))
    uploads = [SimpleUploadedFile(p.name, p.read_bytes()) for p in paths]
    return uploads, [f"{name}/{p.relative_to(root).as_posix()}" for p in paths]


def select(client, region: str = "RegionOne", **fields):
    """POST the first step; returns the response (the next step or errors)."""
    data = {"region": region, "template_source": "folder", **fields}
    return client.post(reverse(constants.STACK_LAUNCH_URL), data, follow=True)


def select_folder(client, name: str, region: str = "RegionOne", files=None,
                  parent: pathlib.Path = TEMPLATES, **fields):
    uploads, paths = folder_files(name, files, parent)
    return select(client, region, folder=uploads,
                  folder_paths=json.dumps(paths), **fields)


def draft_of(response) -> str:
    page = response.content.decode()
    found = re.search(r'name="draft" value="([^"]+)"', page)
    assert found, page[:3000]
    return found.group(1)


def options(page: str, name: str) -> dict[str, str] | None:
    """``{value: label}`` of the select ``param__<name>``; None when the
    parameter is a text field."""
    found = re.search(rf'<select name="param__{name}".*?</select>', page, re.S)
    if not found:
        assert f'name="param__{name}"' in page, name
        return None
    return {html.unescape(value): html.unescape(label.strip())
            for value, label in re.findall(
                r'<option value="([^"]*)"[^>]*>([^<]*)</option>', found.group(0))
            if value}


def readable(token: str) -> str:
    """Whatever a user could decode from ``token`` (base64 and zlib parts,
    as a signed token of Django's is made)."""
    found = [token]
    for part in token.lstrip(".").split(":"):
        try:
            raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except ValueError:
            continue
        found.append(raw.decode("latin-1"))
        try:
            found.append(zlib.decompress(raw).decode("latin-1"))
        except zlib.error:
            pass
    return "\n".join(found)


def submit(client, draft: str, action: str, url_name=constants.STACK_LAUNCH_STACK_URL,
           args=(), **fields):
    data = {"draft": draft, "action": action, "timeout_mins": 10, **{
        f"param__{k}" if not k.startswith(("stack_", "timeout", "enable", "tags"))
        else k: v for k, v in fields.items()}}
    return client.post(reverse(url_name, args=args), data)


def wait_settled(request, region: str, stack_id: str, timeout: float = 90) -> str:
    return wait_until(lambda: heat.stack_get(request, region, stack_id).status, timeout,
                      what=f"stack {stack_id} settled",
                      done=lambda status: not status.endswith("IN_PROGRESS"))


def delete_stack(request, region: str, stack_id: str, timeout: float = 90) -> None:
    """Delete a test stack (its remote children go with it) and wait."""
    try:
        heat.stack_delete(request, region, stack_id)
    except heat_exc.HTTPNotFound:
        return

    def status() -> str:
        try:
            return heat.stack_get(request, region, stack_id).status
        except heat_exc.HTTPNotFound:
            return "GONE"
    wait_until(status, timeout, what=f"stack {stack_id} deleted",
               done=lambda seen: seen in ("DELETE_COMPLETE", "GONE"), fail=False)
