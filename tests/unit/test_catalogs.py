"""Tests of the message catalogs: present, compiled, up to date.

The commands that make them are in docs/packaging.md; extraction needs GNU
gettext's xgettext, as Django's makemessages does.
"""

import os
import pathlib
import shutil
import subprocess
import sys

import pytest
from babel.messages import mofile
from babel.messages import pofile

PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "mr_dashboard"
LOCALE = PACKAGE / "locale"
DOMAINS = ("django", "djangojs")


def _read(path: pathlib.Path, reader):
    with open(path, "rb") as f:
        return reader(f)


def _key(message) -> tuple:
    ids = message.id if isinstance(message.id, str) else tuple(message.id)
    return ids, message.context


def _ids(catalog) -> set:
    return {_key(message) for message in catalog if message.id}


def _translated(catalog) -> dict:
    # Plural messages carry a tuple of strings; untranslated ones are empty.
    return {_key(message): message.string for message in catalog
            if message.id and not message.fuzzy
            and any(message.string if isinstance(message.string, tuple)
                    else [message.string])}


def test_the_source_catalogs_are_shipped():
    for domain in DOMAINS:
        assert (LOCALE / "en" / "LC_MESSAGES" / f"{domain}.po").is_file()


@pytest.mark.parametrize("po", sorted(LOCALE.glob("*/LC_MESSAGES/*.po")),
                         ids=lambda path: str(path.relative_to(LOCALE)))
def test_every_catalog_is_compiled(po):
    # The .mo files are committed (pbr ships what git tracks): each must
    # hold exactly the translations of its .po.
    mo = po.with_suffix(".mo")
    assert mo.is_file(), f"{mo} missing: django-admin compilemessages"
    compiled = _translated(_read(mo, mofile.read_mo))
    assert compiled == _translated(_read(po, pofile.read_po))


def test_the_source_catalogs_are_up_to_date(tmp_path):
    # Extract again, into a copy, and compare the message ids.
    assert shutil.which("xgettext"), (
        "GNU gettext is needed: apt-get install gettext")
    copy = shutil.copytree(PACKAGE, tmp_path / "mr_dashboard",
                           ignore=shutil.ignore_patterns("__pycache__"))
    env = {k: v for k, v in os.environ.items()
           if k != "DJANGO_SETTINGS_MODULE"}
    for domain in DOMAINS:
        subprocess.run(
            [sys.executable, "-m", "django", "makemessages", "-l", "en",
             "-d", domain, "--no-obsolete", "--add-location", "file"],
            cwd=copy, env=env, check=True, capture_output=True)
        relative = pathlib.Path("locale/en/LC_MESSAGES", f"{domain}.po")
        fresh = _ids(_read(copy / relative, pofile.read_po))
        shipped = _ids(_read(PACKAGE / relative, pofile.read_po))
        assert fresh == shipped, (
            f"{relative} is out of date: run the extraction of "
            "docs/packaging.md")
