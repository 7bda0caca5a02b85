"""Tests of mr_dashboard.hot.bundle: folders and archives, read safely."""

import io
import tarfile
import zipfile

import pytest

from mr_dashboard.hot import bundle
from mr_dashboard.hot.parse import TemplateError


def zip_of(files: dict[str, bytes]) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return data.getvalue()


def tar_of(members: list[tarfile.TarInfo], mode="w:gz") -> bytes:
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode=mode) as archive:
        for member in members:
            archive.addfile(member, io.BytesIO(b"x" * member.size)
                            if member.isfile() else None)
    return data.getvalue()


def test_safe_paths_resolve_relative_to_the_referring_file():
    assert bundle.safe_path("b.yaml", "sub/a.yaml") == "sub/b.yaml"
    assert bundle.safe_path("../c.yaml", "sub/a.yaml") == "c.yaml"
    assert bundle.safe_path("./x/../y.sh") == "y.sh"


@pytest.mark.parametrize("path, base", [
    ("../x.yaml", "a.yaml"), ("../../x", "sub/a.yaml"), ("/etc/passwd", ""),
    ("a\\b", ""), ("", ""),
])
def test_paths_leaving_the_folder_are_refused(path, base):
    with pytest.raises(TemplateError):
        bundle.safe_path(path, base)


def test_a_folder_loses_its_common_top_folder():
    found = bundle.from_files([("stack/main.yaml", b"m"), ("stack/sub/a.sh", b"a")])
    assert found == {"main.yaml": b"m", "sub/a.sh": b"a"}
    assert bundle.from_files([("a", b"1"), ("b/c", b"2")]) == {"a": b"1", "b/c": b"2"}


def test_zip_and_tar_archives_are_read():
    assert bundle.from_archive(zip_of({"t/main.yaml": b"m", "t/x/y.sh": b"y"}),
                               "t.zip") == {"main.yaml": b"m", "x/y.sh": b"y"}
    member = tarfile.TarInfo("./main.yaml")
    member.size = 3
    assert bundle.from_archive(tar_of([member]), "t.tgz") == {"main.yaml": b"xxx"}


def test_archives_escaping_their_root_or_holding_links_are_refused():
    with pytest.raises(TemplateError, match="leads out"):
        bundle.from_archive(zip_of({"../evil.yaml": b"x"}), "t.zip")
    link = tarfile.TarInfo("link.yaml")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    with pytest.raises(TemplateError, match="is a link"):
        bundle.from_archive(tar_of([link]), "t.tar")
    with pytest.raises(TemplateError, match="not a zip or tar"):
        bundle.from_archive(b"just text", "t.zip")


def test_counts_and_sizes_are_capped(settings):
    settings.MR_DASHBOARD = {"TEMPLATE_MAX_FILES": 2, "TEMPLATE_MAX_TOTAL_BYTES": 10}
    with pytest.raises(TemplateError, match="More than 2 files"):
        bundle.from_archive(zip_of({"a": b"", "b": b"", "c": b""}), "t.zip")
    big = tarfile.TarInfo("big")
    big.size = 11
    with pytest.raises(TemplateError, match="More than 10 bytes"):
        bundle.from_archive(tar_of([big]), "t.tar")
