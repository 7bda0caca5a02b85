"""Tests of mr_dashboard.hot.bundle against hostile archives: every bomb,
header trick and special entry is refused with its message, in a child
process with limits (see archive_cases), and legitimate archives of every
format still open.

``python -m tests.unit.hot.test_bounded_archives`` (from the repository,
the dashboard venv's python) prints, per class, the archive's bytes, the
time to its refusal and the child's RSS growth.
"""

import bz2
import io
import pickle
import struct
import subprocess
import sys
import tempfile
import tarfile
import zipfile
import zlib

import pytest

from mr_dashboard.hot import bundle
from mr_dashboard.hot.parse import TemplateError
from tests.unit.hot import archive_cases as cases

TEMPLATE = b"heat_template_version: 2021-04-16\n"
#: Python allocations a refusal may make at most (the decompressed stream
#: is capped at about 1.8 MiB; the rest is tarfile's and zipfile's own).
MEMORY_BUDGET = 16 * cases.MiB
#: CPU seconds a refusal may take, traced (tracemalloc slows the
#: allocation-heavy ones several times: the report has untraced times).
CPU_BUDGET = 10.0


def _huge_xz_dictionary() -> bytes:
    """A tar.xz whose block header asks for a 4 GiB dictionary (its
    header CRC recomputed)."""
    data = bytearray(cases.tar_of({"a.yaml": TEMPLATE}, "xz"))
    size = (data[12] + 1) * 4
    block = data[12:12 + size]
    at = block.index(b"\x21\x01") + 2  # LZMA2, one byte of properties
    block[at] = 40
    block[-4:] = struct.pack("<L", zlib.crc32(block[:-4]))
    data[12:12 + size] = block
    return bytes(data)


#: name: (archive, what the refusal says)
HOSTILE = {
    "tar.gz bomb": (lambda: cases.tar_bomb("gz"), "More than 1048576 bytes"),
    "tar.bz2 bomb": (lambda: cases.tar_bomb("bz2"), "More than 1048576 bytes"),
    "tar.xz bomb": (lambda: cases.tar_bomb("xz"), "More than 1048576 bytes"),
    "GNU long-name header bomb": (
        cases.long_name_bomb, "long-name or PAX header of 400000000 bytes"),
    "PAX header bomb": (
        cases.pax_bomb, "long-name or PAX header of 400000000 bytes"),
    "PAX sparse-map bomb": (cases.sparse_map_bomb, "s.yaml is a sparse file"),
    "headers in a row": (cases.headers_in_a_row,
                         "more than 8 headers in a row"),
    "PAX headers in all": (cases.many_pax_headers,
                           "hold more than 65536 bytes in all"),
    "many tiny members": (cases.many_members, "More than 100 files"),
    "many directories": (cases.many_folders, "more than 400 entries"),
    "xz asking for 4 GiB": (_huge_xz_dictionary, "damaged"),
    "zip bomb": (cases.zip_bomb, "More than 1048576 bytes"),
    "zip bomb lying about its size": (cases.zip_lying_bomb, "damaged"),
    "zip, 100k entries": (lambda: cases.zip_with_entries(100_000),
                          "larger than"),
    "zip, 30k entries within the upload size": (
        lambda: cases.zip_with_entries(30_000), "more than 400 entries"),
    "overlapping zip entries": (cases.overlapping_zip,
                                "overlaps another entry"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_archives_are_refused_within_budget(name):
    build, message = HOSTILE[name]
    data = build()

    outcome = cases.run_limited(lambda: bundle.from_archive(data, "a"))

    assert (outcome.kind, message in str(outcome.value)) == (
        "refused", True), outcome
    assert outcome.cpu_seconds < CPU_BUDGET, outcome
    assert outcome.peak < MEMORY_BUDGET, outcome


def test_100k_zip_entries_within_a_larger_upload_limit_are_counted_first(
        settings):
    """With room for the archive (an operator's larger limit), the
    directory records are still counted before zipfile reads them."""
    settings.MR_DASHBOARD = {"TEMPLATE_MAX_TOTAL_BYTES": 8 * cases.MiB}
    data = cases.zip_with_entries(100_000)
    assert len(data) < bundle.max_archive_bytes()

    outcome = cases.run_limited(lambda: bundle.from_archive(data, "a"))

    assert outcome.kind == "refused", outcome
    assert "more than 400 entries" in outcome.value
    assert outcome.peak < cases.MiB, outcome


def test_a_nested_archive_is_kept_as_a_file_not_opened():
    data = cases.nested_archive()

    outcome = cases.run_limited(lambda: bundle.from_archive(data, "a.zip"))

    assert outcome.kind == "returned", outcome
    assert outcome.value["inner.tar.gz"] == cases.tar_bomb("gz")
    assert sorted(outcome.value) == ["inner.tar.gz", "inner.zip",
                                     "main.yaml"]


@pytest.mark.parametrize("data, message", [
    (cases.special_tar(tarfile.SYMTYPE), "is a link, a device"),
    (cases.special_tar(tarfile.LNKTYPE), "is a link, a device"),
    (cases.special_tar(tarfile.CHRTYPE), "is a link, a device"),
    (cases.special_tar(tarfile.FIFOTYPE), "is a link, a device"),
    (cases.special_tar(tarfile.GNUTYPE_SPARSE), "is a sparse file"),
    (cases.zip_flagged(mode=0o120777), "is a link, a device"),
    (cases.zip_flagged(flag_bits=0x1), "m.yaml is encrypted"),
    (cases.zip_flagged(method=zipfile.ZIP_BZIP2),
     "compressed with method 12: only stored and deflated"),
    (cases.zip_flagged(method=99), "compressed with method 99"),
    (cases.compressed("tar", [cases.header("caf\udce9.yaml"), cases.END]),
     "is not UTF-8 text"),
    (cases.nameless_zip(), "is not a relative path"),
    (b"just text, no archive" * 30, "not a zip or tar archive"),
    (cases.tar_of({"a.yaml": TEMPLATE}, "gz")[:-20], "damaged"),
    (bytes(1024), "holds no files"),
])
def test_special_entries_and_damage_are_refused(data, message):
    with pytest.raises(TemplateError, match=message):
        bundle.from_archive(data, "a")


def test_the_cap_alone_stops_a_header_bomb(monkeypatch):
    """tarfile's own read of a long name goes through the capped reader:
    with the header limit lifted, the cap still stops the 400 MB claim."""
    monkeypatch.setattr(bundle, "EXTENSION_MAX_BYTES", cases.CLAIMED)
    monkeypatch.setattr(bundle, "EXTENSIONS_MAX_BYTES", cases.CLAIMED)
    data = cases.long_name_bomb()

    outcome = cases.run_limited(lambda: bundle.from_archive(data, "a"))

    assert outcome.kind == "refused", outcome
    assert (f"unpacks to more than {bundle.max_archive_bytes()} bytes"
            in outcome.value), outcome
    assert outcome.peak < MEMORY_BUDGET, outcome


def test_an_archive_larger_than_the_cap_is_refused_unread():
    data = b"PK\x03\x04" + bytes(bundle.max_archive_bytes())
    with pytest.raises(TemplateError, match="The archive is larger than"):
        bundle.from_archive(data, "a.zip")


def test_the_cap_is_the_content_plus_a_bounded_allowance(settings):
    settings.MR_DASHBOARD = {"TEMPLATE_MAX_FILES": 10,
                             "TEMPLATE_MAX_TOTAL_BYTES": 5000}
    assert bundle.max_entries() == 40
    assert bundle.max_archive_bytes() == 5000 + 40 * 2048


def test_the_capped_reader_never_asks_for_more_than_is_left():
    asked = []

    class Raw(io.BytesIO):
        def read(self, size=-1):
            asked.append(size)
            return super().read(size)

    refusal = TemplateError("too big")
    reader = bundle._Capped(Raw(bytes(100)), 60, refusal)
    assert len(reader.read(50)) == 50
    with pytest.raises(TemplateError, match="too big"):
        reader.read(10 ** 9)
    assert asked == [50, 11]
    short = bundle._Capped(Raw(bytes(10)), 60, refusal)
    assert len(short.read()) == 10  # what there is, under the cap
    assert short.read(5) == b""


LEGIT_FILES = {"stack/main.yaml": TEMPLATE, "stack/nested/db.yaml": TEMPLATE,
               "stack/scripts/" + "long-name-" * 15 + ".sh": b"#!/bin/sh\n"}
EXPECTED = {name.removeprefix("stack/"): data
            for name, data in LEGIT_FILES.items()}


@pytest.mark.parametrize("kind", ["tar", "gz", "bz2", "xz"])
@pytest.mark.parametrize("form", [tarfile.PAX_FORMAT, tarfile.GNU_FORMAT])
def test_legitimate_tars_of_every_compression_are_read(kind, form):
    data = cases.tar_of(LEGIT_FILES, kind, form,
                        folders=["stack", "stack/nested", "stack/scripts"])
    assert bundle.from_archive(data, "t") == EXPECTED


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED,
                                    zipfile.ZIP_DEFLATED])
def test_legitimate_zips_are_read(method):
    data = cases.zip_of(LEGIT_FILES, method, folders=["stack", "stack/nested"])
    assert bundle.from_archive(data, "t.zip") == EXPECTED


def test_archives_in_several_streams_are_read_whole():
    """pbzip2 and lbzip2 write one bzip2 stream per chunk; gzip members can
    be concatenated."""
    tar = cases.tar_of({"a.yaml": TEMPLATE * 100, "b.yaml": TEMPLATE})
    half = len(tar) // 2
    for compress in (bz2.compress, lambda data: zlib.compress(data, wbits=31)):
        data = compress(tar[:half]) + compress(tar[half:])
        assert bundle.from_archive(data, "t") == {"a.yaml": TEMPLATE * 100,
                                                  "b.yaml": TEMPLATE}


def test_a_full_folder_at_the_limits_is_read(settings):
    settings.MR_DASHBOARD = {"TEMPLATE_MAX_FILES": 100,
                             "TEMPLATE_MAX_TOTAL_BYTES": 100 * 10_000}
    files = {f"t/d{number % 10}/f{number}.yaml": bytes(10_000)
             for number in range(100)}
    folders = ["t"] + [f"t/d{number}" for number in range(10)]
    for data in (cases.tar_of(files, "xz", tarfile.GNU_FORMAT, folders),
                 cases.zip_of(files, folders=folders)):
        assert len(bundle.from_archive(data, "t")) == 100


def _measure() -> None:
    """Prints the table of the report: per class the archive's bytes, the
    time to the answer and the RSS growth of a fresh interpreter reading
    it, and the peak of Python's allocations (traced, in a forked child)."""
    import django
    django.setup()
    print("| class | bytes | answer in | RSS growth | Python peak | answer |")
    print("|---|---:|---:|---:|---:|---|")
    for name, (build, _) in {**HOSTILE, "nested archive": (
            cases.nested_archive, "")}.items():
        data = build()
        with tempfile.NamedTemporaryFile() as archive:
            archive.write(data)
            archive.flush()
            fresh = cases.Outcome(**pickle.loads(subprocess.run(
                [sys.executable, "-m", "tests.unit.hot.archive_cases",
                 archive.name], capture_output=True, check=True).stdout))
        traced = cases.run_limited(lambda: bundle.from_archive(data, "a"))
        answer = fresh.value if fresh.kind != "returned" else (
            "accepted, not opened: " + ", ".join(sorted(fresh.value)))
        print(f"| {name} | {len(data):,} | {fresh.seconds:.3f} s | "
              f"{fresh.rss_growth / cases.MiB:.1f} MiB | "
              f"{traced.peak / cases.MiB:.1f} MiB | {answer} |", flush=True)


if __name__ == "__main__":
    sys.exit(_measure())
