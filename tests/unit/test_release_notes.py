"""Tests of the release notes: reno's layout, without reno installed."""

import pathlib
import re

import pytest
import yaml

NOTES = pathlib.Path(__file__).resolve().parents[2] / "releasenotes" / "notes"
# reno's default sections; "prelude" is one text, the others lists of texts.
SECTIONS = {"features", "issues", "upgrade", "deprecations", "critical",
            "security", "fixes", "other"}


def test_there_are_notes():
    assert sorted(NOTES.glob("*.yaml"))


@pytest.mark.parametrize("path", sorted(NOTES.glob("*.yaml")),
                         ids=lambda path: path.name)
def test_a_note_is_what_reno_reads(path):
    # `reno new <slug>` names a note <slug>-<16 hex digits>.yaml.
    assert re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{16}\.yaml", path.name)
    note = yaml.safe_load(path.read_text())
    assert note and set(note) <= SECTIONS | {"prelude"}
    assert isinstance(note.get("prelude", ""), str)
    for section in set(note) & SECTIONS:
        assert note[section]
        assert all(isinstance(item, str) and item.strip()
                   for item in note[section])
