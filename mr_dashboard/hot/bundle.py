"""A template folder, from uploaded files or a zip/tar archive, read within
bounds.

A bundle maps safe relative paths (``nested/db.yaml``) to bytes. Paths that
are absolute or climb out of the folder are refused, never cleaned up;
links, devices and sparse files in archives are refused too. A single top
folder shared by every path (the folder the user picked, or an archive's
root) is dropped.

Nothing an archive *says* is trusted before it is counted. Its format is
told from its first bytes (zip, gzip, bzip2, xz or plain tar) and a tar is
decompressed through a reader that never gives more than
:func:`max_archive_bytes` in all (:class:`_Capped`) and read as a stream,
so tarfile's own reads of long names and PAX records go through the cap
too; every header block is counted before tarfile processes it and an
extension header larger than :data:`EXTENSION_MAX_BYTES` is refused before
its data is read. A zip's central directory records are counted from the
raw bytes before zipfile builds anything from them; declared sizes, links,
encryption, compression methods and overlapping entries are checked before
any member is read, and each member is read through the cap again.
"""

import bz2
import gzip
import io
import lzma
import posixpath
import struct
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import NoReturn, Protocol

from django.utils.translation import gettext as _

from mr_dashboard import conf
from mr_dashboard.hot.parse import TemplateError

Bundle = dict[str, bytes]

#: Entries of any kind (files, folders, links, tar's long-name and PAX
#: headers, zip's directory records) an archive may hold, per file allowed
#: (``TEMPLATE_MAX_FILES``).
ENTRIES_PER_FILE = 4
#: Bytes of an archive's own bookkeeping allowed per entry, on top of
#: ``TEMPLATE_MAX_TOTAL_BYTES`` of content: a tar header block and the
#: padding of its data take up to 1 KiB, the rest is for long names, PAX
#: records, the end-of-archive blocks; a zip's local and central headers.
BOOKKEEPING_PER_ENTRY = 2048
#: Largest tar extension header (a GNU long name or long link, a PAX record
#: set) and all of them together: Python's tarfile parses a PAX header in
#: time quadratic in its size.
EXTENSION_MAX_BYTES = 4096
EXTENSIONS_MAX_BYTES = 65536
#: Most extension headers in a row (tarfile reads each one a level deeper
#: down the stack).
EXTENSIONS_IN_A_ROW = 8
#: Memory liblzma may reserve to decompress an .xz archive (``xz -9``
#: needs 65 MiB); a header asking for a larger dictionary is refused.
XZ_MEMORY_LIMIT = 80 << 20

_TAR_EXTENSIONS = (tarfile.GNUTYPE_LONGNAME, tarfile.GNUTYPE_LONGLINK,
                   tarfile.XHDTYPE, tarfile.XGLTYPE, tarfile.SOLARIS_XHDTYPE)
_ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_ZIP_LOCAL_HEADER = 30
_ZIP_CENTRAL_RECORD = 46
#: What the standard library raises on a damaged archive (a TemplateError
#: is a ValueError too: it is let through first).
_DAMAGED = (tarfile.TarError, zipfile.BadZipFile, zipfile.LargeZipFile,
            EOFError, OSError, lzma.LZMAError, zlib.error, struct.error,
            NotImplementedError, ValueError)


def safe_path(name: str, base: str = "") -> str:
    """``name`` (relative to the folder of ``base``) inside the bundle."""
    if not name or "\\" in name or "\0" in name or name.startswith("/"):
        raise TemplateError(_("The path %(path)r is not a relative path.")
                            % {"path": name}, base)
    try:
        name.encode()
    except UnicodeEncodeError:  # a tar name that was not UTF-8
        raise TemplateError(_("The path %(path)r is not UTF-8 text.")
                            % {"path": name}, base) from None
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


def max_entries() -> int:
    """Most entries of any kind one archive may hold."""
    return ENTRIES_PER_FILE * conf.template_max_files()


def max_archive_bytes() -> int:
    """Largest archive, and largest decompressed tar stream: the content
    allowed plus the bookkeeping of every entry allowed."""
    return (conf.template_max_total_bytes()
            + BOOKKEEPING_PER_ENTRY * max_entries())


class _Limits:
    """Counts entries, files and bytes against the plugin's limits."""

    def __init__(self, name: str) -> None:
        self.name, self.files, self.bytes, self.entries = name, 0, 0, 0
        self.max_files = conf.template_max_files()
        self.max_bytes = conf.template_max_total_bytes()

    def refuse(self, message: str) -> NoReturn:
        raise TemplateError(message, self.name)

    def entry(self) -> None:
        self.entries += 1
        if self.entries > max_entries():
            self.refuse(_("The archive has more than %(count)d entries "
                          "(files, folders and headers).")
                        % {"count": max_entries()})

    def add(self, size: int) -> None:
        """One more file of ``size`` bytes (as declared)."""
        if size < 0:
            self.refuse(_("The archive is damaged: a negative size."))
        self.files += 1
        self.bytes += size
        if self.files > self.max_files:
            self.refuse(_("More than %(count)d files.")
                        % {"count": self.max_files})
        if self.bytes > self.max_bytes:
            self.refuse(_("More than %(size)d bytes in all.")
                        % {"size": self.max_bytes})


def check_declared(sizes: Sequence[int], name: str) -> None:
    """Refuses files whose number or declared sizes pass the limits of a
    folder, before any of them is read."""
    limits = _Limits(name)
    for size in sizes:
        limits.add(size)


def from_files(files: Iterable[tuple[str, bytes]],
               name: str = "") -> Bundle:
    """A bundle from ``(relative path, content)`` pairs of a folder."""
    limits, bundle = _Limits(name), {}
    for path, data in files:
        limits.add(len(data))
        bundle[safe_path(path)] = data
    return _strip_top_folder(bundle)


class _Reader(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class _Capped:
    """Gives at most ``cap`` bytes of ``raw`` in all. Asked for more than
    is left, it asks ``raw`` for one byte more than is left (so nobody
    allocates more) and raises if that byte comes."""

    def __init__(self, raw: _Reader, cap: int, refusal: TemplateError
                 ) -> None:
        self.raw, self.left, self.refusal = raw, cap, refusal

    def read(self, size: int = -1) -> bytes:
        want = self.left + 1 if size < 0 or size > self.left else size
        data = self.raw.read(want)
        if len(data) > self.left:
            raise self.refusal
        self.left -= len(data)
        return data


class _Xz:
    """The first xz stream of ``data``, decompressed within
    :data:`XZ_MEMORY_LIMIT` (what follows it is past a tar's end)."""

    def __init__(self, data: bytes) -> None:
        self.input = data
        self.decompressor = lzma.LZMADecompressor(
            lzma.FORMAT_XZ, memlimit=XZ_MEMORY_LIMIT)

    def read(self, size: int) -> bytes:
        if self.decompressor.eof:
            return b""
        data = self.decompressor.decompress(self.input, size)
        self.input = b""
        if not data and self.decompressor.needs_input:
            raise EOFError("the xz stream is cut short")
        return data


def _decompressed(data: bytes) -> _Reader:
    """``data`` decompressed as its first bytes say (plain when they name
    no compression); every reader here gives no more than it is asked."""
    if data.startswith(b"\x1f\x8b"):
        return gzip.GzipFile(fileobj=io.BytesIO(data))
    if data.startswith(b"BZh"):
        return bz2.BZ2File(io.BytesIO(data))
    if data.startswith(b"\xfd7zXZ\x00"):
        return _Xz(data)
    return io.BytesIO(data)


def _counted_tar_info(limits: _Limits) -> type[tarfile.TarInfo]:
    """A TarInfo class that counts every header block tarfile reads (each
    goes through ``frombuf``, long names and PAX headers too) and refuses,
    before tarfile reads on, an extension header that is too large or one
    too many in a row, and a sparse member (its map unread)."""
    extension_bytes = in_a_row = 0

    class Counted(tarfile.TarInfo):
        @classmethod
        def frombuf(cls, buf: bytes, encoding: str, errors: str):
            nonlocal extension_bytes, in_a_row
            info = super().frombuf(buf, encoding, errors)
            limits.entry()
            if info.size < 0:
                limits.refuse(_("The archive is damaged: a negative size."))
            if info.type == tarfile.GNUTYPE_SPARSE:
                limits.refuse(_("%(path)s is a sparse file.")
                              % {"path": info.name})
            if info.type not in _TAR_EXTENSIONS:
                in_a_row = 0
                return info
            in_a_row += 1
            extension_bytes += info.size
            if info.size > EXTENSION_MAX_BYTES:
                limits.refuse(_("The archive has a long-name or PAX header "
                                "of %(size)d bytes, more than the %(limit)d "
                                "allowed.") % {"size": info.size,
                                               "limit": EXTENSION_MAX_BYTES})
            if extension_bytes > EXTENSIONS_MAX_BYTES:
                limits.refuse(_("The archive's long-name and PAX headers "
                                "hold more than %(limit)d bytes in all.")
                              % {"limit": EXTENSIONS_MAX_BYTES})
            if in_a_row > EXTENSIONS_IN_A_ROW:
                limits.refuse(_("The archive has more than %(count)d "
                                "headers in a row for one entry.")
                              % {"count": EXTENSIONS_IN_A_ROW})
            return info

        def _proc_gnusparse_10(self, next, pax_headers, tarfile):
            # tarfile reads a PAX sparse map (GNU format 1.0) from the data
            # before it hands the member over, a line at a time: up to the
            # cap, that is seconds of CPU for a few KiB compressed. Sparse
            # files are refused anyway; this one is, before its map.
            limits.refuse(_("%(path)s is a sparse file.")
                          % {"path": next.name})

    return Counted


def _refuse_special(name: str, limits: _Limits) -> NoReturn:
    limits.refuse(_("%(path)s is a link, a device or another special "
                    "entry: only files and folders are read.")
                  % {"path": name})


def _tar_members(data: bytes, limits: _Limits
                 ) -> Iterator[tuple[str, bytes]]:
    stream = _Capped(_decompressed(data), max_archive_bytes(), TemplateError(
        _("The archive unpacks to more than %(size)d bytes (its files and "
          "their headers).") % {"size": max_archive_bytes()}, limits.name))
    with tarfile.open(fileobj=stream, mode="r|",
                      tarinfo=_counted_tar_info(limits)) as archive:
        for info in archive:
            if info.isdir():
                continue
            if not info.isfile():
                _refuse_special(info.name, limits)
            if info.issparse():
                limits.refuse(_("%(path)s is a sparse file.")
                              % {"path": info.name})
            limits.add(info.size)
            yield info.name, archive.extractfile(info).read()


def _zip_directory_start(data: bytes, limits: _Limits) -> int:
    """Where the central directory starts, found as zipfile finds it, with
    its records counted before zipfile makes an object of each."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - (1 << 16)))
    if end < 0 or end + 22 > len(data):
        raise zipfile.BadZipFile("no end of central directory")
    (size,) = struct.unpack_from("<L", data, end + 12)
    if (end >= 76 and data[end - 20:end - 16] == b"PK\x06\x07"
            and data[end - 76:end - 72] == b"PK\x06\x06"):  # ZIP64
        (size,) = struct.unpack_from("<Q", data, end - 76 + 40)
        end -= 76
    start = position = end - size
    if start < 0:
        raise zipfile.BadZipFile("bad central directory size")
    while position < end:
        limits.entry()
        if (position + _ZIP_CENTRAL_RECORD > end
                or data[position:position + 4] != b"PK\x01\x02"):
            raise zipfile.BadZipFile("bad central directory record")
        position += _ZIP_CENTRAL_RECORD + sum(
            struct.unpack_from("<3H", data, position + 28))
    return start


def _zip_folder(info: zipfile.ZipInfo) -> bool:
    # ZipInfo.is_dir fails on an empty name, which safe_path refuses later.
    return info.filename.endswith("/")


def _check_zip_entries(infos: list[zipfile.ZipInfo], directory: int,
                       limits: _Limits) -> None:
    """Everything refused before a member is read: special entries,
    encryption, other compression methods, declared sizes, overlaps
    (each entry's local header and data must end before the next one's
    header starts)."""
    for info in infos:
        kind = (info.external_attr >> 16) & 0o170000
        if kind not in (0, 0o100000, 0o040000):
            _refuse_special(info.filename, limits)
        if _zip_folder(info):
            continue
        if info.flag_bits & 0x1:
            limits.refuse(_("%(path)s is encrypted.")
                          % {"path": info.filename})
        if info.compress_type not in _ZIP_METHODS:
            limits.refuse(_("%(path)s is compressed with method %(method)d: "
                            "only stored and deflated files are read.")
                          % {"path": info.filename,
                             "method": info.compress_type})
        limits.add(info.file_size)
    ordered = sorted(infos, key=lambda info: info.header_offset)
    ends = [info.header_offset for info in ordered[1:]] + [directory]
    for info, end in zip(ordered, ends):
        if info.header_offset + _ZIP_LOCAL_HEADER + info.compress_size > end:
            limits.refuse(_("%(path)s overlaps another entry of the "
                            "archive.") % {"path": info.filename})


def _zip_members(data: bytes, limits: _Limits
                 ) -> Iterator[tuple[str, bytes]]:
    directory = _zip_directory_start(data, limits)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        if len(infos) != limits.entries:
            raise zipfile.BadZipFile("central directory read differently")
        _check_zip_entries(infos, directory, limits)
        for info in infos:
            if _zip_folder(info):
                continue
            with archive.open(info) as member:
                content = _Capped(member, info.file_size, TemplateError(
                    _("%(path)s is not the size the archive says.")
                    % {"path": info.filename}, limits.name)).read()
            if len(content) != info.file_size:
                limits.refuse(_("%(path)s is not the size the archive says.")
                              % {"path": info.filename})
            yield info.filename, content


def from_archive(data: bytes, name: str) -> Bundle:
    """A bundle from a zip or tar (plain, gzip, bzip2 or xz) archive."""
    limits, bundle = _Limits(name), {}
    if len(data) > max_archive_bytes():
        limits.refuse(_("The archive is larger than %(size)d bytes.")
                      % {"size": max_archive_bytes()})
    is_zip = data.startswith((b"PK\x03\x04", b"PK\x05\x06"))
    try:
        members = list(_zip_members(data, limits) if is_zip
                       else _tar_members(data, limits))
    except TemplateError:
        raise
    except _DAMAGED:
        raise TemplateError(_("This is not a zip or tar archive, or it is "
                              "damaged."), name) from None
    for path, content in members:
        try:
            bundle[safe_path(path.removeprefix("./"))] = content
        except TemplateError as exc:
            limits.refuse(exc.message)
    if not bundle:
        limits.refuse(_("The archive holds no files."))
    return _strip_top_folder(bundle)
