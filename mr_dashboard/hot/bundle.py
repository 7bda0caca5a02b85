"""A template folder, from uploaded files or a zip/tar archive.

A bundle maps safe relative paths (``nested/db.yaml``) to bytes. Paths that
are absolute or climb out of the folder are refused, never cleaned up;
links and devices in archives are refused too. The number of files and
their total size are capped before anything is read in full, so a
compressed bomb stops early. A single top folder shared by every path (the
folder the user picked, or an archive's root) is dropped.
"""

import io
import posixpath
import tarfile
import zipfile
from collections.abc import Iterable

from django.utils.translation import gettext as _

from mr_dashboard import conf
from mr_dashboard.hot.parse import TemplateError

Bundle = dict[str, bytes]


def safe_path(name: str, base: str = "") -> str:
    """``name`` (relative to the folder of ``base``) inside the bundle."""
    if not name or "\\" in name or "\0" in name or name.startswith("/"):
        raise TemplateError(_("The path %(path)r is not a relative path.")
                            % {"path": name}, base)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base),
                                               name))
    if joined == ".." or joined.startswith("../") or joined == ".":
        raise TemplateError(_("The path %(path)r leads out of the "
                              "template folder.") % {"path": name}, base)
    return joined


def _strip_top_folder(bundle: Bundle) -> Bundle:
    tops = {path.split("/", 1)[0] for path in bundle}
    if len(tops) == 1 and all("/" in path for path in bundle):
        return {path.split("/", 1)[1]: data for path, data in bundle.items()}
    return bundle


class _Limits:
    """Counts files and bytes against the plugin's limits."""

    def __init__(self, name: str) -> None:
        self.name, self.files, self.bytes = name, 0, 0
        self.max_files = conf.template_max_files()
        self.max_bytes = conf.template_max_total_bytes()

    def add(self, size: int) -> None:
        self.files += 1
        self.bytes += size
        if self.files > self.max_files:
            raise TemplateError(_("More than %(count)d files.")
                                % {"count": self.max_files}, self.name)
        if self.bytes > self.max_bytes:
            raise TemplateError(_("More than %(size)d bytes in all.")
                                % {"size": self.max_bytes}, self.name)


def from_files(files: Iterable[tuple[str, bytes]],
               name: str = "") -> Bundle:
    """A bundle from ``(relative path, content)`` pairs of a folder."""
    limits, bundle = _Limits(name), {}
    for path, data in files:
        limits.add(len(data))
        bundle[safe_path(path)] = data
    return _strip_top_folder(bundle)


def _zip_members(archive: zipfile.ZipFile, limits: _Limits):
    for info in archive.infolist():
        if info.is_dir():
            continue
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            raise TemplateError(_("%(path)s is a link.")
                                % {"path": info.filename}, limits.name)
        limits.add(info.file_size)
        with archive.open(info) as member:
            data = member.read(info.file_size + 1)
        if len(data) != info.file_size:
            raise TemplateError(_("%(path)s is not the size the archive "
                                  "says.") % {"path": info.filename},
                                limits.name)
        yield info.filename, data


def _tar_members(archive: tarfile.TarFile, limits: _Limits):
    for info in archive:
        if info.isdir():
            continue
        if not info.isfile():
            raise TemplateError(_("%(path)s is a link or a device.")
                                % {"path": info.name}, limits.name)
        limits.add(info.size)
        yield info.name, archive.extractfile(info).read()


def from_archive(data: bytes, name: str) -> Bundle:
    """A bundle from a zip or tar (optionally compressed) archive."""
    limits, bundle = _Limits(name), {}
    try:
        if zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = list(_zip_members(archive, limits))
        else:
            with tarfile.open(fileobj=io.BytesIO(data)) as archive:
                members = list(_tar_members(archive, limits))
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError):
        raise TemplateError(_("This is not a zip or tar archive."),
                            name) from None
    for path, content in members:
        bundle[safe_path(path.removeprefix("./"), "")] = content
    if not bundle:
        raise TemplateError(_("The archive holds no files."), name)
    return _strip_top_folder(bundle)
