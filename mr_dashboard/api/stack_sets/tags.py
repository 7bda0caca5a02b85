"""The tags that make a stack a member of a stack set (docs/stack_sets.md).

A set lives in Heat alone: every member is a stack named like the set, in
its own region, carrying these tags (Heat keeps tags as a comma-separated
list of strings of at most 80 characters each):

``mrd-set=<name>``           the set's name (the members' stack name)
``mrd-set-id=<12 hex>``      the set's identity, drawn at launch
``mrd-set-rev=<n>``          the set operation that last wrote the member
``mrd-set-tpl=<16 hex>``     digest of the template, files and registry
``mrd-set-par=<16 hex>``     digest of the parameter values the set gave
                             this member (hidden ones left out)
``mrd-set-in=<region>``      one per region of the set at that revision

Everything here is pure: no cloud call.
"""

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from mr_dashboard.hot import params

PREFIX = "mrd-set"
NAME, ID, REV, TPL, PAR, IN = (f"{PREFIX}=", f"{PREFIX}-id=",
                               f"{PREFIX}-rev=", f"{PREFIX}-tpl=",
                               f"{PREFIX}-par=", f"{PREFIX}-in=")
#: Heat's longest tag.
MAX_TAG = 80
#: A set's name is its members' stack name (Heat's own rule for those).
NAME_PATTERN = re.compile(r"^[a-zA-Z][a-zA-Z0-9_.-]*\Z")
#: A revision: ASCII digits only (``int()`` refuses other digits).
REV_PATTERN = re.compile(r"[0-9]{1,9}")
DIGEST_LENGTH = 16


class TagError(ValueError):
    """A name or region that cannot be written as a set's tag."""


@dataclass(frozen=True)
class SetTags:
    """What a member's tags say about its set."""

    name: str
    set_id: str
    rev: int
    template_digest: str
    parameters_digest: str
    regions: tuple[str, ...]

    def as_list(self) -> list[str]:
        """The tags, in Heat's order of writing."""
        return [NAME + self.name, ID + self.set_id, REV + str(self.rev),
                TPL + self.template_digest, PAR + self.parameters_digest,
                *(IN + region for region in self.regions)]

    def heat_tags(self, others: tuple[str, ...] = ()) -> str:
        """The ``tags`` field of a create or update: the set's tags after
        the stack's own ``others``."""
        return ",".join([*others, *self.as_list()])


def new_set_id() -> str:
    """A fresh identity for a set."""
    return secrets.token_hex(6)


def check_name(name: str) -> None:
    """TagError unless ``name`` can name a set (and its stacks)."""
    if not NAME_PATTERN.match(name or "") or len(NAME + name) > MAX_TAG:
        raise TagError(gettext(
            "A set's name starts with a letter, holds only letters, digits, "
            "underscores, periods and hyphens, and has at most %(count)d "
            "characters.") % {"count": MAX_TAG - len(NAME)})


def check_region(region: str) -> None:
    """TagError unless ``region`` fits in a tag (no comma, not too long)."""
    if "," in region or len(IN + region) > MAX_TAG or not region.strip():
        raise TagError(gettext(
            "The region %(region)s cannot be named in a tag (a comma, or "
            "longer than %(count)d characters).") % {
            "region": region, "count": MAX_TAG - len(IN)})


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"),
                      default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:DIGEST_LENGTH]


def template_digest(template: dict, files: dict | None = None) -> str:
    """Digest of what a member runs: its template as Heat returns it and
    the files (nested templates, get_file contents, environment files)."""
    return _digest({"template": template, "files": files or {}})


def canonical(kind: str, value: Any) -> str:
    """A parameter's value in one spelling, whether it comes from the form
    (as sent to Heat) or from Heat's stack show (always a string)."""
    if kind == "comma_delimited_list":
        items = value if isinstance(value, list) else str(value).split(",")
        return ",".join(str(item).strip() for item in items)
    if kind == "json":
        try:
            value = json.loads(value) if isinstance(value, str) else value
        except ValueError:
            return str(value)
        return json.dumps(value, sort_keys=True)
    if kind == "boolean":
        return str(str(value).lower() in ("true", "yes", "on", "1", "t", "y"))
    if kind == "number":
        try:
            number = float(value)
        except (TypeError, ValueError):
            return str(value)
        return str(int(number)) if number.is_integer() else str(number)
    return str(value)


def parameters_digest(template: dict, given: dict[str, Any],
                      environment: dict | None = None) -> str:
    """Digest of a member's parameter values: ``given`` (what the set
    sent, or all Heat shows) over the template's defaults (and the
    environment's), each in its :func:`canonical` spelling. Hidden
    parameters are left out: Heat shows them masked."""
    values = {}
    for group in params.groups_of(template, environment):
        for param in group.parameters:
            if param.hidden or not (param.name in given or param.has_default):
                continue
            value = given[param.name] if param.name in given \
                else param.default
            values[param.name] = canonical(param.type, value)
    return _digest(values)


def parse(tags: tuple[str, ...] | list[str]) -> SetTags | None:
    """The set a stack's tags name, or None when they name none (or are
    broken: a member without its identity or revision counts as none, and
    so does one whose set name is not a set's name: anyone can tag a
    stack, and the set's pages put its name in their URLs)."""
    found: dict[str, str] = {}
    regions = []
    for tag in tags:
        for key in (NAME, ID, REV, TPL, PAR):
            if tag.startswith(key):
                found[key] = tag[len(key):]
        if tag.startswith(IN):
            regions.append(tag[len(IN):])
    if not {NAME, ID, REV} <= found.keys() \
            or not REV_PATTERN.fullmatch(found[REV]) \
            or not NAME_PATTERN.match(found[NAME]):
        return None
    return SetTags(name=found[NAME], set_id=found[ID], rev=int(found[REV]),
                   template_digest=found.get(TPL, ""),
                   parameters_digest=found.get(PAR, ""),
                   regions=tuple(regions))


def own_tags(tags: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """A stack's tags that are not the set's (kept when it leaves)."""
    return tuple(tag for tag in tags
                 if tag and not tag.startswith((NAME, ID, REV, TPL, PAR, IN)))
