"""``OS::Cinder::Volume``, as Heat's converge reads it back (Heat's
``CinderVolume.parse_live_resource_data``): ``size``, ``metadata``
(default ``{}``, without Cinder's ``readonly`` key, read as
``read_only``), ``name`` and ``description`` where the template sets them
(Heat names the volume itself otherwise), ``read_only``. A region
without Cinder has nothing to read: its volumes are not checked."""

from typing import Any

from openstack import connection

from mr_dashboard.api.drift.report import PropertyDiff
from mr_dashboard.api.drift.rules import Rule
from mr_dashboard.api.drift.rules import diffs
from mr_dashboard.api.drift.rules import equal
from mr_dashboard.api.drift.rules import kept

SERVICE_TYPE = "block-storage"


def read(conn: connection.Connection, volume_id: str,
         properties: dict) -> dict:
    return {"volume": kept(conn.block_storage.get_volume(volume_id), (
        "id", "name", "description", "size", "metadata"))}


def _metadata_same(expected: Any, actual: Any) -> bool:
    return isinstance(expected, dict) and {
        str(key): str(value) for key, value in expected.items()} == actual


def compare(properties: dict, answers: dict) -> tuple[PropertyDiff, ...]:
    volume = answers["volume"]
    metadata = {str(key): str(value) for key, value
                in (volume["metadata"] or {}).items()}
    read_only = metadata.pop("readonly", None)
    facts = {"size": volume["size"], "name": volume["name"],
             "description": volume["description"], "metadata": metadata}
    if read_only is not None:
        facts["read_only"] = read_only.lower() == "true"
    return diffs((Rule("size"), Rule("name"), Rule("description"),
                  Rule("metadata", default={}, same=_metadata_same),
                  Rule("read_only", same=equal)), properties, facts)
