"""The comparison of one resource's properties with its object.

A kind lists its :class:`Rule` objects, one per property it compares,
each following what Heat's update with ``converge`` does with that
property (docs/drift.md): a property the template sets is compared; one
it leaves out only where Heat compares the object with the property's
default (the rule's ``default``), else not at all. A value that could not
be resolved (:class:`~mr_dashboard.hot.values.Unknown`) is reported "not
compared", never guessed.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from openstack import exceptions

from django.utils.translation import gettext as _

from mr_dashboard.api.drift.report import PropertyDiff
from mr_dashboard.hot.values import Unknown

#: A rule without a default: a property the template leaves out is not
#: compared.
NO_DEFAULT = object()


def unknown_in(value: Any) -> Unknown | None:
    """The first :class:`Unknown` inside ``value``, if any."""
    if isinstance(value, Unknown):
        return value
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return next((found for found in map(unknown_in, value) if found),
                    None)
    return None


def is_uuid(value: Any) -> bool:
    """True for a text that is a UUID (an id, not a name)."""
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def equal(expected: Any, actual: Any) -> bool:
    """Plain equality, a number given as text counting as the number."""
    if isinstance(expected, (int, float)) or isinstance(actual,
                                                        (int, float)):
        return str(expected) == str(actual)
    return expected == actual


def same_set(expected: Any, actual: Any) -> bool:
    """The same items, in any order."""
    return sorted(map(str, expected or [])) == sorted(map(str, actual or []))


@dataclass(frozen=True)
class Rule:
    """One compared property: its name in the template (and in the facts
    read from the object), whether Heat's converge puts it right, the
    default Heat compares with when the template leaves it out, and how
    two values are the same."""

    name: str
    converges: bool = True
    default: Any = NO_DEFAULT
    same: Callable[[Any, Any], bool] = equal


def diffs(rules: tuple[Rule, ...], properties: dict[str, Any],
          facts: dict[str, Any]) -> tuple[PropertyDiff, ...]:
    """What differs between ``properties`` (the template's, resolved)
    and ``facts`` (the object's, under the same names), and what could
    not be compared. A fact absent from ``facts`` is not compared."""
    found = []
    for rule in rules:
        if rule.name in properties:
            expected = properties[rule.name]
        elif rule.default is not NO_DEFAULT:
            expected = rule.default
        else:
            continue
        if rule.name not in facts:
            continue
        actual = facts[rule.name]
        unknown = unknown_in(expected)
        if unknown is not None:
            found.append(PropertyDiff(
                rule.name, None, actual, compared=False,
                converges=rule.converges,
                note=_("Not compared: %(why)s.") % {"why": unknown.reason}))
        elif not rule.same(expected, actual):
            found.append(PropertyDiff(rule.name, expected, actual,
                                      converges=rule.converges))
    return tuple(found)


def paired(expected: Any, actual: list,
           matches: Callable[[Any, Any], bool]) -> bool:
    """Whether each entry the template gives (``expected``) matches one
    actual entry of its own, and none of those is left over."""
    left = list(actual)
    for entry in expected or ():
        found = next((item for item in left if matches(entry, item)), None)
        if found is None:
            return False
        left.remove(found)
    return not left


def kept(item: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """``fields`` of an sdk resource, as plain data (what the comparisons
    read, and what the unit tests record)."""
    data = item.to_dict(computed=False)
    return {name: data.get(name) for name in fields}


def names_of(get: Callable[[str], Any], ids: list) -> dict[str, str]:
    """The name of each object of ``ids`` (``get(id).name``); an object
    gone is left out."""
    found = {}
    for item_id in dict.fromkeys(item for item in ids if item):
        try:
            found[item_id] = get(item_id).name or ""
        except exceptions.NotFoundException:
            continue
    return found
